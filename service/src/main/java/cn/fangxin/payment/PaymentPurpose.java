package cn.fangxin.payment;

/** What a payment pays for; its {@code reference} says which one. */
public enum PaymentPurpose {
	/** An order's price, into the order's escrow. */
	ORDER,
	/** A merchant's guarantee deposit. */
	DEPOSIT
}
