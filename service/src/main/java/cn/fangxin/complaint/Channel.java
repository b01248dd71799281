package cn.fangxin.complaint;

/**
 * How a complaint came in (E-Commerce Law art. 59: complaint and report channels, published). Complaints entered by
 * staff on a consumer's behalf keep the channel they came through and record who entered them.
 */
public enum Channel {
	/** Platform customer service (online service, hotline). */
	PLATFORM_SERVICE,
	/** A violation report (false advertising, fraudulent selling). */
	PLATFORM_REPORT,
	/** Referred to the platform by 12315 (online dispute resolution). */
	REGULATOR_12315
}
