package cn.fangxin.evidence;

/** What an evidence record is. The first kinds are uploaded by people; the last ones are made by the system. */
public enum EvidenceKind {
	SCREENSHOT, CHAT_EXPORT, PAYMENT_VOUCHER, LOGISTICS_PROOF, AD_PAGE_CAPTURE, APPRAISAL_REPORT, INVOICE, OTHER,
	/** The order as the consumer bought it (issue on orders). */
	ORDER_SNAPSHOT,
	/** A version of a listing. */
	LISTING_VERSION,
	/** A chat message. */
	CHAT_MESSAGE,
	/** A step of an after-sales case or complaint. */
	CASE_EVENT,
	/** An arbitration decision. */
	DECISION;

	public boolean uploadable() {
		return ordinal() <= OTHER.ordinal();
	}
}
