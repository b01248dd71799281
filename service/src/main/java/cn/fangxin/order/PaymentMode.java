package cn.fangxin.order;

/** How an order is paid. */
public enum PaymentMode {
	/** Paid at checkout into escrow, released to the merchant at receipt. */
	ESCROW,
	/** Shipped without payment; charged when the consumer confirms receipt. */
	PAY_AFTER_RECEIPT
}
