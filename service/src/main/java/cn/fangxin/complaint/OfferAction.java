package cn.fangxin.complaint;

/** What a merchant's offer does besides the money. */
public enum OfferAction {
	REFUND, RETURN_AND_REFUND, EXCHANGE, REPAIR, COMPENSATION, APOLOGY, INVOICE, OTHER
}
