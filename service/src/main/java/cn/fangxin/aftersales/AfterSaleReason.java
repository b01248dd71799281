package cn.fangxin.aftersales;

/** Why (API.md). Only {@link #NO_REASON_7DAY} depends on the 7-day window and the listing's exclusions. */
public enum AfterSaleReason {
	/** CRPL art. 25: 7 days without giving a reason; the consumer pays the return shipping. */
	NO_REASON_7DAY,
	/** CRPL art. 24: the goods are defective; the merchant pays the return shipping. */
	QUALITY,
	NOT_AS_DESCRIBED,
	COUNTERFEIT,
	NOT_RECEIVED,
	DAMAGED;

	/** Who pays the return shipping (CRPL arts. 24 and 25). */
	String returnShippingPayer() {
		return this == NO_REASON_7DAY ? "CONSUMER" : "MERCHANT";
	}
}
