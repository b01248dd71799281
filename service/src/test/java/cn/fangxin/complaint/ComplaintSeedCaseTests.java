package cn.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.evidence.EvidenceLogTests;
import cn.fangxin.support.Purchases;
import cn.fangxin.support.Shops;
import tools.jackson.databind.JsonNode;

/**
 * Seed 004's four cases, each through the complaint API to the outcome the law gives: Li Fang's fake lipstick with
 * third-party appraisals (refund plus CRPL art. 55 compensation, the seller named, the shop warned); Mo Xin's belt
 * without receipt that "does not support a refund" (refunded by arbitration, no statutory compensation without proof
 * of fraud); Cheng Lin's parcel stalled at the depot (the shop's refund offer, accepted); and Liu Fei's parcel lost at
 * the old address with her refund request closed again and again (here the shop cannot close anything: silence goes
 * to arbitration, and the seller bears the risk until delivery).
 */
@Tag("scenario")
class ComplaintSeedCaseTests extends ComplaintTest {

	@Test
	@DisplayName("Li Fang's lipstick: four appraisals say fake, the shop rejects third-party appraisal; arbitration "
			+ "awards refund + 3 x price (CRPL art. 55), paid first by the platform from the deposit; the seller is named")
	void fakeLipstick() {
		var shop = new Shops(api).selling(List.of("cosmetics"), 500_000);
		Map<String, Object> lipstick = new HashMap<>();
		lipstick.put("title", "大牌口红 #999 正品保证");
		lipstick.put("description", "专柜正品，假一赔十");
		lipstick.put("category", "cosmetics");
		lipstick.put("priceFen", 29_900);
		lipstick.put("functions", "唇妆");
		lipstick.put("formatClauses", List.of("海外直邮"));
		lipstick.put("returnPolicy", Map.of("sevenDayNoReason", true));
		String listing = call("/api/v1/listings", lipstick, shop.account().token(), 201).path("id").asString();
		var w = new Purchases.World(shop, listing, api.signUp("CONSUMER"));
		String orderId = delivered(w);
		String buyer = w.buyer().token();
		String appraisal = api.upload("/api/v1/evidence", buyer, "jianding.png", EvidenceLogTests.png(),
				Map.of("kind", "APPRAISAL_REPORT", "orderId", orderId)).json().path("id").asString();
		Map<String, Object> body = complaint(w, orderId, "COUNTERFEIT",
				"口红与专柜不同，美妆鉴定App四位鉴定师均认定为假货；客服拿不出授权书，不认第三方鉴定",
				List.of("REFUND", "COMPENSATION", "DISCLOSE_SELLER_IDENTITY"));
		body.put("evidenceIds", List.of(appraisal));
		JsonNode filed = call("/api/v1/complaints", body, buyer, 201);
		String id = filed.path("id").asString();
		assertThat(filed.path("statutoryCompensation").path("amountFen").asLong()).as("3 x 299 CNY").isEqualTo(89_700);
		assertThat(filed.path("evidenceChecklist").toString())
			.contains("{\"kind\":\"APPRAISAL_REPORT\",\"required\":true,\"satisfied\":true}");

		call("/api/v1/complaints/" + id + "/responses", Map.of("message", "不认可第三方鉴定结果，请到相关部门鉴定"),
				shop.account().token(), 200);
		call("/api/v1/complaints/" + id + "/escalation", Map.of("reason", "商家不认鉴定，要求平台介入"), buyer, 200);
		JsonNode seller = fetch("/api/v1/complaints/" + id + "/seller-identity", buyer);
		assertThat(seller.path("legalName").asString()).isNotBlank();
		assertThat(seller.path("address").asString()).isNotBlank();

		JsonNode decided = call("/api/v1/complaints/" + id + "/arbitration-decision", Map.of("outcome", "CONSUMER_WINS",
				"refundFen", 29_900, "compensationFen", 89_700, "sanction", "WARNING", "reasoning",
				"四份鉴定意见一致，商家未能提供进货凭证或品牌授权；标榜正品构成欺诈（消法第55条第1款），退一赔三"),
				api.demoToken("arbiter"), 200);
		assertThat(decided.path("refundedFen").asLong()).isEqualTo(29_900);
		assertThat(decided.path("compensatedFen").asLong()).isEqualTo(89_700);
		assertThat(escrowHeld(orderId, buyer)).isZero();
		JsonNode balance = fetch("/api/v1/merchants/" + shop.merchantId() + "/balance", shop.account().token());
		assertThat(balance.path("depositFen").asLong()).as("recovered from the deposit").isEqualTo(500_000 - 89_700);
		advance("P7DT1M");
		assertThat(get(id, buyer).path("status").asString()).isEqualTo("CLOSED");
		ledgerVerifies();
	}

