package cn.fangxin.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.fangxin.evidence.EvidenceLogTests;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.Payments;
import cn.fangxin.platform.Money;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/**
 * After-sales through the HTTP API (API.md "After-sales"; RULES.md "Returns and refunds"), on the test clock and
 * checked against the ledger's own verification: a no-reason return, the closed window and an excluded listing, a
 * quality return approved and received by the shop's silence and refunded from its balance, compensation first with
 * recovery from the deposit and a receivable for the rest, the rules of rejection with escalation and withdrawal, a
 * refund-only request before shipment, and who may do what.
 */
@Tag("scenario")
class AfterSaleScenarioTests extends ApiTest {

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	cn.fangxin.aftersales.internal.AfterSaleRepository cases;

	@Autowired
	Ledger ledger;

	@Autowired
	AfterSales afterSales;

	@Autowired
	cn.fangxin.platform.Deadlines deadlines;

	Purchases purchases;

	/** The kinds of the case's deadlines still to fire. */
	List<String> scheduled(String caseId) {
		return deadlines.pendingFor(caseId).stream().map(cn.fangxin.platform.Deadline::kind).toList();
	}

	@BeforeEach
	void setUp() {
		purchases = new Purchases(api);
	}

	static Map<String, Object> ask(String type, String reason) {
		Map<String, Object> body = new HashMap<>();
		body.put("type", type);
		body.put("reason", reason);
		body.put("description", "不想要了，包装完好 / changed my mind, unopened");
		return body;
	}

	static List<String> events(JsonNode c) {
		List<String> events = new ArrayList<>();
		c.path("timeline").forEach(e -> events.add(e.path("event").asString()));
		return events;
	}

