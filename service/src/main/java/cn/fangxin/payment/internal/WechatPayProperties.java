package cn.fangxin.payment.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * WeChat Pay API v3 settings ({@code fangxin.payments.wechatpay.*}); the webhook works when all are set.
 *
 * @param merchantId the merchant number (mchid) notifications must be for
 * @param apiV3Key the 32-character APIv3 key that encrypts notification resources
 * @param publicKey WeChat Pay's public key (PEM) that signs notifications
 * @param publicKeyLocation or where to read it from
 * @param publicKeyId the public key's id (Wechatpay-Serial of signed notifications)
 * @param maxClockSkewSeconds how far a notification's timestamp may be from now (replay protection)
 */
@ConfigurationProperties("fangxin.payments.wechatpay")
record WechatPayProperties(String merchantId, String apiV3Key, String publicKey, Resource publicKeyLocation,
		String publicKeyId, Integer maxClockSkewSeconds) {

	boolean configured() {
		return merchantId != null && apiV3Key != null && publicKeyId != null
				&& (publicKey != null || publicKeyLocation != null);
	}

	int skew() {
		return maxClockSkewSeconds == null ? 300 : maxClockSkewSeconds;
	}
}
