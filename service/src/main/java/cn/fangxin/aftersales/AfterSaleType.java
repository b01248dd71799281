package cn.fangxin.aftersales;

/** What the consumer asks for. */
public enum AfterSaleType {
	/** Money back, nothing to send back (not received, or the merchant agrees). */
	REFUND_ONLY,
	/** Send the goods back, get the money back. */
	RETURN_AND_REFUND,
	/** Send the goods back, get the same goods again. */
	EXCHANGE;

	boolean hasReturn() {
		return this != REFUND_ONLY;
	}
}