	static String manifest(byte[] zip) {
		try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.getName().equals("manifest.txt")) {
					return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				}
			}
			return "";
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	String open(String orderId, Purchases.World w, Map<String, Object> body) {
		return call("/api/v1/orders/" + orderId + "/after-sales", body, w.buyer().token(), 201).path("id").asString();
	}

	@Test
	@DisplayName("7-day no-reason return: request holds the order, shop approves with an address, return, receipt, "
			+ "refund from escrow")
	void noReasonReturn() {
		var w = purchases.world();
		String orderId = purchases.delivered(w, 2);
		advance("PT48H");
		JsonNode requested = call("/api/v1/orders/" + orderId + "/after-sales",
				ask("RETURN_AND_REFUND", "NO_REASON_7DAY"), w.buyer().token(), 201);
		String id = requested.path("id").asString();
		assertThat(requested.path("status").asString()).isEqualTo("REQUESTED");
		assertThat(requested.path("amountFen").asLong()).isEqualTo(9_800);
		assertThat(requested.path("returnShippingPayer").asString()).isEqualTo("CONSUMER");
		assertThat(requested.path("respondBy").asString()).isNotEmpty();
		assertThat(scheduled(id)).containsExactly(AfterSales.RESPOND_DUE);
		JsonNode order = fetch("/api/v1/orders/" + orderId, w.buyer().token());
		assertThat(order.path("holds").get(0).path("ref").asString()).as("the case holds auto-confirm").isEqualTo(id);
		// a second request on the same order waits for the first
		assertThat(api.post("/api/v1/orders/" + orderId + "/after-sales", ask("RETURN_AND_REFUND", "QUALITY"))
			.as(w.buyer().token()).send().code()).isEqualTo("AFTER_SALE_OPEN");
		String shop = w.shop().account().token();
		assertThat(api.post("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "APPROVE")).as(shop).send().code())
			.isEqualTo("REQUIRED");
		JsonNode approved = call("/api/v1/after-sales/" + id + "/decision",
				Map.of("decision", "APPROVE", "returnAddress", "深圳市南山区科技园路1号 退货组"), shop, 200);
		assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
		assertThat(approved.path("returnAddress").asString()).contains("退货组");
		assertThat(scheduled(id)).as("the shop answered: its 48 hours of silence are withdrawn")
			.containsExactly(AfterSales.SHIP_RETURN_DUE);
		// the address (often a seller's home) is encrypted at rest and not repeated in the timeline
		String stored = jdbc.sql("select return_address from after_sale where id = :id").param("id", id)
			.query(String.class).single();
		assertThat(stored).startsWith("enc:").doesNotContain("退货组");
		assertThat(approved.path("timeline").toString()).doesNotContain("科技园路");
		// as an earlier version stored it: encrypted at start, read back the same
		jdbc.sql("update after_sale set return_address = '深圳市南山区科技园路1号 退货组' where id = :id").param("id", id)
			.update();
		assertThat(cases.sealPlainAddresses()).isPositive();
		assertThat(jdbc.sql("select return_address from after_sale where id = :id").param("id", id).query(String.class)
			.single()).startsWith("enc:");
		assertThat(fetch("/api/v1/after-sales/" + id, w.buyer().token()).path("returnAddress").asString())
			.isEqualTo("深圳市南山区科技园路1号 退货组");
		assertThat(api.post("/api/v1/after-sales/" + id + "/return-receipt", Map.of()).as(shop).send().code())
			.isEqualTo("RETURN_NOT_SHIPPED");
		JsonNode shipped = call("/api/v1/after-sales/" + id + "/return-shipment",
				Map.of("carrier", "中通", "trackingNumber", "ZT7788990011"), w.buyer().token(), 200);
		assertThat(shipped.path("status").asString()).isEqualTo("RETURN_SHIPPED");
		assertThat(shipped.path("receiveBy").asString()).isNotEmpty();
		assertThat(scheduled(id)).containsExactly(AfterSales.RECEIVE_DUE);
		// the 10 days to auto-confirm pass while the case is open: the order does not complete
		advance("P9D");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("status").asString()).isEqualTo("DELIVERED");
		JsonNode refunded = call("/api/v1/after-sales/" + id + "/return-receipt", Map.of(), shop, 200);
		assertThat(refunded.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(refunded.path("refundedFen").asLong()).isEqualTo(9_800);
		assertThat(refunded.path("refundSource").asString()).isEqualTo("ESCROW");
		assertThat(refunded.path("compensatedByPlatform").asBoolean()).isFalse();
		assertThat(events(refunded)).containsSubsequence("REQUESTED", "APPROVED", "RETURN_SHIPPED", "RETURN_RECEIVED",
				"REFUNDED");
		assertThat(scheduled(id)).as("refunded: nothing left to fire").isEmpty();

		order = fetch("/api/v1/orders/" + orderId, w.buyer().token());
		assertThat(order.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(order.path("escrow").path("refundedFen").asLong()).isEqualTo(9_800);
		assertThat(order.path("holds").isEmpty()).as("the hold is lifted").isTrue();
		// the snapshot, and the request, the decision and the refund as CASE_EVENT records, are in the order's bundle
		var bundle = api.download("/api/v1/evidence/bundle?orderId=" + orderId, w.buyer().token());
		assertThat(manifest(bundle).lines().filter(l -> l.startsWith("item ")).count()).isEqualTo(4);
		ledgerVerifies();
	}

	@Test
	@DisplayName("no-reason returns: refused after the 7 days and for an excluded listing; the window's last day "
			+ "moves past rest days")
	void windowAndExclusions() {
		var w = purchases.world();
		String orderId = purchases.delivered(w, 1);
		advance("P6D");
		// still open on day 6: ask and withdraw again
		String id = open(orderId, w, ask("RETURN_AND_REFUND", "NO_REASON_7DAY"));
		call("/api/v1/after-sales/" + id + "/withdrawal", Map.of(), w.buyer().token(), 200);
		advance("P14D");
		var late = api.post("/api/v1/orders/" + orderId + "/after-sales", ask("RETURN_AND_REFUND", "NO_REASON_7DAY"))
			.as(w.buyer().token()).send();
		assertThat(late.status()).isEqualTo(422);
		assertThat(late.code()).isEqualTo("RETURN_WINDOW_CLOSED");

		Map<String, Object> custom = new HashMap<>();
		custom.put("title", "定制刻字钢笔");
		custom.put("description", "按顾客要求刻字。");
		custom.put("category", "general");
		custom.put("priceFen", 19_900);
		custom.put("functions", "书写");
		custom.put("formatClauses", List.of());
		custom.put("returnPolicy", Map.of("sevenDayNoReason", false, "exclusionReason", "CUSTOM_MADE"));
		var listing = api.post("/api/v1/listings", custom).as(w.shop().account().token()).send();
		assertThat(listing.status()).as(listing.toString()).isEqualTo(201);
		var pen = new Purchases.World(w.shop(), listing.json().path("id").asString(), w.buyer());
		String penOrder = purchases.delivered(pen, 1);
		var excluded = api.post("/api/v1/orders/" + penOrder + "/after-sales", ask("RETURN_AND_REFUND", "NO_REASON_7DAY"))
			.as(w.buyer().token()).send();
		assertThat(excluded.code()).isEqualTo("RETURN_EXCLUDED");
		// a quality return is not excluded
		assertThat(api.post("/api/v1/orders/" + penOrder + "/after-sales", ask("RETURN_AND_REFUND", "QUALITY"))
			.as(w.buyer().token()).send().status()).isEqualTo(201);

		// goods excluded only with the consumer's confirmation at purchase (CRPL art. 25 ¶2)
		Map<String, Object> serum = new HashMap<>(custom);
		serum.put("title", "精华液（开封后不退）");
		serum.put("returnPolicy", Map.of("sevenDayNoReason", false, "exclusionReason", "CONFIRMED_AT_PURCHASE"));
		String serumId = api.post("/api/v1/listings", serum).as(w.shop().account().token()).send().json().path("id").asString();
		var unconfirmed = api.post("/api/v1/orders", Purchases.order(serumId, 1, "ESCROW")).as(w.buyer().token())
			.idempotencyKey(java.util.UUID.randomUUID().toString()).send();
		assertThat(unconfirmed.code()).isEqualTo("RETURN_CONFIRMATION_REQUIRED");
		Map<String, Object> confirmedOrder = new HashMap<>(Purchases.order(serumId, 1, "ESCROW"));
		confirmedOrder.put("items", List.of(Map.of("listingId", serumId, "quantity", 1, "confirmedNoReturn", true)));
		var placed = api.post("/api/v1/orders", confirmedOrder).as(w.buyer().token())
			.idempotencyKey(java.util.UUID.randomUUID().toString()).send();
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		assertThat(placed.json().path("items").get(0).path("confirmedNoReturn").asBoolean()).isTrue();
		String serumOrder = placed.json().path("id").asString();
		call("/api/v1/orders/" + serumOrder + "/payment", Map.of("method", "SANDBOX"), w.buyer().token(), 200);
		call("/api/v1/orders/" + serumOrder + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF5550001"),
				w.shop().account().token(), 200);
		call("/api/v1/orders/" + serumOrder + "/delivery", Map.of(), api.demoToken("agent"), 200);
		assertThat(api.post("/api/v1/orders/" + serumOrder + "/after-sales", ask("RETURN_AND_REFUND", "NO_REASON_7DAY"))
			.as(w.buyer().token()).send().code()).as("confirmed at purchase").isEqualTo("RETURN_EXCLUDED");

		// receipt confirmed by the consumer without a delivery report: the window runs from that confirmation
		String selfConfirmed = purchases.paid(w);
		call("/api/v1/orders/" + selfConfirmed + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF7770001"),
				w.shop().account().token(), 200);
		call("/api/v1/orders/" + selfConfirmed + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		advance("P20D");
		assertThat(api.post("/api/v1/orders/" + selfConfirmed + "/after-sales", ask("RETURN_AND_REFUND", "NO_REASON_7DAY"))
			.as(w.buyer().token()).send().code()).isEqualTo("RETURN_WINDOW_CLOSED");

		// signed on Friday 2026-11-20: the 7th day, Friday the 27th, is a working day
		assertThat(afterSales.lastDayOfWindow(Instant.parse("2026-11-20T04:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 27));
		// signed on Saturday the 21st: the 7th day is Saturday the 28th, so the window runs to Monday the 30th
		assertThat(afterSales.lastDayOfWindow(Instant.parse("2026-11-21T04:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 30));
		// signed late on the 20th in UTC is already the 21st in Shanghai
		assertThat(afterSales.lastDayOfWindow(Instant.parse("2026-11-20T17:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 30));
	}

	@Test
	@DisplayName("quality return after completion: the shop's silence approves and receives; refund from its balance; "
			+ "the shop pays the return shipping")
	void qualityReturnBySilence() {
		var w = purchases.world();
		String orderId = purchases.delivered(w, 1);
		advance("P11D");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("status").asString()).isEqualTo("COMPLETED");
		String id = open(orderId, w, ask("RETURN_AND_REFUND", "QUALITY"));
		assertThat(fetch("/api/v1/after-sales/" + id, w.buyer().token()).path("returnShippingPayer").asString())
			.isEqualTo("MERCHANT");
		advance("PT49H");
		JsonNode approved = fetch("/api/v1/after-sales/" + id, w.buyer().token());
		assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
		assertThat(events(approved)).contains("APPROVED_BY_SILENCE");
		assertThat(approved.path("returnAddress").asString()).as("the shop's registered address").contains("深圳市");
		// often a seller's home: its disclosure to the buyer is in the access audit, with the case
		var audit = fetch("/api/v1/admin/access-audit?subjectId=" + w.shop().merchantId(), api.demoToken("admin"))
			.path("items").get(0);
		assertThat(audit.path("readerUsername").asString()).isEqualTo(w.buyer().username());
		assertThat(audit.path("fields").toString()).contains("address");
		assertThat(audit.path("purpose").asString()).contains(id, "silence");
		call("/api/v1/after-sales/" + id + "/return-shipment", Map.of("carrier", "中通", "trackingNumber", "ZT1234"),
				w.buyer().token(), 200);
		advance("P2D");
		assertThat(api.post("/api/v1/after-sales/" + id + "/return-delivery", Map.of()).as(w.shop().account().token()).send()
			.status()).isEqualTo(403);
		call("/api/v1/after-sales/" + id + "/return-delivery", Map.of(), api.demoToken("agent"), 200);
		advance("P3DT1H"); // 3 days of silence after delivery, well before the 10-day fallback
		JsonNode refunded = fetch("/api/v1/after-sales/" + id, w.buyer().token());
		assertThat(events(refunded)).containsSubsequence("RECEIVED_BY_SILENCE", "REFUNDED");
		assertThat(refunded.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(refunded.path("refundSource").asString()).isEqualTo("MERCHANT_BALANCE");
		JsonNode escrow = fetch("/api/v1/orders/" + refunded.path("orderId").asString(), w.buyer().token()).path("escrow");
		assertThat(escrow.path("refundedFen").asLong()).as("escrow had released it").isZero();
		assertThat(escrow.path("refundedAfterReleaseFen").asLong()).as("the order shows the refund all the same")
			.isEqualTo(refunded.path("refundedFen").asLong()).isPositive();
		ledgerVerifies();
	}

	@Test
	@DisplayName("compensation first: the shop cannot pay by refundDueBy, the platform pays at once, recovers the "
			+ "deposit and books the rest as the shop's receivable")
	void compensationFirst() {
		var w = purchases.world();
		String orderId = purchases.delivered(w, 30); // 147,000 fen; the shop's deposit is 100,000
		call("/api/v1/orders/" + orderId + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		// the shop withdraws its money
		var available = AccountKind.MERCHANT_AVAILABLE.idFor(w.shop().merchantId());
		long has = ledger.balance(available).orElseThrow().creditBalance().fen();
		ledger.executeOrThrow(Transfer.of("test-payout-" + UUID.randomUUID(), available,
				Payments.clearing(PaymentProvider.SANDBOX), Money.fen(has), TransferCode.PAYOUT));

		String id = open(orderId, w, ask("RETURN_AND_REFUND", "NOT_AS_DESCRIBED"));
		String shop = w.shop().account().token();
		call("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "APPROVE", "returnAddress", "退货仓"), shop, 200);
		call("/api/v1/after-sales/" + id + "/return-shipment", Map.of("carrier", "EMS", "trackingNumber", "EMS0001"),
				w.buyer().token(), 200);
		JsonNode received = call("/api/v1/after-sales/" + id + "/return-receipt", Map.of(), shop, 200);
		assertThat(received.path("status").asString()).as("nothing to refund from").isEqualTo("RETURN_RECEIVED");
		assertThat(received.path("refundDueBy").asString()).isNotEmpty();
		assertThat(events(received)).contains("REFUND_PENDING");

		advance("P7DT1H");
		JsonNode paid = fetch("/api/v1/after-sales/" + id, w.buyer().token());
		assertThat(paid.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(paid.path("compensatedByPlatform").asBoolean()).isTrue();
		assertThat(paid.path("refundSource").asString()).isEqualTo("COMPENSATION_FIRST");
		assertThat(paid.path("refundedFen").asLong()).isEqualTo(147_000);
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("escrow").path("refundedAfterReleaseFen")
			.asLong()).isEqualTo(147_000);
		assertThat(ledger.balance(AccountKind.MERCHANT_DEPOSIT.idFor(w.shop().merchantId())).orElseThrow().creditBalance()
			.fen()).as("the deposit went to the fund").isZero();
		assertThat(ledger.balance(AccountKind.MERCHANT_RECEIVABLE.idFor(w.shop().merchantId())).orElseThrow()
			.debitBalance().fen()).as("the shop owes the rest").isEqualTo(47_000);
		JsonNode balance = fetch("/api/v1/merchants/" + w.shop().merchantId() + "/balance", shop);
		assertThat(balance.path("receivableFen").asLong()).isEqualTo(47_000);
		ledgerVerifies();
	}

	@Test
	@DisplayName("rejections: a no-reason return only as NOT_INTACT with evidence; the consumer escalates or withdraws; "
			+ "no one else closes the case")
	void rejectionRules() {
		var w = purchases.world();
		String orderId = purchases.delivered(w, 1);
		String id = open(orderId, w, ask("RETURN_AND_REFUND", "NO_REASON_7DAY"));
		String shop = w.shop().account().token();
		var noReason = api.post("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "REJECT")).as(shop).send();
		assertThat(noReason.code()).isEqualTo("REQUIRED");
		var opened = api.post("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "REJECT", "reason", "已拆封"))
			.as(shop).send();
		assertThat(opened.code()).as("'it was unsealed' is no ground").isEqualTo("REJECTION_NOT_ALLOWED");
		var bare = api.post("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "REJECT", "reason", "NOT_INTACT"))
			.as(shop).send();
		assertThat(bare.code()).as("not intact needs photos").isEqualTo("REJECTION_NOT_ALLOWED");
		String photo = api.upload("/api/v1/evidence", shop, "tag.png", EvidenceLogTests.png(),
				Map.of("kind", "OTHER", "orderId", orderId)).json().path("id").asString();
		// on the page: the one ground is stated, and the shop ticks its photo instead of typing a code and an id
		var page = cn.fangxin.support.PageSession.signedIn(api, w.shop().account().username(),
				w.shop().account().password());
		String form = page.get("/after-sales/" + id + "?lang=en").body();
		assertThat(form).contains("id=\"reject-not-intact\"").contains("not intact").contains("value=\"" + photo + "\"")
			.doesNotContain("id=\"rejectReason\"");
		page.post("/after-sales/" + id, "/after-sales/" + id + "/reject", Map.of("reason", "NOT_INTACT", "evidenceIds", photo));
		JsonNode rejected = fetch("/api/v1/after-sales/" + id, shop);
		assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
		assertThat(rejected.path("rejectionEvidenceIds").get(0).asString()).isEqualTo(photo);

		// the shop cannot close it, decide again or escalate; a stranger does not see it
		assertThat(api.post("/api/v1/after-sales/" + id + "/withdrawal", Map.of()).as(shop).send().status()).isEqualTo(403);
		assertThat(api.post("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "APPROVE", "returnAddress", "x"))
			.as(shop).send().code()).isEqualTo("AFTER_SALE_NOT_PENDING");
		String stranger = api.signUp("CONSUMER").token();
		assertThat(api.get("/api/v1/after-sales/" + id).as(stranger).send().code()).isEqualTo("AFTER_SALE_NOT_FOUND");
		assertThat(api.post("/api/v1/after-sales/" + id + "/withdrawal", Map.of()).as(stranger).send().status())
			.isEqualTo(404);
		// the consumer escalates: the order stays held; staff see the case
		JsonNode escalated = call("/api/v1/after-sales/" + id + "/escalation", Map.of(), w.buyer().token(), 200);
		assertThat(escalated.path("status").asString()).isEqualTo("ESCALATED");
		assertThat(fetch("/api/v1/after-sales?orderId=" + orderId, api.demoToken("agent")).path("items").get(0).path("status")
			.asString()).isEqualTo("ESCALATED");
		advance("P11D");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("status").asString()).isEqualTo("DELIVERED");
		// the shop cannot decide for customer service; customer service needs reasoning
		assertThat(api.post("/api/v1/after-sales/" + id + "/staff-decision", Map.of("decision", "UPHOLD", "reasoning", "x"))
			.as(shop).send().status()).isEqualTo(403);
		assertThat(api.post("/api/v1/after-sales/" + id + "/staff-decision", Map.of("decision", "UPHOLD"))
			.as(api.demoToken("agent")).send().code()).isEqualTo("REQUIRED");
		// and later withdraws: the hold goes, the order completes in at least 3 more days
		JsonNode withdrawn = call("/api/v1/after-sales/" + id + "/withdrawal", Map.of(), w.buyer().token(), 200);
		assertThat(withdrawn.path("status").asString()).isEqualTo("WITHDRAWN");
		assertThat(api.post("/api/v1/after-sales/" + id + "/withdrawal", Map.of()).as(w.buyer().token()).send().code())
			.isEqualTo("AFTER_SALE_CLOSED");
		advance("P3DT1H");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("status").asString()).isEqualTo("COMPLETED");
		ledgerVerifies();
	}

	@Test
	@DisplayName("customer service decides escalated cases: grants one (refund from escrow), upholds another (the "
			+ "order may complete; the consumer is pointed to a complaint)")
	void staffDecisions() {
		var w = purchases.world();
		String shop = w.shop().account().token();
		String agent = api.demoToken("agent");
		String granted = purchases.delivered(w, 1);
		String id = open(granted, w, ask("REFUND_ONLY", "NOT_AS_DESCRIBED"));
		call("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "REJECT", "reason", "与描述一致"), shop, 200);
		assertThat(api.post("/api/v1/after-sales/" + id + "/staff-decision",
				Map.of("decision", "APPROVE", "reasoning", "x")).as(agent).send().code()).isEqualTo("AFTER_SALE_NOT_ESCALATED");
		call("/api/v1/after-sales/" + id + "/escalation", Map.of(), w.buyer().token(), 200);
		JsonNode approved = call("/api/v1/after-sales/" + id + "/staff-decision",
				Map.of("decision", "APPROVE", "reasoning", "照片显示颜色与详情页明显不符"), agent, 200);
		assertThat(approved.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(events(approved)).containsSubsequence("REJECTED", "ESCALATED", "STAFF_DECISION", "APPROVED_BY_STAFF",
				"REFUNDED");

		String upheld = purchases.delivered(w, 1);
		String other = open(upheld, w, ask("RETURN_AND_REFUND", "QUALITY"));
		call("/api/v1/after-sales/" + other + "/decision", Map.of("decision", "REJECT", "reason", "人为损坏"), shop, 200);
		call("/api/v1/after-sales/" + other + "/escalation", Map.of(), w.buyer().token(), 200);
		JsonNode kept = call("/api/v1/after-sales/" + other + "/staff-decision",
				Map.of("decision", "UPHOLD", "reasoning", "照片显示外力损坏"), agent, 200);
		assertThat(kept.path("status").asString()).isEqualTo("REJECTED");
		assertThat(fetch("/api/v1/orders/" + upheld, w.buyer().token()).path("holds").isEmpty()).isTrue();
		assertThat(api.post("/api/v1/after-sales/" + other + "/escalation", Map.of()).as(w.buyer().token()).send().code())
			.isEqualTo("AFTER_SALE_DECIDED");
		ledgerVerifies();
	}

	@Test
	@DisplayName("exchange: the shop sends the replacement after the return arrived and the buyer closes the case; a "
			+ "shop that sends nothing in 7 days refunds instead")
	void exchanges() {
		var w = purchases.world();
		String shop = w.shop().account().token();
		String orderId = purchases.delivered(w, 1);
		String id = open(orderId, w, ask("EXCHANGE", "QUALITY"));
		call("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "APPROVE", "returnAddress", "换货组"), shop, 200);
		call("/api/v1/after-sales/" + id + "/return-shipment", Map.of("carrier", "中通", "trackingNumber", "ZT4455"),
				w.buyer().token(), 200);
		assertThat(api.post("/api/v1/after-sales/" + id + "/replacement-shipment",
				Map.of("carrier", "顺丰", "trackingNumber", "SF6677")).as(shop).send().code()).isEqualTo("REPLACEMENT_NOT_DUE");
		JsonNode received = call("/api/v1/after-sales/" + id + "/return-receipt", Map.of(), shop, 200);
		assertThat(received.path("status").asString()).isEqualTo("RETURN_RECEIVED");
		assertThat(received.path("refundDueBy").asString()).as("the replacement is due").isNotEmpty();
		JsonNode replaced = call("/api/v1/after-sales/" + id + "/replacement-shipment",
				Map.of("carrier", "顺丰", "trackingNumber", "SF6677"), shop, 200);
		assertThat(replaced.path("replacementTrackingNumber").asString()).isEqualTo("SF6677");
		advance("P8D");
		assertThat(fetch("/api/v1/after-sales/" + id, w.buyer().token()).path("refundedFen").asLong())
			.as("a shipped replacement is not refunded").isZero();
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("holds").isEmpty())
			.as("a shipped replacement no longer holds the order").isTrue();
		assertThat(call("/api/v1/after-sales/" + id + "/withdrawal", Map.of(), w.buyer().token(), 200).path("status")
			.asString()).isEqualTo("WITHDRAWN");

		String other = purchases.delivered(w, 1);
		String unanswered = open(other, w, ask("EXCHANGE", "DAMAGED"));
		call("/api/v1/after-sales/" + unanswered + "/decision", Map.of("decision", "APPROVE", "returnAddress", "换货组"), shop,
				200);
		call("/api/v1/after-sales/" + unanswered + "/return-shipment", Map.of("carrier", "中通", "trackingNumber", "ZT8899"),
				w.buyer().token(), 200);
		call("/api/v1/after-sales/" + unanswered + "/return-receipt", Map.of(), shop, 200);
		advance("P7DT1H");
		JsonNode refunded = fetch("/api/v1/after-sales/" + unanswered, w.buyer().token());
		assertThat(refunded.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(refunded.path("refundedFen").asLong()).isEqualTo(4_900);
		assertThat(events(refunded)).containsSubsequence("RETURN_RECEIVED", "REPLACEMENT_OVERDUE", "REFUNDED");
		ledgerVerifies();
	}

	@Test
	@DisplayName("refund only before shipment: the shop approves and escrow pays at once; bad requests are refused")
	void refundOnlyAndValidation() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		var bad = api.post("/api/v1/orders/" + orderId + "/after-sales", Map.of("type", "SWAP", "description", ""))
			.as(w.buyer().token()).send();
		assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(bad.json().path("errors").size()).isEqualTo(3);
		assertThat(api.post("/api/v1/orders/" + orderId + "/after-sales", ask("RETURN_AND_REFUND", "QUALITY"))
			.as(w.buyer().token()).send().code()).isEqualTo("NOT_SHIPPED");
		Map<String, Object> tooMuch = ask("REFUND_ONLY", "NOT_RECEIVED");
		tooMuch.put("amountFen", 5_000);
		assertThat(api.post("/api/v1/orders/" + orderId + "/after-sales", tooMuch).as(w.buyer().token()).send().code())
			.isEqualTo("AMOUNT_EXCEEDS_PAID");
		assertThat(api.post("/api/v1/orders/" + orderId + "/after-sales", ask("REFUND_ONLY", "NOT_RECEIVED"))
			.as(w.shop().account().token()).send().status()).as("the shop does not ask").isEqualTo(403);
		Map<String, Object> nullEvidence = ask("REFUND_ONLY", "NOT_RECEIVED");
		nullEvidence.put("evidenceIds", java.util.Arrays.asList((String) null));
		assertThat(api.post("/api/v1/orders/" + orderId + "/after-sales", nullEvidence).as(w.buyer().token()).send().code())
			.isEqualTo("VALIDATION_FAILED");
		String elsewhere = api.upload("/api/v1/evidence", w.buyer().token(), "x.png", EvidenceLogTests.png(),
				Map.of("kind", "SCREENSHOT")).json().path("id").asString();
		Map<String, Object> foreign = ask("REFUND_ONLY", "NOT_RECEIVED");
		foreign.put("evidenceIds", List.of(elsewhere));
		assertThat(api.post("/api/v1/orders/" + orderId + "/after-sales", foreign).as(w.buyer().token()).send().code())
			.as("evidence must be filed under the order").isEqualTo("EVIDENCE_NOT_FOUND");

		Map<String, Object> part = ask("REFUND_ONLY", "NOT_AS_DESCRIBED");
		part.put("amountFen", 1_000);
		String id = open(orderId, w, part);
		JsonNode refunded = call("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "APPROVE"),
				w.shop().account().token(), 200);
		assertThat(refunded.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(refunded.path("refundedFen").asLong()).isEqualTo(1_000);
		JsonNode order = fetch("/api/v1/orders/" + orderId, w.buyer().token());
		assertThat(order.path("status").asString()).as("a partial refund leaves the order open").isEqualTo("PAID");
		assertThat(order.path("escrow").path("heldFen").asLong()).isEqualTo(3_900);
		assertThat(fetch("/api/v1/after-sales", w.buyer().token()).path("items").get(0).path("id").asString()).isEqualTo(id);
		assertThat(fetch("/api/v1/after-sales", w.shop().account().token()).path("items").get(0).path("id").asString())
			.isEqualTo(id);
		ledgerVerifies();
	}
}
