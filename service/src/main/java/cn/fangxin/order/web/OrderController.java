package cn.fangxin.order.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.order.OrderRequest;
import cn.fangxin.order.OrderStatus;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md "Orders and escrow". */
@RestController
@Tag(name = "Orders")
class OrderController {

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	@PostMapping("/api/v1/orders")
	@Operation(summary = "Places an order with one shop (CONSUMER; Idempotency-Key)",
			description = "Freezes the listings and the shop's public identity in an ORDER_SNAPSHOT evidence record. "
					+ "400 VALIDATION_FAILED; 404 LISTING_NOT_FOUND; 422 ORDER_MULTIPLE_MERCHANTS, LISTING_NOT_ACTIVE, "
					+ "MERCHANT_NOT_ACTIVE, DEPOSIT_TOO_LOW, CATEGORY_NOT_REGISTERED.")
	ResponseEntity<OrderView> place(@RequestBody OrderRequest request, Caller caller) {
		OrderView order = orders.place(caller, request);
		return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id())).body(order);
	}

	@GetMapping("/api/v1/orders/shipping-addresses")
	@Operation(summary = "The different addresses of the consumer's latest orders, newest first, masked (CONSUMER)",
			description = "To order again without typing the address: POST /api/v1/orders with shippingAddressFrom "
					+ "set to the orderId instead of shippingAddress. Empty for anyone but a consumer.")
	Map<String, List<Orders.EarlierAddress>> shippingAddresses(Caller caller) {
		return Map.of("items", orders.earlierAddresses(caller));
	}

	@GetMapping("/api/v1/orders")
	@Operation(summary = "The caller's orders, newest first (a consumer's own, a shop's, or for staff all; q: an order, "
			+ "consumer or merchant id, a tracking number or the recipient's mobile number)")
	Orders.Page list(@RequestParam(required = false) List<String> status, @RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "20") int limit, Caller caller) {
		return orders.list(caller, statuses(status), q, cursor, limit);
	}

	@GetMapping("/api/v1/orders/{id}")
	@Operation(summary = "An order with its escrow, deadlines and timeline (its consumer, its shop, staff)")
	OrderView get(@PathVariable String id, Caller caller) {
		return orders.get(caller, id);
	}

	/** {@code {method}}: SANDBOX (default) or WECHATPAY. */
	record PaymentBody(String method) {
	}

	@PostMapping("/api/v1/orders/{id}/payment")
	@Operation(summary = "Pays the order into escrow (its consumer; Idempotency-Key)",
			description = "Answers {id, status, shipBy, paymentId, paymentStatus}; GET the order for the rest. "
					+ "409 ORDER_ALREADY_PAID, ORDER_CLOSED, ORDER_PAYMENT_EXPIRED, ORDER_PAY_AFTER_RECEIPT; "
					+ "422 PAYMENT_DECLINED.")
	Orders.Paid pay(@PathVariable String id, @RequestBody(required = false) PaymentBody body, Caller caller) {
		return orders.pay(caller, id, body == null ? null : body.method());
	}

	record ShipmentBody(String carrier, String trackingNumber) {
	}

	@PostMapping("/api/v1/orders/{id}/shipment")
	@Operation(summary = "Ships the order (its shop)",
			description = "409 ORDER_NOT_PAID, ORDER_ALREADY_SHIPPED, ORDER_CLOSED, SHIP_BY_PASSED.")
	OrderView ship(@PathVariable String id, @RequestBody ShipmentBody body, Caller caller) {
		return orders.ship(caller, id, body.carrier(), body.trackingNumber());
	}

	record DeliveryBody(Instant signedAt) {
	}

	@PostMapping("/api/v1/orders/{id}/delivery")
	@Operation(summary = "Reports delivery (AGENT, ADMIN, or the carrier's webhook); the 10 days to confirm start",
			description = "409 ORDER_NOT_SHIPPED, ORDER_ALREADY_DELIVERED; 400 SIGNED_AT_INVALID.")
	OrderView deliver(@PathVariable String id, @RequestBody(required = false) DeliveryBody body, Caller caller) {
		return orders.deliver(caller, id, body == null ? null : body.signedAt());
	}

	@PostMapping("/api/v1/orders/{id}/receipt-confirmation")
	@Operation(summary = "Confirms receipt (its consumer): escrow released to the shop, or a pay-after-receipt order "
			+ "charged", description = "409 ORDER_NOT_SHIPPED, ORDER_CLOSED, ORDER_CHARGE_FAILED.")
	OrderView confirm(@PathVariable String id, Caller caller) {
		return orders.confirmReceipt(caller, id);
	}

	@PostMapping("/api/v1/orders/{id}/confirm-extension")
	@Operation(summary = "Takes 5 days longer to confirm receipt, once (its consumer; 延长收货)",
			description = "409 ORDER_NOT_DELIVERED, CONFIRM_ALREADY_EXTENDED.")
	OrderView extendConfirmation(@PathVariable String id, Caller caller) {
		return orders.extendConfirmation(caller, id);
	}

	@PostMapping("/api/v1/orders/{id}/cancellation")
	@Operation(summary = "Cancels before shipment (its consumer): unpaid closed, paid refunded in full",
			description = "409 ORDER_ALREADY_SHIPPED.")
	OrderView cancel(@PathVariable String id, Caller caller) {
		return orders.cancel(caller, id);
	}

	record RefundBody(Long amountFen, String reason) {
	}

	@PostMapping("/api/v1/orders/{id}/refunds")
	@Operation(summary = "Refunds part or all of the escrow (AGENT, ARBITRATOR, ADMIN; Idempotency-Key required)",
			description = "The key is required: a refund has no state of its own to tell a retry from a second refund, "
					+ "so without one a resent request would pay twice. 400 IDEMPOTENCY_KEY_REQUIRED; "
					+ "422 REFUND_EXCEEDS_ESCROW.")
	OrderView refund(@PathVariable String id, @RequestBody RefundBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Caller caller) {
		caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
		if (idempotencyKey == null) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "IDEMPOTENCY_KEY_REQUIRED",
					"A refund needs an Idempotency-Key header, so that a resent request refunds once.");
		}
		if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 300) {
			throw ApiProblem.invalidField("reason", "REQUIRED", "why, up to 300 characters");
		}
		return orders.refundFromEscrow(id, Ids.next("rfd"), Money.fen(body.amountFen() == null ? 0 : body.amountFen()),
				null, Orders.actorOf(caller), Detail.words(body.reason().strip()));
	}

	record HoldBody(String ref, String reason) {
	}

	@PostMapping("/api/v1/orders/{id}/holds")
	@Operation(summary = "Holds the order's automatic completion while a case is open (AGENT, ARBITRATOR, ADMIN)")
	OrderView hold(@PathVariable String id, @RequestBody HoldBody body, Caller caller) {
		caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
		if (body.ref() == null || body.ref().isBlank() || body.ref().length() > 60) {
			throw ApiProblem.invalidField("ref", "REQUIRED", "the case's reference, up to 60 characters");
		}
		String reason = body.reason() == null ? "" : body.reason().strip();
		orders.hold(id, body.ref().strip(), reason.isEmpty() ? Detail.of("holdReason.staff")
				: Detail.words(reason.length() > 200 ? reason.substring(0, 200) : reason), Orders.actorOf(caller));
		return orders.get(caller, id);
	}

	@DeleteMapping("/api/v1/orders/{id}/holds/{ref}")
	@Operation(summary = "Lifts a hold (AGENT, ARBITRATOR, ADMIN)")
	OrderView lift(@PathVariable String id, @PathVariable String ref, Caller caller) {
		caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
		orders.liftHold(id, ref, Orders.actorOf(caller));
		return orders.get(caller, id);
	}

	@GetMapping("/api/v1/orders/{id}/shipping-label")
	@Operation(summary = "The whole shipping address, for the shop while the order is to ship (audited)")
	Map<String, String> label(@PathVariable String id, Caller caller) {
		return orders.shippingLabel(caller, id);
	}

	@GetMapping("/api/v1/order-debts")
	@Operation(summary = "Pay-after-receipt orders whose charge failed (AGENT, ARBITRATOR, ADMIN)")
	Map<String, List<OrderView>> debts(@RequestParam(defaultValue = "50") int limit, Caller caller) {
		return Map.of("items", orders.openDebts(caller, limit));
	}

	static List<OrderStatus> statuses(List<String> names) {
		List<OrderStatus> statuses = new ArrayList<>();
		if (names != null) {
			for (String name : names) {
				for (String part : name.split(",")) {
					if (part.isBlank()) {
						continue;
					}
					try {
						statuses.add(OrderStatus.valueOf(part.strip()));
					}
					catch (IllegalArgumentException e) {
						throw ApiProblem.invalidField("status", "STATUS_INVALID", "one of " + List.of(OrderStatus.values()));
					}
				}
			}
		}
		return statuses;
	}
}
