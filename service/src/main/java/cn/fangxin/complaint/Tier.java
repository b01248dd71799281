package cn.fangxin.complaint;

/** Where a complaint is handled, in escalation order (API.md "Complaints"). */
public enum Tier {
	/** The merchant answers and negotiates, with platform customer service watching the deadlines. */
	PLATFORM_SERVICE,
	/** Platform online dispute resolution (E-Commerce Law art. 63): an arbitrator decides. */
	PLATFORM_ARBITRATION,
	/** The market regulator's complaint handling (SAMR Order 20): acceptance, then mediation. */
	REGULATOR_12315,
	/** Court. */
	COURT;

	/** The tier after this one, or this one at the top. */
	public Tier next() {
		return this == COURT ? COURT : values()[ordinal() + 1];
	}
}
