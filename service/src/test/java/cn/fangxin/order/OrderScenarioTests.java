package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;
import cn.fangxin.support.Purchases.World;
import cn.fangxin.support.Shops;
import tools.jackson.databind.JsonNode;

/**
 * The order paths through the HTTP API, each with its money checked in the order's escrow, the merchant's balance and
 * the ledger's own verification: happy path, unpaid, late shipment, auto-confirm, held order, pay after receipt (and
 * its failed charge), partial refund, consumer cancellation, and who may see what.
 */
@Tag("scenario")
class OrderScenarioTests extends ApiTest {

	Purchases purchases;

	@org.springframework.beans.factory.annotation.Autowired
	cn.fangxin.payment.internal.SandboxGateway sandbox;

	@org.springframework.beans.factory.annotation.Autowired
	cn.fangxin.platform.Deadlines deadlines;

	/** The kinds of the order's pending deadlines on the scheduler: what will still fire for it. */
	List<String> scheduled(String orderId) {
		return deadlines.pendingFor(orderId).stream().map(cn.fangxin.platform.Deadline::kind).toList();
	}

	@BeforeEach
	void setUp() {
		purchases = new Purchases(api);
	}

	JsonNode place(World w, int quantity, String mode) {
		return purchases.place(w, quantity, mode);
	}

	static Map<String, Object> order(String listingId, int quantity, String mode) {
		return Purchases.order(listingId, quantity, mode);
	}

	World world() {
		return purchases.world();
	}

	JsonNode get(String id, String token) {
		var r = api.get("/api/v1/orders/" + id).as(token).send();
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		return r.json();
	}

	long available(Shops.Shop shop) {
		return api.get("/api/v1/merchants/" + shop.merchantId() + "/balance").as(shop.account().token()).send().json()
			.path("availableFen").asLong();
	}

	static void escrow(JsonNode order, long paid, long held, long released, long refunded) {
		JsonNode e = order.path("escrow");
		assertThat(List.of(e.path("paidFen").asLong(), e.path("heldFen").asLong(), e.path("releasedFen").asLong(),
				e.path("refundedFen").asLong())).as(order.toString()).containsExactly(paid, held, released, refunded);
	}

	static List<String> events(JsonNode order) {
		return order.path("timeline").valueStream().map(e -> e.path("event").asString()).toList();
	}

