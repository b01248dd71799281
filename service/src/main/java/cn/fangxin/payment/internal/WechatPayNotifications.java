package cn.fangxin.payment.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;

import cn.fangxin.payment.PaymentStatus;
import cn.fangxin.payment.PaymentView;
import cn.fangxin.payment.Payments;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Money;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * WeChat Pay API v3 payment notifications: verified with the official SDK (RSA-SHA256 signature over
 * timestamp, nonce and body by WeChat Pay's public key; AES-256-GCM resource decrypted with the APIv3 key), checked
 * against the payment (merchant number, amount, currency), and applied through {@link Payments}, which books each
 * payment once. Duplicates and reports that arrive out of order change nothing twice.
 */
@Component
public class WechatPayNotifications {

	private static final Logger log = LoggerFactory.getLogger(WechatPayNotifications.class);

	private final WechatPayProperties properties;
	private final NotificationParser parser;
	private final Payments payments;
	private final PaymentRepository repository;
	private final ObjectMapper json;
	private final Clock realTime = Clock.systemUTC();
	private final Clock clock;

	WechatPayNotifications(WechatPayProperties properties, Payments payments, PaymentRepository repository,
			ObjectMapper json, Clock clock) {
		this.properties = properties;
		this.payments = payments;
		this.repository = repository;
		this.json = json;
		this.clock = clock;
		this.parser = properties.configured() ? new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
			.publicKey(publicKeyPem(properties))
			.publicKeyId(properties.publicKeyId())
			.apiV3Key(properties.apiV3Key())
			.build()) : null;
	}

	/**
	 * Handles one notification.
	 *
	 * @param headers the Wechatpay-* headers
	 * @param body the exact body as received
	 */
	public void handle(Headers headers, String body) {
		if (parser == null) {
			throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "WECHATPAY_NOT_CONFIGURED",
					"WeChat Pay is not configured on this installation.");
		}
		if (headers.serial() == null || headers.signature() == null || headers.timestamp() == null
				|| headers.nonce() == null) {
			throw new ApiProblem(HttpStatus.UNAUTHORIZED, "WECHATPAY_SIGNATURE_INVALID",
					"Wechatpay-Serial, -Signature, -Timestamp and -Nonce are required.");
		}
		long timestamp;
		try {
			timestamp = Long.parseLong(headers.timestamp());
		}
		catch (NumberFormatException e) {
			throw new ApiProblem(HttpStatus.UNAUTHORIZED, "WECHATPAY_SIGNATURE_INVALID", "Wechatpay-Timestamp is not a number.");
		}
		if (Math.abs(realTime.instant().getEpochSecond() - timestamp) > properties.skew()) {
			throw new ApiProblem(HttpStatus.UNAUTHORIZED, "WECHATPAY_TIMESTAMP_STALE",
					"The notification's timestamp is too far from now; replays are refused.");
		}
		Transaction transaction;
		try {
			transaction = parser.parse(new RequestParam.Builder().serialNumber(headers.serial())
				.nonce(headers.nonce())
				.signature(headers.signature())
				.signType(headers.signatureType() == null ? "WECHATPAY2-SHA256-RSA2048" : headers.signatureType())
				.timestamp(headers.timestamp())
				.body(body)
				.build(), Transaction.class);
		}
		catch (ValidationException e) {
			log.warn("rejected a WeChat Pay notification with a bad signature (serial {})", headers.serial());
			throw new ApiProblem(HttpStatus.UNAUTHORIZED, "WECHATPAY_SIGNATURE_INVALID",
					"The notification's signature does not verify.");
		}
		catch (MalformedMessageException | IllegalArgumentException | com.google.gson.JsonParseException e) {
			throw ApiProblem.invalid("WECHATPAY_NOTIFICATION_MALFORMED", "The notification cannot be read.");
		}
		catch (RuntimeException e) {
			// The SDK wraps AES-GCM failures (wrong key, tampered ciphertext) in plain runtime exceptions.
			throw ApiProblem.invalid("WECHATPAY_NOTIFICATION_MALFORMED", "The notification's resource cannot be decrypted.");
		}
		apply(eventType(body), transaction);
	}

	private void apply(String eventType, Transaction t) {
		String paymentId = t.getOutTradeNo();
		PaymentView payment = paymentId == null ? null : payments.find(paymentId).orElse(null);
		if (payment == null) {
			throw ApiProblem.notFound("PAYMENT_NOT_FOUND", "No payment with this out_trade_no.");
		}
		if (!properties.merchantId().equals(t.getMchid())) {
			repository.recordEvent(paymentId, "MERCHANT_MISMATCH", t.getMchid(), clock.instant());
			throw ApiProblem.rule("WECHATPAY_MERCHANT_MISMATCH", "The notification is for another merchant number.");
		}
		Transaction.TradeStateEnum state = t.getTradeState();
		repository.recordEvent(paymentId, "NOTIFIED_" + (state == null ? "UNKNOWN" : state.name()),
				eventType + " " + t.getTransactionId(), clock.instant());
		if (state == null) {
			return;
		}
		switch (state) {
			case SUCCESS -> {
				if (t.getAmount() == null || t.getAmount().getTotal() == null
						|| (t.getAmount().getCurrency() != null && !"CNY".equals(t.getAmount().getCurrency()))) {
					throw ApiProblem.rule("PAYMENT_AMOUNT_MISMATCH", "The notification has no CNY amount.");
				}
				long reported = t.getAmount().getTotal();
				if (reported != payment.amountFen()) {
					// A payment's amount never changes, so this needs no lock; recorded here, outside the booking's
					// transaction, so that the refusal's rollback does not take the record of it along.
					repository.recordEvent(paymentId, "AMOUNT_MISMATCH", "reported " + reported + " fen", clock.instant());
					throw ApiProblem.rule("PAYMENT_AMOUNT_MISMATCH",
							"The provider reported " + reported + " fen for a payment of " + payment.amountFen() + " fen.");
				}
				payments.succeeded(paymentId, t.getTransactionId(), Money.fen(reported));
			}
			case CLOSED, REVOKED, PAYERROR -> payments.failed(paymentId, "WeChat Pay: " + state);
			case NOTPAY, USERPAYING, REFUND, ACCEPT -> {
				// Progress reports (or a refund of a booked payment, confirmed by its own refund flow): nothing to move.
			}
		}
		if (payment.status() == PaymentStatus.SUCCEEDED && state != Transaction.TradeStateEnum.SUCCESS) {
			log.info("payment {} already succeeded; a later {} report changed nothing", paymentId, state);
		}
	}

	private String eventType(String body) {
		try {
			JsonNode node = json.readTree(body);
			return node.path("event_type").asString("");
		}
		catch (RuntimeException e) {
			return "";
		}
	}

	private static String publicKeyPem(WechatPayProperties properties) {
		if (properties.publicKey() != null) {
			return properties.publicKey();
		}
		try {
			return properties.publicKeyLocation().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read fangxin.payments.wechatpay.public-key-location", e);
		}
	}

	/** The Wechatpay-* request headers. */
	public record Headers(String serial, String signature, String timestamp, String nonce, String signatureType) {
	}

	Instant now() {
		return clock.instant();
	}
}
