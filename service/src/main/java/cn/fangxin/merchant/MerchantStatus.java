package cn.fangxin.merchant;

/** Where a shop stands in the registry. */
public enum MerchantStatus {
	/** Applied, or changed its identity; staff review it before it (again) sells. */
	PENDING_REVIEW,
	/** Verified; may list and sell. */
	ACTIVE,
	/** The application was rejected; the reason is shown to the applicant, who may correct and resubmit. */
	REJECTED,
	/** Re-verification is due (every six months); may still sell for the grace period. */
	VERIFICATION_DUE,
	/** May not list or sell: re-verification overdue, or a sanction. */
	SUSPENDED,
	/** Closed for good by a sanction. */
	BANNED,
	/**
	 * Stopping: the merchant announced the shop's closure, shown on its page for 30 days before it closes (E-Commerce
	 * Law art. 16). Sells no more; finishes its orders, after-sales cases and complaints; may withdraw the announcement.
	 */
	CLOSING,
	/**
	 * Closed by its merchant after the announcement, with nothing left open with buyers: sells no more; its deposit is kept for the claims
	 * period after closure and then returned to its balance, from which it withdraws.
	 */
	CLOSED;

	/** Whether new listings and new orders are allowed. */
	public boolean maySell() {
		return this == ACTIVE || this == VERIFICATION_DUE;
	}
}
