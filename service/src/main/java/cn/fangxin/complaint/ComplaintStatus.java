package cn.fangxin.complaint;

/** A complaint's state (API.md "Complaints"). */
public enum ComplaintStatus {
	AWAITING_MERCHANT, NEGOTIATING, IN_ARBITRATION, DECIDED, APPEALED, REFERRED, RESOLVED, WITHDRAWN, CLOSED;

	/** Nothing more happens on the platform (a referral or court may still follow a CLOSED decision). */
	public boolean over() {
		return this == RESOLVED || this == WITHDRAWN || this == CLOSED;
	}
}
