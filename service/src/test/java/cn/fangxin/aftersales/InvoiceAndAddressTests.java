package cn.fangxin.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.fangxin.evidence.EvidenceLogTests;
import cn.fangxin.merchant.MarkKind;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/**
 * Invoices within 5 working days (issued as INVOICE evidence, refused or overdue → a mark and the staff's queue) and
 * address changes before shipment (accepted onto the order, declined with a reason, or sent to customer service by
 * the shop's silence), through the HTTP API on the test clock.
 */
@Tag("scenario")
class InvoiceAndAddressTests extends ApiTest {

	@Autowired
	Merchants merchants;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	cn.fangxin.aftersales.internal.RequestRepository requests;

	@Autowired
	cn.fangxin.platform.Deadlines deadlines;

	Purchases purchases;

	/** The kinds of the request's deadlines still to fire. */
	java.util.List<String> scheduled(String requestId) {
		return deadlines.pendingFor(requestId).stream().map(cn.fangxin.platform.Deadline::kind).toList();
	}

	@BeforeEach
	void setUp() {
		purchases = new Purchases(api);
	}

	@Test
	@DisplayName("invoice: issued as INVOICE evidence under the order; another kind of record is refused")
	void invoiceIssued() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		assertThat(api.post("/api/v1/orders/" + orderId + "/invoice-requests", Map.of("title", " "))
			.as(w.buyer().token()).send().code()).isEqualTo("REQUIRED");
		JsonNode asked = call("/api/v1/orders/" + orderId + "/invoice-requests",
				Map.of("title", "杭州某某科技有限公司", "taxId", "91330100MA2XXXXX1X"), w.buyer().token(), 201);
		assertThat(asked.path("status").asString()).isEqualTo("REQUESTED");
		assertThat(asked.path("dueBy").asString()).isNotEmpty();
		String id = asked.path("id").asString();
		assertThat(scheduled(id)).containsExactly(Invoices.DUE);
		String shop = w.shop().account().token();
		String screenshot = api.upload("/api/v1/evidence", shop, "s.png", EvidenceLogTests.png(),
				Map.of("kind", "SCREENSHOT", "orderId", orderId)).json().path("id").asString();
		assertThat(api.post("/api/v1/invoice-requests/" + id + "/invoice", Map.of("evidenceId", screenshot)).as(shop).send()
			.code()).isEqualTo("EVIDENCE_NOT_AN_INVOICE");
		String invoice = api.upload("/api/v1/evidence", shop, "fapiao.png", EvidenceLogTests.png(),
				Map.of("kind", "INVOICE", "orderId", orderId)).json().path("id").asString();
		assertThat(api.post("/api/v1/invoice-requests/" + id + "/invoice", Map.of("evidenceId", invoice))
			.as(w.buyer().token()).send().status()).as("the buyer does not issue").isEqualTo(403);
		JsonNode issued = call("/api/v1/invoice-requests/" + id + "/invoice", Map.of("evidenceId", invoice), shop, 200);
		assertThat(issued.path("status").asString()).isEqualTo("ISSUED");
		assertThat(scheduled(id)).as("issued: the 5 working days are withdrawn").isEmpty();
		assertThat(fetch("/api/v1/invoice-requests/" + id, w.buyer().token()).path("evidenceId").asString()).isEqualTo(invoice);
		assertThat(fetch("/api/v1/evidence/" + invoice, w.buyer().token()).path("kind").asString()).isEqualTo("INVOICE");
		assertThat(api.get("/api/v1/invoice-requests/" + id).as(api.signUp("CONSUMER").token()).send().status())
			.isEqualTo(404);
	}

	@Test
	@DisplayName("an invoice's title and taxpayer id (an individual's name and ID number) are encrypted at rest; rows "
			+ "stored in plain text before are encrypted at start, and both read back the same")
	void invoiceBuyerEncryptedAtRest() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		String idNumber = cn.fangxin.support.Identities.residentId();
		String id = call("/api/v1/orders/" + orderId + "/invoice-requests", Map.of("title", "王小明", "taxId", idNumber),
				w.buyer().token(), 201).path("id").asString();
		String[] stored = storedBuyer(id);
		assertThat(stored[0]).isNull();
		assertThat(stored[1]).isNull();
		assertThat(stored[2]).isNotBlank().doesNotContain("王小明").doesNotContain(idNumber);
		JsonNode forShop = fetch("/api/v1/invoice-requests/" + id, w.shop().account().token());
		assertThat(forShop.path("title").asString()).as("the shop issues the invoice to this name").isEqualTo("王小明");
		assertThat(forShop.path("taxId").asString()).isEqualTo(idNumber.toUpperCase());

		// a row as an earlier version stored it
		jdbc.sql("update invoice_request set title = '李四', tax_id = '91330100MA2XXXXX1X', buyer_cipher = null where id = :id")
			.param("id", id).update();
		assertThat(requests.encryptPlainBuyers()).isPositive();
		String[] rewritten = storedBuyer(id);
		assertThat(rewritten[0]).isNull();
		assertThat(rewritten[1]).isNull();
		assertThat(rewritten[2]).doesNotContain("李四");
		JsonNode after = fetch("/api/v1/invoice-requests/" + id, w.buyer().token());
		assertThat(after.path("title").asString()).isEqualTo("李四");
		assertThat(after.path("taxId").asString()).isEqualTo("91330100MA2XXXXX1X");
	}

	/** An invoice request's title, tax id and buyer ciphertext as stored. */
	private String[] storedBuyer(String id) {
		return jdbc.sql("select title, tax_id, buyer_cipher from invoice_request where id = :id").param("id", id)
			.query((rs, n) -> new String[] { rs.getString("title"), rs.getString("tax_id"), rs.getString("buyer_cipher") })
			.single();
	}

	@Test
	@DisplayName("invoice: overdue after 5 working days, or refused: a mark on the shop's record and the staff's queue")
	void invoiceOverdueAndRefused() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		String late = call("/api/v1/orders/" + orderId + "/invoice-requests", Map.of("title", "王小明"), w.buyer().token(), 201)
			.path("id").asString();
		assertThat(api.post("/api/v1/orders/" + orderId + "/invoice-requests", Map.of("title", "王小明"))
			.as(w.buyer().token()).send().code()).as("one open request per order").isEqualTo("INVOICE_REQUEST_OPEN");
		String otherOrder = purchases.paid(w);
		String refused = call("/api/v1/orders/" + otherOrder + "/invoice-requests", Map.of("title", "王小明（个人）"),
				w.buyer().token(), 201).path("id").asString();
		String shop = w.shop().account().token();
		assertThat(api.post("/api/v1/invoice-requests/" + refused + "/refusal", Map.of()).as(shop).send().code())
			.isEqualTo("REQUIRED");
		assertThat(call("/api/v1/invoice-requests/" + refused + "/refusal", Map.of("reason", "小店不开发票"), shop, 200)
			.path("status").asString()).isEqualTo("REFUSED");
		advance("P20D"); // 5 working days, even across the Spring Festival
		assertThat(fetch("/api/v1/invoice-requests/" + late, w.buyer().token()).path("status").asString()).isEqualTo("OVERDUE");
		assertThat(merchants.marks(w.shop().merchantId(), MarkKind.INVOICE_OVERDUE)).isEqualTo(1);
		assertThat(merchants.marks(w.shop().merchantId(), MarkKind.INVOICE_REFUSED)).isEqualTo(1);
		String queue = fetch("/api/v1/invoice-requests", api.demoToken("agent")).toString();
		assertThat(queue).contains(late).contains(refused);
		// an overdue invoice can still be issued
		String invoice = api.upload("/api/v1/evidence", shop, "fapiao.png", EvidenceLogTests.png(),
				Map.of("kind", "INVOICE", "orderId", orderId)).json().path("id").asString();
		assertThat(call("/api/v1/invoice-requests/" + late + "/invoice", Map.of("evidenceId", invoice), shop, 200)
			.path("status").asString()).isEqualTo("ISSUED");
	}

	static Map<String, Object> newAddress() {
		return Map.of("name", "王小明", "phone", "13900139000", "region", "北京市海淀区", "line", "中关村大街 1 号 302");
	}

	@Test
	@DisplayName("address change before shipment: the shop accepts and the order ships to the new address")
	void addressAccepted() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		assertThat(api.post("/api/v1/orders/" + orderId + "/address-changes", Map.of("name", "x", "phone", "1", "region", "y",
				"line", "z")).as(w.buyer().token()).send().code()).isEqualTo("VALIDATION_FAILED");
		JsonNode asked = call("/api/v1/orders/" + orderId + "/address-changes", newAddress(), w.buyer().token(), 201);
		assertThat(asked.path("newAddress").asString()).contains("139****9000").doesNotContain("13900139000");
		assertThat(asked.path("respondBy").asString()).isNotEmpty();
		String id = asked.path("id").asString();
		assertThat(api.post("/api/v1/orders/" + orderId + "/address-changes", newAddress()).as(w.buyer().token()).send()
			.code()).isEqualTo("ADDRESS_CHANGE_OPEN");
		String shop = w.shop().account().token();
		assertThat(scheduled(id)).containsExactly(AddressChanges.DUE);
		assertThat(call("/api/v1/address-changes/" + id + "/decision", Map.of("decision", "ACCEPT"), shop, 200)
			.path("status").asString()).isEqualTo("ACCEPTED");
		assertThat(scheduled(id)).as("decided: the shop's 24 hours are withdrawn").isEmpty();
		JsonNode order = fetch("/api/v1/orders/" + orderId, w.buyer().token());
		assertThat(order.path("shippingAddress").asString()).contains("北京市海淀区").contains("139****9000");
		assertThat(order.toString()).contains("ADDRESS_CHANGED");
		assertThat(fetch("/api/v1/orders/" + orderId + "/shipping-label", shop).path("phone").asString())
			.isEqualTo("13900139000");
		assertThat(fetch("/api/v1/orders?q=13900139000", api.demoToken("agent")).toString())
			.as("staff find the order by its new number").contains(orderId);
		call("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF20261130"), shop, 200);
		assertThat(api.post("/api/v1/orders/" + orderId + "/address-changes", newAddress()).as(w.buyer().token()).send()
			.code()).isEqualTo("ORDER_ALREADY_SHIPPED");
	}

	@Test
	@DisplayName("address change: the shop's 24 h silence sends it to customer service, who decline it with a reason")
	void addressEscalated() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		String id = call("/api/v1/orders/" + orderId + "/address-changes", newAddress(), w.buyer().token(), 201).path("id")
			.asString();
		String agent = api.demoToken("agent");
		assertThat(api.post("/api/v1/address-changes/" + id + "/decision", Map.of("decision", "ACCEPT")).as(agent).send()
			.status()).as("staff wait for the shop's 24 hours").isEqualTo(403);
		advance("PT25H");
		assertThat(fetch("/api/v1/address-changes/" + id, w.buyer().token()).path("status").asString()).isEqualTo("ESCALATED");
		assertThat(fetch("/api/v1/address-changes", agent).toString()).contains(id);
		assertThat(api.post("/api/v1/address-changes/" + id + "/decision", Map.of("decision", "DECLINE")).as(agent).send()
			.code()).isEqualTo("REQUIRED");
		JsonNode declined = call("/api/v1/address-changes/" + id + "/decision",
				Map.of("decision", "DECLINE", "reason", "包裹已交快递揽收"), agent, 200);
		assertThat(declined.path("status").asString()).isEqualTo("DECLINED");
		assertThat(declined.path("decidedBy").asString()).as("staff by work number, not login name")
			.matches("STAFF:#[0-9A-F]{6}");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("shippingAddress").asString())
			.doesNotContain("北京市海淀区");
	}

	@Test
	@DisplayName("address change: the order ships while the request waits for customer service; deciding it then is "
			+ "refused ORDER_ALREADY_SHIPPED and the request expires, leaving the staff's queue")
	void addressChangeOutrunByShipment() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		String id = call("/api/v1/orders/" + orderId + "/address-changes", newAddress(), w.buyer().token(), 201).path("id")
			.asString();
		advance("PT25H");
		String agent = api.demoToken("agent");
		assertThat(fetch("/api/v1/address-changes", agent).toString()).contains(id);
		call("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF20261201"),
				w.shop().account().token(), 200);
		assertThat(api.post("/api/v1/address-changes/" + id + "/decision", Map.of("decision", "ACCEPT")).as(agent).send()
			.code()).isEqualTo("ORDER_ALREADY_SHIPPED");
		assertThat(fetch("/api/v1/address-changes/" + id, w.buyer().token()).path("status").asString()).isEqualTo("EXPIRED");
		assertThat(fetch("/api/v1/address-changes", agent).toString()).doesNotContain(id);
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("shippingAddress").asString())
			.doesNotContain("北京市海淀区");
	}
}
