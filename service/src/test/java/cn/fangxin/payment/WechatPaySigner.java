package cn.fangxin.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.io.ClassPathResource;

/**
 * Makes WeChat Pay API v3 notifications as WeChat Pay does: the transaction JSON encrypted with AES-256-GCM under the
 * APIv3 key, wrapped in the notification envelope, and the whole signed with SHA256withRSA over
 * {@code timestamp\nnonce\nbody\n} by a private key whose public half the test profile configures.
 */
final class WechatPaySigner {

	static final String MERCHANT_ID = "1900000109";
	static final String API_V3_KEY = "fangxin-test-apiv3-key-32-bytes!";
	static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

	private final PrivateKey privateKey;

	WechatPaySigner() {
		try {
			String pem = new ClassPathResource("wechatpay/test-private.pem").getContentAsString(StandardCharsets.UTF_8)
				.replaceAll("-----[A-Z ]+-----", "")
				.replaceAll("\\s", "");
			privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The transaction resource WeChat Pay sends for a payment. */
	static String transaction(String outTradeNo, String transactionId, String tradeState, long totalFen, String mchid) {
		return """
				{"appid":"wxd678efh567hg6787","mchid":"%s","out_trade_no":"%s","transaction_id":"%s",
				"trade_type":"JSAPI","trade_state":"%s","trade_state_desc":"支付成功","bank_type":"CMC",
				"success_time":"2026-11-23T09:10:00+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
				"amount":{"total":%d,"payer_total":%d,"currency":"CNY","payer_currency":"CNY"}}"""
			.formatted(mchid, outTradeNo, transactionId, tradeState, totalFen, totalFen)
			.replace("\n", "");
	}

	/** A signed notification carrying the plaintext resource, with a timestamp of now. */
	Notification sign(String resourcePlaintext) {
		return sign(resourcePlaintext, System.currentTimeMillis() / 1000, API_V3_KEY);
	}

	Notification sign(String resourcePlaintext, long timestamp, String apiV3Key) {
		String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String aad = "transaction";
		String ciphertext = encrypt(resourcePlaintext, apiV3Key, nonce, aad);
		String body = """
				{"id":"%s","create_time":"2026-11-23T09:10:01+08:00","resource_type":"encrypt-resource",
				"event_type":"TRANSACTION.SUCCESS","summary":"支付成功","resource":{"original_type":"transaction",
				"algorithm":"AEAD_AES_256_GCM","ciphertext":"%s","associated_data":"%s","nonce":"%s"}}"""
			.formatted(UUID.randomUUID(), ciphertext, aad, nonce)
			.replace("\n", "");
		String headerNonce = UUID.randomUUID().toString().replace("-", "");
		String signature = signature(timestamp + "\n" + headerNonce + "\n" + body + "\n");
		return new Notification(body, String.valueOf(timestamp), headerNonce, signature, PUBLIC_KEY_ID);
	}

	private String signature(String message) {
		try {
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(privateKey);
			signer.update(message.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signer.sign());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String encrypt(String plaintext, String key, String nonce, String aad) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
					new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
			cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** What WeChat Pay posts: the body and the Wechatpay-* headers. */
	record Notification(String body, String timestamp, String nonce, String signature, String serial) {

		Notification withBody(String otherBody) {
			return new Notification(otherBody, timestamp, nonce, signature, serial);
		}
	}
}
