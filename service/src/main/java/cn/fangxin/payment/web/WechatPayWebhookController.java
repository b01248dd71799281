package cn.fangxin.payment.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.payment.internal.WechatPayNotifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** WeChat Pay calls this with payment results. Public: the signature is the authentication. */
@RestController
@Tag(name = "Payments")
class WechatPayWebhookController {

	private final WechatPayNotifications notifications;

	WechatPayWebhookController(WechatPayNotifications notifications) {
		this.notifications = notifications;
	}

	@PostMapping(path = "/api/v1/payments/webhooks/wechatpay", consumes = "application/json")
	@Operation(summary = "WeChat Pay API v3 payment notification",
			description = "204 when applied (or already applied). Bad signature or stale timestamp: 401; unreadable: 400; "
					+ "unknown out_trade_no: 404; wrong merchant or amount: 422. WeChat Pay retries non-2xx answers.")
	ResponseEntity<Void> notify(@RequestHeader(name = "Wechatpay-Serial", required = false) String serial,
			@RequestHeader(name = "Wechatpay-Signature", required = false) String signature,
			@RequestHeader(name = "Wechatpay-Timestamp", required = false) String timestamp,
			@RequestHeader(name = "Wechatpay-Nonce", required = false) String nonce,
			@RequestHeader(name = "Wechatpay-Signature-Type", required = false) String signatureType,
			@RequestBody String body) {
		notifications.handle(new WechatPayNotifications.Headers(serial, signature, timestamp, nonce, signatureType),
				body);
		return ResponseEntity.noContent().build();
	}
}
