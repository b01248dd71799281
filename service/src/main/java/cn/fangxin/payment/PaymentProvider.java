package cn.fangxin.payment;

/** Where a consumer's money comes from. */
public enum PaymentProvider {
	/** Instant and in-process: the demo and the tests. */
	SANDBOX,
	/** WeChat Pay API v3: paid in WeChat, confirmed by a signed notification. */
	WECHATPAY
}
