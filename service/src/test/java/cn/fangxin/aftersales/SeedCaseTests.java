package cn.fangxin.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/**
 * The seeds' after-sales cases (seed 004) replayed through the API, each to the outcome the law gives: the shop that
 * says its goods "do not support a refund" and will not give an invoice; the lipstick the buyer wants to send back
 * within 7 days; the parcel sent to the old address while the address change "is processing", with the refund request
 * closed again and again; and the parcel stuck at a depot. (Counterfeit compensation and the complaint tiers are the
 * complaints module's, issue 8.)
 */
@Tag("scenario")
class SeedCaseTests extends ApiTest {

	Purchases purchases;

	@BeforeEach
	void setUp() {
		purchases = new Purchases(api);
	}

	static Map<String, Object> ask(String type, String reason, String description) {
		return Map.of("type", type, "reason", reason, "description", description);
	}

	@Test
	@DisplayName("Mo Xin's belt: 'the goods do not support a refund' is no answer to a 7-day return; the refused "
			+ "invoice is marked and goes to staff")
	void beltWithoutReceipt() {
		var w = purchases.world();
		String orderId = purchases.delivered(w, 1);
		String shop = w.shop().account().token();
		String id = call("/api/v1/orders/" + orderId + "/after-sales", ask("RETURN_AND_REFUND", "NO_REASON_7DAY",
				"包装简陋、没有购物小票、二维码扫不出信息，要求退货"), w.buyer().token(), 201).path("id").asString();
		var refusal = api.post("/api/v1/after-sales/" + id + "/decision",
				Map.of("decision", "REJECT", "reason", "该商品不支持退款")).as(shop).send();
		assertThat(refusal.code()).as("CRPL art. 25: only goods not intact may be refused").isEqualTo("REJECTION_NOT_ALLOWED");
		String invoice = call("/api/v1/orders/" + orderId + "/invoice-requests", Map.of("title", "莫欣"), w.buyer().token(), 201)
			.path("id").asString();
		call("/api/v1/invoice-requests/" + invoice + "/refusal", Map.of("reason", "海外资源有限，不提供小票"), shop, 200);
		assertThat(fetch("/api/v1/invoice-requests", api.demoToken("agent")).toString()).contains(invoice);

		advance("PT49H"); // the shop says nothing more: approved by silence, to its registered address
		JsonNode approved = fetch("/api/v1/after-sales/" + id, w.buyer().token());
		assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
		call("/api/v1/after-sales/" + id + "/return-shipment", Map.of("carrier", "EMS", "trackingNumber", "EMS20190301"),
				w.buyer().token(), 200);
		advance("P10DT1H"); // and does not confirm the return: received by silence, refunded from escrow
		JsonNode done = fetch("/api/v1/after-sales/" + id, w.buyer().token());
		assertThat(done.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(done.path("refundSource").asString()).isEqualTo("ESCROW");
	}

	@Test
	@DisplayName("Li Fang's lipstick: sent back within the 7 days whatever the shop thinks of third-party appraisals; "
			+ "refunded from escrow")
	void lipstickReturn() {
		var w = purchases.world();
		String orderId = purchases.delivered(w, 1);
		advance("P3D");
		String id = call("/api/v1/orders/" + orderId + "/after-sales", ask("RETURN_AND_REFUND", "NO_REASON_7DAY",
				"与专柜口红不同，四位鉴定师均认定为假货"), w.buyer().token(), 201).path("id").asString();
		String shop = w.shop().account().token();
		call("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "APPROVE", "returnAddress", "上海市退货仓"), shop, 200);
		call("/api/v1/after-sales/" + id + "/return-shipment", Map.of("carrier", "中通", "trackingNumber", "ZT0001"),
				w.buyer().token(), 200);
		JsonNode done = call("/api/v1/after-sales/" + id + "/return-receipt", Map.of(), shop, 200);
		assertThat(done.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(done.path("returnShippingPayer").asString()).isEqualTo("CONSUMER");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("status").asString()).isEqualTo("REFUNDED");
	}

	@Test
	@DisplayName("Liu Fei's parcel: the address change goes to customer service after 24 h; the parcel went to the old "
			+ "address; the refund-only request cannot be closed by the shop nor made to wait for a return")
	void parcelToOldAddress() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		String change = call("/api/v1/orders/" + orderId + "/address-changes", Map.of("name", "刘菲", "phone", "13700137000",
				"region", "上海市长宁区", "line", "新地址 8 号"), w.buyer().token(), 201).path("id").asString();
		advance("PT25H");
		assertThat(fetch("/api/v1/address-changes/" + change, w.buyer().token()).path("status").asString())
			.as("no more 'processing' for days").isEqualTo("ESCALATED");
		// the shop ships to the old address anyway: the record shows the change was pending with customer service
		String shop = w.shop().account().token();
		call("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "小红书自营", "trackingNumber", "XHS20190309"), shop, 200);
		String id = call("/api/v1/orders/" + orderId + "/after-sales", ask("REFUND_ONLY", "NOT_RECEIVED",
				"快递送到原地址快递柜，没有取件码，始终未收到"), w.buyer().token(), 201).path("id").asString();
		assertThat(api.post("/api/v1/after-sales/" + id + "/withdrawal", Map.of()).as(shop).send().status())
			.as("the shop cannot close it").isEqualTo(403);
		assertThat(fetch("/api/v1/after-sales/" + id, w.buyer().token()).path("returnAddress").isMissingNode())
			.as("a refund-only request has no return leg").isTrue();
		advance("PT49H");
		JsonNode done = fetch("/api/v1/after-sales/" + id, w.buyer().token());
		assertThat(done.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(done.path("timeline").toString()).contains("APPROVED_BY_SILENCE");
	}

	@Test
	@DisplayName("Cheng Lin's stalled parcel: a refund-only request while it sits at the depot; the order does not "
			+ "complete under it; the shop approves")
	void stalledLogistics() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		call("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF20190301"),
				w.shop().account().token(), 200);
		advance("P8D");
		String id = call("/api/v1/orders/" + orderId + "/after-sales", ask("REFUND_ONLY", "NOT_RECEIVED",
				"3月1日到达长宁站点后一直未派送"), w.buyer().token(), 201).path("id").asString();
		JsonNode done = call("/api/v1/after-sales/" + id + "/decision", Map.of("decision", "APPROVE"),
				w.shop().account().token(), 200);
		assertThat(done.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("escrow").path("refundedFen").asLong())
			.isEqualTo(4_900);
	}
}