	@Test
	@DisplayName("happy path: place with a snapshot, pay into escrow, ship, deliver, confirm: the shop gets the money")
	void happyPath() {
		World w = world();
		long before = available(w.shop());
		JsonNode placed = place(w, 2, "ESCROW");
		String id = placed.path("id").asString();
		assertThat(placed.path("status").asString()).isEqualTo("AWAITING_PAYMENT");
		assertThat(placed.path("totalFen").asLong()).isEqualTo(9_800);
		assertThat(placed.path("merchantId").asString()).isEqualTo(w.shop().merchantId());
		assertThat(placed.path("shippingAddress").asString()).doesNotContain("13812345678").doesNotContain("王小明");

		// the snapshot: an ORDER_SNAPSHOT record in the log, readable by both parties, with the frozen terms
		String snapshot = placed.path("snapshotEvidenceId").asString();
		var record = api.get("/api/v1/evidence/" + snapshot).as(w.shop().account().token()).send();
		assertThat(record.status()).isEqualTo(200);
		assertThat(record.json().path("kind").asString()).isEqualTo("ORDER_SNAPSHOT");
		String content = new String(api.download("/api/v1/evidence/" + snapshot + "/content", w.buyer().token()),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(content).contains("手工冷制皂").contains("\"unitPriceFen\":4900").contains("手工制品，颜色略有差异")
			.contains("\"sevenDayNoReason\":true").contains(w.shop().merchantId()).doesNotContain("13812345678")
			.doesNotContain("漕溪北路");

		assertThat(scheduled(id)).containsExactly("ORDER_PAYMENT_DUE");
		JsonNode payment = call("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX"), w.buyer().token(), 200);
		assertThat(scheduled(id)).as("the paid order's payment deadline is withdrawn, not left to fire for nothing")
			.containsExactly("ORDER_SHIP_BY");
		assertThat(payment.path("id").asString()).isEqualTo(id);
		assertThat(payment.path("status").asString()).isEqualTo("PAID");
		assertThat(payment.path("paymentStatus").asString()).isEqualTo("SUCCEEDED");
		JsonNode paid = fetch("/api/v1/orders/" + id, w.buyer().token());
		assertThat(payment.path("shipBy").asString()).isNotEmpty().isEqualTo(paid.path("shipBy").asString());
		escrow(paid, 9_800, 9_800, 0, 0);
		assertThat(api.get("/api/v1/merchants/" + w.shop().merchantId() + "/balance").as(w.shop().account().token()).send()
			.json().path("inEscrowFen").asLong()).isEqualTo(9_800);

		// the shop sees it in its queue to ship and reads the whole address from the label (audited)
		var queue = api.get("/api/v1/orders?status=PAID").as(w.shop().account().token()).send().json();
		assertThat(queue.path("items").findValuesAsString("id")).contains(id);
		var label = api.get("/api/v1/orders/" + id + "/shipping-label").as(w.shop().account().token()).send();
		assertThat(label.json().path("phone").asString()).isEqualTo("13812345678");
		assertThat(api.get("/api/v1/orders/" + id + "/shipping-label").as(w.buyer().token()).send().status()).isEqualTo(404);

		call("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF1234567890"),
				w.shop().account().token(), 200);
		assertThat(scheduled(id)).as("shipped: delivery is taken as done if none is reported in 15 days")
			.containsExactly("ORDER_PRESUMED_DELIVERY");
		call("/api/v1/orders/" + id + "/delivery", Map.of(), api.demoToken("agent"), 200);
		assertThat(scheduled(id)).containsExactly("ORDER_AUTO_CONFIRM");
		JsonNode done = call("/api/v1/orders/" + id + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		assertThat(scheduled(id)).as("confirmed by the consumer: the auto-confirmation is withdrawn").isEmpty();
		assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
		escrow(done, 9_800, 0, 9_800, 0);
		assertThat(available(w.shop()) - before).isEqualTo(9_800);
		assertThat(events(done)).containsSubsequence("PLACED", "PAID", "SHIPPED", "DELIVERED", "RECEIPT_CONFIRMED");
		assertThat(done.path("timeline").get(0).path("actor").asString()).isEqualTo("CONSUMER");
		// confirming again changes nothing
		escrow(call("/api/v1/orders/" + id + "/receipt-confirmation", Map.of(), w.buyer().token(), 200), 9_800, 0, 9_800, 0);
		ledgerVerifies();

		// the order's parties can download its evidence bundle; a stranger cannot see the order or the bundle
		assertThat(api.download("/api/v1/evidence/bundle?orderId=" + id, w.shop().account().token())).isNotEmpty();
		String stranger = api.signUp("CONSUMER").token();
		assertThat(api.get("/api/v1/orders/" + id).as(stranger).send().code()).isEqualTo("ORDER_NOT_FOUND");
		assertThat(api.get("/api/v1/evidence/bundle?orderId=" + id).as(stranger).send().status()).isEqualTo(404);
		assertThat(api.get("/api/v1/orders").as(stranger).send().json().path("items").isEmpty()).isTrue();
		// and cannot file evidence under it
		var upload = api.upload("/api/v1/evidence", stranger, "x.png", cn.fangxin.evidence.EvidenceLogTests.png(),
				Map.of("kind", "SCREENSHOT", "orderId", id));
		assertThat(upload.status()).isEqualTo(404);
		assertThat(get(id, api.demoToken("arbiter")).path("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	@DisplayName("checkout refuses what it must: another shop's item in the same order, a delisted listing, bad input")
	void checkoutRules() {
		World a = world();
		World b = world();
		var mixed = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", a.listingId(), "quantity", 1),
				Map.of("listingId", b.listingId(), "quantity", 1)), "shippingAddress",
				Map.of("name", "王小明", "phone", "13812345678", "region", "上海市", "line", "1 号"))).as(a.buyer().token()).send();
		assertThat(mixed.code()).isEqualTo("ORDER_MULTIPLE_MERCHANTS");
		assertThat(mixed.status()).isEqualTo(422);

		var bad = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", a.listingId(), "quantity", 0)),
				"shippingAddress", Map.of("name", "", "phone", "123", "region", "上海市", "line", "1 号"))).as(a.buyer().token()).send();
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").findValuesAsString("field")).contains("items[0].quantity", "shippingAddress.name",
				"shippingAddress.phone");
		assertThat(api.post("/api/v1/orders", "not json").as(a.buyer().token()).send().status()).isEqualTo(400);
		assertThat(api.post("/api/v1/orders", order("lst_nope", 1, "ESCROW")).as(a.buyer().token()).send().status()).isEqualTo(404);
		assertThat(api.post("/api/v1/orders", order(a.listingId(), 1, "ESCROW")).as(a.shop().account().token()).send().status())
			.isEqualTo(403);

		assertThat(api.delete("/api/v1/listings/" + a.listingId()).as(a.shop().account().token()).send().status()).isEqualTo(200);
		assertThat(api.post("/api/v1/orders", order(a.listingId(), 1, "ESCROW")).as(a.buyer().token()).send().code())
			.isEqualTo("LISTING_NOT_ACTIVE");

		// the same Idempotency-Key places one order
		String key = UUID.randomUUID().toString();
		var first = api.post("/api/v1/orders", order(b.listingId(), 1, "ESCROW")).as(b.buyer().token()).idempotencyKey(key).send();
		var again = api.post("/api/v1/orders", order(b.listingId(), 1, "ESCROW")).as(b.buyer().token()).idempotencyKey(key).send();
		assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
		assertThat(api.get("/api/v1/orders").as(b.buyer().token()).send().json().path("items").size()).isEqualTo(1);
	}

	@Test
	@DisplayName("unpaid for 30 minutes: cancelled; paying afterwards is refused")
	void unpaid() {
		World w = world();
		String id = place(w, 1, "ESCROW").path("id").asString();
		assertThat(get(id, w.buyer().token()).path("deadlines").findValuesAsString("kind")).containsExactly("ORDER_PAYMENT_DUE");
		advance("PT31M");
		JsonNode order = get(id, w.buyer().token());
		assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(order.path("closedReason").asString()).isEqualTo("UNPAID");
		var unknownMethod = api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "WECHAT_PAY")).as(w.buyer().token())
			.send();
		assertThat(unknownMethod.status()).isEqualTo(400);
		assertThat(unknownMethod.json().path("errors").findValuesAsString("code")).containsExactly("PAYMENT_METHOD_INVALID");
		// what the answer names is what the field accepts
		assertThat(unknownMethod.json().path("errors").findValuesAsString("message")).containsExactly("SANDBOX or WECHATPAY");
		var late = api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX")).as(w.buyer().token()).send();
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.code()).isEqualTo("ORDER_CLOSED");
		escrow(get(id, w.buyer().token()), 0, 0, 0, 0);
	}

	@Test
	@DisplayName("paid in the payment deadline's last minute: the deadline is left to fire, and finds the order paid")
	void paidInTheLastMinute() {
		World w = world();
		String id = place(w, 1, "ESCROW").path("id").asString();
		advance("PT29M30S");
		call("/api/v1/orders/" + id + "/payment", Map.of(), w.buyer().token(), 200);
		// so close to due, it may be claimed by a scheduler while the payment holds the order: not waited for
		assertThat(scheduled(id)).containsExactlyInAnyOrder("ORDER_PAYMENT_DUE", "ORDER_SHIP_BY");
		advance("PT1M");
		assertThat(scheduled(id)).containsExactly("ORDER_SHIP_BY");
		JsonNode order = get(id, w.buyer().token());
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		escrow(order, 4_900, 4_900, 0, 0);
	}

	@Test
	@DisplayName("not shipped by shipBy: refunded in full automatically and a late-shipment mark on the shop")
	void lateShipment() {
		World w = world();
		String id = place(w, 1, "ESCROW").path("id").asString();
		call("/api/v1/orders/" + id + "/payment", Map.of(), w.buyer().token(), 200);
		advance("PT47H");
		assertThat(get(id, w.buyer().token()).path("status").asString()).isEqualTo("PAID");
		advance("PT1H");
		JsonNode order = get(id, w.buyer().token());
		assertThat(order.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(order.path("closedReason").asString()).isEqualTo("NOT_SHIPPED_IN_TIME");
		escrow(order, 4_900, 0, 0, 4_900);
		assertThat(events(order)).contains("REFUNDED", "LATE_SHIPMENT_MARKED");
		var ship = api.post("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF1"))
			.as(w.shop().account().token()).send();
		assertThat(ship.status()).isEqualTo(409);
		assertThat(api.get("/api/v1/public/merchants/" + w.shop().merchantId()).send().json().path("lateShipments").asLong())
			.isEqualTo(1);
		ledgerVerifies();
	}

	@Test
	@DisplayName("delivered and not confirmed in 10 days: completed and released to the shop")
	void autoConfirm() {
		World w = world();
		long before = available(w.shop());
		String id = shippedAndDelivered(w);
		advance("P9DT23H");
		assertThat(get(id, w.buyer().token()).path("status").asString()).isEqualTo("DELIVERED");
		advance("PT1H");
		JsonNode order = get(id, w.buyer().token());
		assertThat(order.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(events(order)).contains("AUTO_CONFIRMED");
		escrow(order, 4_900, 0, 4_900, 0);
		assertThat(available(w.shop()) - before).isEqualTo(4_900);
		ledgerVerifies();
	}

	@Test
	@DisplayName("the consumer takes 5 days longer to confirm, once (延长收货): the order completes 15 days after delivery")
	void extendConfirmation() {
		World w = world();
		String id = shippedAndDelivered(w);
		assertThat(api.post("/api/v1/orders/" + id + "/confirm-extension", Map.of()).as(w.shop().account().token()).send()
			.status()).as("the buyer's choice").isEqualTo(403);
		var page = cn.fangxin.support.PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		assertThat(page.get("/orders/" + id).body()).contains("id=\"extend-confirmation\"");
		page.post("/orders/" + id, "/orders/" + id + "/confirm-extension", Map.of());
		JsonNode extended = get(id, w.buyer().token());
		assertThat(events(extended)).contains("CONFIRM_EXTENDED");
		assertThat(page.get("/orders/" + id).body()).as("once").doesNotContain("id=\"extend-confirmation\"");
		assertThat(api.post("/api/v1/orders/" + id + "/confirm-extension", Map.of()).as(w.buyer().token()).send().code())
			.isEqualTo("CONFIRM_ALREADY_EXTENDED");
		advance("P10DT1M");
		assertThat(get(id, w.buyer().token()).path("status").asString()).as("the old date passes").isEqualTo("DELIVERED");
		advance("P5D");
		JsonNode completed = get(id, w.buyer().token());
		assertThat(completed.path("status").asString()).isEqualTo("COMPLETED");
		escrow(completed, 4_900, 0, 4_900, 0);

		// held past its date by a case, then extended: 5 days from now, not from the date that passed
		String held = shippedAndDelivered(w);
		String agent = api.demoToken("agent");
		java.time.Instant due = java.time.Instant.parse(get(held, agent).path("confirmBy").asString());
		call("/api/v1/orders/" + held + "/holds", Map.of("ref", "as_ext1", "reason", "return requested"), agent, 200);
		advance("P11D");
		JsonNode later = call("/api/v1/orders/" + held + "/confirm-extension", Map.of(), w.buyer().token(), 200);
		assertThat(java.time.Instant.parse(later.path("confirmBy").asString()))
			.isAfter(due.plus(java.time.Duration.ofDays(5)));
		api.delete("/api/v1/orders/" + held + "/holds/as_ext1").as(agent).send();
		advance("P4D");
		assertThat(get(held, w.buyer().token()).path("status").asString()).isEqualTo("DELIVERED");
		advance("P1DT1M");
		assertThat(get(held, w.buyer().token()).path("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	@DisplayName("shipped and no delivery reported in 15 days: taken as delivered, completed 10 days later; a delivery report withdraws the presumption")
	void presumedDelivery() {
		World w = world();
		long before = available(w.shop());
		String id = place(w, 1, "ESCROW").path("id").asString();
		call("/api/v1/orders/" + id + "/payment", Map.of(), w.buyer().token(), 200);
		JsonNode shipped = call("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF15"),
				w.shop().account().token(), 200);
		assertThat(shipped.path("deadlines").findValuesAsString("kind")).containsExactly("ORDER_PRESUMED_DELIVERY");
		assertThat(scheduled(id)).containsExactly("ORDER_PRESUMED_DELIVERY");
		advance("P14DT23H");
		assertThat(get(id, w.buyer().token()).path("status").asString()).isEqualTo("SHIPPED");
		advance("PT1H1M");
		JsonNode presumed = get(id, w.buyer().token());
		assertThat(presumed.path("status").asString()).isEqualTo("DELIVERED");
		assertThat(events(presumed)).contains("DELIVERY_PRESUMED");
		assertThat(presumed.path("deadlines").findValuesAsString("kind")).containsExactly("ORDER_AUTO_CONFIRM");
		JsonNode noDate = presumed.path("deliveredAt");
		assertThat(noDate.isNull() || noDate.isMissingNode()).as("no signing date is invented").isTrue();
		escrow(presumed, 4_900, 4_900, 0, 0);
		// the carrier reports late: its date is recorded, and the consumer keeps the completion date already given
		advance("P1D");
		String signed = java.time.Instant.parse(shipped.path("shippedAt").asString()).plus(java.time.Duration.ofDays(3))
			.toString();
		JsonNode reported = call("/api/v1/orders/" + id + "/delivery", Map.of("signedAt", signed), api.demoToken("agent"),
				200);
		assertThat(java.time.Instant.parse(reported.path("deliveredAt").asString()))
			.isEqualTo(java.time.Instant.parse(signed));
		assertThat(reported.path("confirmBy").asString()).isEqualTo(presumed.path("confirmBy").asString());
		advance("P8DT23H");
		assertThat(get(id, w.buyer().token()).path("status").asString()).isEqualTo("DELIVERED");
		advance("PT1H1M");
		JsonNode completed = get(id, w.buyer().token());
		assertThat(completed.path("status").asString()).isEqualTo("COMPLETED");
		escrow(completed, 4_900, 0, 4_900, 0);
		assertThat(available(w.shop()) - before).isEqualTo(4_900);

		String onTime = shippedAndDelivered(w);
		assertThat(scheduled(onTime)).as("the carrier's report replaces the presumption")
			.containsExactly("ORDER_AUTO_CONFIRM");
		ledgerVerifies();
	}

	@Test
	@DisplayName("an open case holds the auto-confirm; once lifted, the consumer gets 3 more days, then it completes")
	void heldOrder() {
		World w = world();
		String id = shippedAndDelivered(w);
		String agent = api.demoToken("agent");
		call("/api/v1/orders/" + id + "/holds", Map.of("ref", "as_test1", "reason", "return requested"), agent, 200);
		assertThat(api.post("/api/v1/orders/" + id + "/holds", Map.of("ref", "x")).as(w.buyer().token()).send().status())
			.isEqualTo(403);
		advance("P11D");
		JsonNode held = get(id, w.buyer().token());
		assertThat(held.path("status").asString()).isEqualTo("DELIVERED");
		assertThat(events(held)).contains("HOLD_PLACED", "AUTO_CONFIRM_HELD");
		escrow(held, 4_900, 4_900, 0, 0);

		var lifted = api.delete("/api/v1/orders/" + id + "/holds/as_test1").as(agent).send();
		assertThat(lifted.status()).isEqualTo(200);
		assertThat(lifted.json().path("holds").isEmpty()).isTrue();
		assertThat(lifted.json().path("deadlines").findValuesAsString("kind")).containsExactly("ORDER_AUTO_CONFIRM");
		advance("P2D");
		assertThat(get(id, w.buyer().token()).path("status").asString()).isEqualTo("DELIVERED");
		advance("P1D");
		JsonNode order = get(id, w.buyer().token());
		assertThat(order.path("status").asString()).isEqualTo("COMPLETED");
		escrow(order, 4_900, 0, 4_900, 0);
	}

	@Test
	@DisplayName("pay after receipt: ships unpaid, charged at confirmation; a failed charge is a debt for staff until paid")
	void payAfterReceipt() {
		World w = world();
		long before = available(w.shop());
		JsonNode placed = place(w, 1, "PAY_AFTER_RECEIPT");
		String id = placed.path("id").asString();
		assertThat(placed.path("status").asString()).isEqualTo("AWAITING_SHIPMENT");
		assertThat(api.post("/api/v1/orders/" + id + "/payment", Map.of()).as(w.buyer().token()).send().code())
			.isEqualTo("ORDER_PAY_AFTER_RECEIPT");
		call("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "中通", "trackingNumber", "ZT1"), w.shop().account().token(),
				200);
		escrow(get(id, w.buyer().token()), 0, 0, 0, 0);
		JsonNode done = call("/api/v1/orders/" + id + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
		escrow(done, 4_900, 0, 4_900, 0);
		assertThat(available(w.shop()) - before).isEqualTo(4_900);

		String failing = place(w, 1, "PAY_AFTER_RECEIPT").path("id").asString();
		call("/api/v1/orders/" + failing + "/shipment", Map.of("carrier", "中通", "trackingNumber", "ZT2"),
				w.shop().account().token(), 200);
		call("/api/v1/admin/payments/sandbox", Map.of("nextCharge", "FAIL"), api.demoToken("admin"), 200);
		JsonNode failed = call("/api/v1/orders/" + failing + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		assertThat(failed.path("status").asString()).isEqualTo("CHARGE_FAILED");
		assertThat(failed.path("debt").path("status").asString()).isEqualTo("OPEN");
		var debts = api.get("/api/v1/order-debts").as(api.demoToken("agent")).send();
		assertThat(debts.json().path("items").findValuesAsString("id")).contains(failing);
		assertThat(api.get("/api/v1/order-debts").as(w.buyer().token()).send().status()).isEqualTo(403);

		assertThat(call("/api/v1/orders/" + failing + "/payment", Map.of(), w.buyer().token(), 200).path("status")
			.asString()).isEqualTo("COMPLETED");
		JsonNode settled = fetch("/api/v1/orders/" + failing, w.buyer().token());
		assertThat(settled.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(settled.path("debt").path("status").asString()).isEqualTo("SETTLED");
		escrow(settled, 4_900, 0, 4_900, 0);
		assertThat(api.get("/api/v1/order-debts").as(api.demoToken("agent")).send().json().path("items")
			.findValuesAsString("id")).doesNotContain(failing);
		ledgerVerifies();
	}

	@Test
	@DisplayName("a pay-after-receipt order confirmed where the sandbox no longer takes payments (production) becomes a debt "
			+ "for staff, not a confirmation that fails; no new one is placed there")
	void payAfterReceiptWithoutAChargingProvider() {
		World w = world();
		String id = place(w, 1, "PAY_AFTER_RECEIPT").path("id").asString();
		call("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "中通", "trackingNumber", "ZT3"),
				w.shop().account().token(), 200);
		sandbox.takeNewPayments(false);
		try {
			JsonNode confirmed = call("/api/v1/orders/" + id + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
			assertThat(confirmed.path("status").asString()).isEqualTo("CHARGE_FAILED");
			assertThat(confirmed.path("debt").path("status").asString()).isEqualTo("OPEN");
			assertThat(confirmed.path("timeline").toString()).contains("no payment provider here can charge");
			assertThat(api.get("/api/v1/order-debts").as(api.demoToken("agent")).send().json().path("items")
				.findValuesAsString("id")).contains(id);
			var refused = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", w.listingId(), "quantity", 1)),
					"shippingAddress", Map.of("name", "张三", "phone", "13612345678", "region", "浙江省杭州市", "line", "文三路 1 号"),
					"paymentMode", "PAY_AFTER_RECEIPT")).as(w.buyer().token()).send();
			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.code()).isEqualTo("PAYMENT_MODE_UNAVAILABLE");
		}
		finally {
			sandbox.takeNewPayments(true);
		}
		ledgerVerifies();
	}

	@Test
	@DisplayName("a partial refund from escrow by staff, then receipt: the rest goes to the shop; a refund over escrow is refused")
	void partialRefund() {
		World w = world();
		String id = place(w, 2, "ESCROW").path("id").asString();
		call("/api/v1/orders/" + id + "/payment", Map.of(), w.buyer().token(), 200);
		String arbiter = api.demoToken("arbiter");
		var refund = api.post("/api/v1/orders/" + id + "/refunds", Map.of("amountFen", 1_800, "reason", "one bar broken"))
			.as(arbiter).idempotencyKey("refund-" + id).send();
		assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
		escrow(refund.json(), 9_800, 8_000, 0, 1_800);
		// the same request resent (a timeout, a double click) refunds once
		var resent = api.post("/api/v1/orders/" + id + "/refunds", Map.of("amountFen", 1_800, "reason", "one bar broken"))
			.as(arbiter).idempotencyKey("refund-" + id).send();
		assertThat(resent.status()).isEqualTo(200);
		escrow(fetch("/api/v1/orders/" + id, arbiter), 9_800, 8_000, 0, 1_800);
		// without a key a resent request could not be told from a second refund: refused, nothing refunded
		var keyless = api.post("/api/v1/orders/" + id + "/refunds", Map.of("amountFen", 100, "reason", "again")).as(arbiter)
			.send();
		assertThat(keyless.status()).isEqualTo(400);
		assertThat(keyless.code()).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
		escrow(fetch("/api/v1/orders/" + id, arbiter), 9_800, 8_000, 0, 1_800);
		assertThat(api.post("/api/v1/orders/" + id + "/refunds", Map.of("amountFen", 8_001, "reason", "too much")).as(arbiter)
			.idempotencyKey("refund-too-much-" + id).send().code()).isEqualTo("REFUND_EXCEEDS_ESCROW");
		assertThat(api.post("/api/v1/orders/" + id + "/refunds", Map.of("amountFen", 1, "reason", "x")).as(w.buyer().token())
			.idempotencyKey("refund-buyer-" + id).send().status()).isEqualTo(403);
		call("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF2"), w.shop().account().token(),
				200);
		JsonNode done = call("/api/v1/orders/" + id + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		escrow(done, 9_800, 0, 8_000, 1_800);
		ledgerVerifies();
	}

	@Test
	@DisplayName("the consumer cancels: unpaid closed, paid refunded in full; after shipment it is refused")
	void cancellation() {
		World w = world();
		String unpaid = place(w, 1, "ESCROW").path("id").asString();
		assertThat(call("/api/v1/orders/" + unpaid + "/cancellation", Map.of(), w.buyer().token(), 200).path("status")
			.asString()).isEqualTo("CANCELLED");
		assertThat(get(unpaid, w.buyer().token()).path("deadlines").isEmpty()).isTrue();
		assertThat(scheduled(unpaid)).as("nothing left to fire for a closed order").isEmpty();

		String paid = place(w, 1, "ESCROW").path("id").asString();
		call("/api/v1/orders/" + paid + "/payment", Map.of(), w.buyer().token(), 200);
		JsonNode refunded = call("/api/v1/orders/" + paid + "/cancellation", Map.of(), w.buyer().token(), 200);
		assertThat(refunded.path("status").asString()).isEqualTo("REFUNDED");
		escrow(refunded, 4_900, 0, 0, 4_900);
		assertThat(scheduled(paid)).isEmpty();

		String shipped = place(w, 1, "ESCROW").path("id").asString();
		call("/api/v1/orders/" + shipped + "/payment", Map.of(), w.buyer().token(), 200);
		call("/api/v1/orders/" + shipped + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF3"),
				w.shop().account().token(), 200);
		assertThat(api.post("/api/v1/orders/" + shipped + "/cancellation", Map.of()).as(w.buyer().token()).send().code())
			.isEqualTo("ORDER_ALREADY_SHIPPED");
		// the merchant cannot confirm receipt for the buyer, nor the buyer ship
		assertThat(api.post("/api/v1/orders/" + shipped + "/receipt-confirmation", Map.of()).as(w.shop().account().token())
			.send().status()).isEqualTo(403);
		ledgerVerifies();
	}

	String shippedAndDelivered(World w) {
		String id = place(w, 1, "ESCROW").path("id").asString();
		call("/api/v1/orders/" + id + "/payment", Map.of(), w.buyer().token(), 200);
		call("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF9"), w.shop().account().token(),
				200);
		JsonNode delivered = call("/api/v1/orders/" + id + "/delivery", Map.of(), api.demoToken("agent"), 200);
		assertThat(delivered.path("status").asString()).isEqualTo("DELIVERED");
		assertThat(delivered.path("confirmBy").asString()).isNotEmpty();
		return id;
	}
}
