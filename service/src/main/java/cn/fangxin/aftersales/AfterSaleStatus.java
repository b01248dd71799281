package cn.fangxin.aftersales;

/** A case's states (API.md). */
public enum AfterSaleStatus {
	REQUESTED, APPROVED, REJECTED, RETURN_SHIPPED, RETURN_RECEIVED, REFUNDED, WITHDRAWN, ESCALATED;

	/** Whether the case is over: refunded, withdrawn by the consumer, or handed to staff. */
	public boolean closed() {
		return this == REFUNDED || this == WITHDRAWN;
	}
}
