package cn.fangxin.catalog;

/**
 * Why goods are excluded from 7-day no-reason returns (CRPL art. 25 ¶1; SAMR Order 90, 2017), or, for
 * {@link #CONFIRMED_AT_PURCHASE}, excluded only when the consumer confirmed it when buying (art. 25 ¶2).
 */
public enum ReturnExclusion {
	/** Made to the consumer's order. */
	CUSTOM_MADE,
	/** Fresh, live or perishable goods. */
	FRESH_PERISHABLE,
	/** Digital goods downloaded online. */
	DIGITAL_CONTENT,
	/** Audio, video or software unsealed by the consumer. */
	UNSEALED_AUDIO_VIDEO_SOFTWARE,
	/** Newspapers and periodicals delivered. */
	PERIODICAL,
	/** Goods unsuitable for return by their nature, excluded only with the consumer's confirmation at purchase. */
	CONFIRMED_AT_PURCHASE
}
