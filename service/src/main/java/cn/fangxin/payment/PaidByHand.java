package cn.fangxin.payment;

/** How staff paid a refund or payout by hand that the provider refused or cannot be asked for through its API. */
public enum PaidByHand {
	/**
	 * In the provider's own console (WeChat Pay's merchant platform), under the same refund: the money left through
	 * the provider as booked, so nothing more is booked. Allowed for any refund still open.
	 */
	PROVIDER,
	/**
	 * Another way (a bank transfer from the platform's account): allowed only when the provider refused the refund,
	 * so that it cannot pay it as well. The provider still holds the money and the bank paid it, which is booked as
	 * a correction: the provider's clearing account → the bank's.
	 */
	BANK_TRANSFER
}
