package cn.fangxin.account;

/** What a person agreed to, each on its own (PIPL arts. 14, 29: consent for a stated purpose; separate consent). */
public enum ConsentPurpose {
	/** The privacy notice ({@code /public/privacy}): the account, its orders, cases and evidence, as the notice says. */
	PRIVACY_NOTICE,
	/**
	 * Separate consent to process an individual seller's resident ID number, sensitive personal data, for the real-name
	 * registry (PIPL art. 29; E-Commerce Law art. 27).
	 */
	IDENTITY_DOCUMENT
}
