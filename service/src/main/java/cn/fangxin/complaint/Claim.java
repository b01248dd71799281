package cn.fangxin.complaint;

/** What the consumer asks for. */
public enum Claim {
	REFUND, RETURN, EXCHANGE, REPAIR, COMPENSATION, INVOICE,
	/** The seller's real name, address and contact (CRPL art. 44), given at arbitration or beyond. */
	DISCLOSE_SELLER_IDENTITY, APOLOGY
}