	@Test
	@DisplayName("Mo Xin's belt: 'the goods do not support a refund', no receipt; no agreement within 48 h → arbitration "
			+ "refunds the price; fraud unproven, so no statutory compensation")
	void beltWithoutReceipt() {
		var w = purchases.world();
		String orderId = delivered(w);
		String buyer = w.buyer().token();
		String id = file(w, orderId, "REFUND_REFUSED", "包装简陋、无购物小票、二维码扫不出信息；客服说商品不支持退款",
				List.of("REFUND", "INVOICE")).path("id").asString();
		call("/api/v1/complaints/" + id + "/responses", Map.of("message", "海外品牌包装简单，不提供小票，商品不支持退款"),
				w.shop().account().token(), 200);
		passDeadline(id); // customer service's 48 h for after-sales disputes
		JsonNode inArbitration = get(id, buyer);
		assertThat(inArbitration.path("status").asString()).isEqualTo("IN_ARBITRATION");
		assertThat(inArbitration.path("statutoryCompensation").isMissingNode()).isTrue();
		JsonNode decided = call("/api/v1/complaints/" + id + "/arbitration-decision", Map.of("outcome", "CONSUMER_WINS",
				"refundFen", 4_900, "reasoning", "网购商品七日无理由退货（消法第25条），“不支持退款”不是拒绝理由；"
						+ "假货证据不足，不支持惩罚性赔偿"), api.demoToken("arbiter"), 200);
		assertThat(decided.path("refundedFen").asLong()).isEqualTo(4_900);
		assertThat(decided.path("compensatedFen").asLong()).isZero();
		assertThat(fetch("/api/v1/orders/" + orderId, buyer).path("status").asString()).isEqualTo("REFUNDED");
		ledgerVerifies();
	}

	@Test
	@DisplayName("Cheng Lin's parcel stalled at the Changning depot: the shop offers a full refund; accepted, paid from "
			+ "escrow at once")
	void stalledLogistics() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		call("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF20190301"),
				w.shop().account().token(), 200);
		advance("P8D");
		String id = file(w, orderId, "LOGISTICS_DELAY", "3月1日到达长宁站点后一直未派送，投诉物流无果",
				List.of("REFUND")).path("id").asString();
		call("/api/v1/complaints/" + id + "/responses", Map.of("message", "物流异常，全额退款", "offer",
				Map.of("refundFen", 4_900, "compensationFen", 0, "action", "REFUND")), w.shop().account().token(), 200);
		JsonNode done = call("/api/v1/complaints/" + id + "/acceptance", Map.of("accept", true), w.buyer().token(), 200);
		assertThat(done.path("status").asString()).isEqualTo("RESOLVED");
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("escrow").path("refundedFen").asLong())
			.isEqualTo(4_900);
		ledgerVerifies();
	}

	@Test
	@DisplayName("Liu Fei's parcel lost at the old address: the shop cannot close the complaint and stays silent; "
			+ "arbitration refunds in full (the seller bears the risk until delivery)")
	void refundClosedBySeller() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		call("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "小红书自营", "trackingNumber", "XHS20190309"),
				w.shop().account().token(), 200);
		String id = file(w, orderId, "LOST_PARCEL", "改地址一直处理中，快递送到原地址快递柜，没有取件码，始终未收到；"
				+ "退款申请被反复关闭", List.of("REFUND", "DISCLOSE_SELLER_IDENTITY")).path("id").asString();
		assertThat(api.post("/api/v1/complaints/" + id + "/withdrawal", Map.of()).as(w.shop().account().token()).send()
			.status()).as("the shop cannot close it").isEqualTo(403);
		advance("PT49H");
		JsonNode c = get(id, w.buyer().token());
		assertThat(c.path("status").asString()).isEqualTo("IN_ARBITRATION");
		assertThat(c.path("legalBasis").toString()).contains("Civil Code");
		JsonNode decided = call("/api/v1/complaints/" + id + "/arbitration-decision", Map.of("outcome", "CONSUMER_WINS",
				"refundFen", 4_900, "reasoning", "无签收记录，标的物交付前的灭失风险由出卖人承担（民法典第604条）"),
				api.demoToken("arbiter2"), 200);
		assertThat(decided.path("refundedFen").asLong()).isEqualTo(4_900);
		assertThat(fetch("/api/v1/orders/" + orderId, w.buyer().token()).path("status").asString()).isEqualTo("REFUNDED");
		ledgerVerifies();
	}
}
