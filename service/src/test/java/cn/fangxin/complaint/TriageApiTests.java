package cn.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Triage through the API (issue 9): the advice and the letter in the consumer's language, filing without a category,
 * and staff's corrections kept for retraining.
 */
@Tag("scenario")
class TriageApiTests extends ComplaintTest {

	@Test
	@DisplayName("a Chinese complaint: category with confidence, channel, checklist, legal basis, statutory compensation "
			+ "for the order's price, and a Chinese letter citing the articles with a 7-day deadline")
	void chineseAdvice() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		JsonNode t = call("/api/v1/complaints/triage", Map.of("text", "直播间买的口红是假货，专柜说不是正品，客服不认，要求退一赔三",
				"orderId", orderId), w.buyer().token(), 200);
		assertThat(t.path("category").asString()).isEqualTo("COUNTERFEIT");
		assertThat(t.path("confidence").asDouble()).isBetween(0.35, 1.0);
		assertThat(t.path("language").asString()).isEqualTo("zh");
		assertThat(t.path("suggestedChannel").asString()).isEqualTo("PLATFORM_REPORT");
		assertThat(t.path("evidenceChecklist").toString()).contains("APPRAISAL_REPORT");
		assertThat(t.path("legalBasis").toString()).contains("art. 55 para. 1");
		assertThat(t.path("statutoryCompensation").path("amountFen").asLong()).isEqualTo(50_000);
		String letter = t.path("letter").asString();
		assertThat(letter).contains("《消费者权益保护法》第五十五条第一款", "退款", "7日内", orderId, "¥500.00");
		assertThat(api.post("/api/v1/complaints/triage", Map.of("text", "假货", "orderId", orderId))
			.as(api.signUp("CONSUMER").token()).send().status()).as("someone else's order").isEqualTo(404);
		assertThat(api.post("/api/v1/complaints/triage", Map.of("text", " ")).as(w.buyer().token()).send().status())
			.isEqualTo(400);
	}

	@Test
	@DisplayName("an English complaint gets an English letter; filing without a category uses triage")
	void englishAndFilingWithoutCategory() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		JsonNode t = call("/api/v1/complaints/triage", Map.of("text",
				"Ordered 10 days ago and the tracking hasn't moved since it reached the Shanghai hub, seller keeps saying tomorrow"),
				w.buyer().token(), 200);
		assertThat(t.path("category").asString()).isEqualTo("LOGISTICS_DELAY");
		assertThat(t.path("language").asString()).isEqualTo("en");
		assertThat(t.path("letter").asString()).contains("Civil Code", "within 7 days", "12315");

		Map<String, Object> body = complaint(w, orderId, null, "卖家一直不发货，物流信息五天没更新了", List.of("REFUND"));
		JsonNode filed = call("/api/v1/complaints", body, w.buyer().token(), 201);
		assertThat(filed.path("category").asString()).isEqualTo("LOGISTICS_DELAY");
		assertThat(filed.path("categorySource").asString()).isEqualTo("TRIAGE");
		assertThat(filed.path("triageConfidence").asDouble()).isPositive();
		assertThat(filed.path("timeline").toString()).contains("by triage");
	}

	@Test
	@DisplayName("staff correct a category; the correction is kept and retraining learns it")
	void correctionsRetrain() {
		var w = purchases.world();
		String orderId = purchases.paid(w);
		Map<String, Object> body = complaint(w, orderId, "OTHER", "直播间说送的赠品一直没发", List.of("APOLOGY"));
		body.put("letter", "商家：请补发赠品。");
		String id = call("/api/v1/complaints", body, w.buyer().token(), 201).path("id").asString();
		assertThat(get(id, w.shop().account().token()).path("letter").asString()).isEqualTo("商家：请补发赠品。");
		assertThat(api.post("/api/v1/complaints/" + id + "/category", Map.of("category", "AFTER_SALES_SERVICE"))
			.as(w.buyer().token()).send().status()).as("consumers do not correct").isEqualTo(403);
		JsonNode corrected = call("/api/v1/complaints/" + id + "/category",
				Map.of("category", "AFTER_SALES_SERVICE", "reason", "赠品未发属售后服务"), api.demoToken("agent"), 200);
		assertThat(corrected.path("category").asString()).isEqualTo("AFTER_SALES_SERVICE");
		assertThat(corrected.path("categorySource").asString()).isEqualTo("STAFF");
		assertThat(corrected.path("timeline").toString()).contains("CATEGORY_CORRECTED");
		JsonNode shipped = fetch("/api/v1/admin/triage", api.demoToken("admin"));
		assertThat(shipped.path("model").path("loadMillis").asLong()).as("the build's model loads at start")
			.isLessThan(1_000);
		assertThat(shipped.path("evaluation").path("macroF1").asDouble()).isGreaterThanOrEqualTo(0.85);
		JsonNode model = call("/api/v1/admin/triage/retraining", Map.of(), api.demoToken("admin"), 200);
		assertThat(model.path("corrections").asInt()).isPositive();
		assertThat(model.path("trainingTexts").asInt()).isEqualTo(shipped.path("model").path("trainingTexts").asInt());
		JsonNode info = fetch("/api/v1/admin/triage", api.demoToken("admin"));
		assertThat(info.path("evaluation").path("macroF1").asDouble()).isGreaterThanOrEqualTo(0.85);
	}
}
