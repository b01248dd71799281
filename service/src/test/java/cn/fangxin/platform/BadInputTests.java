package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Identities;
import cn.fangxin.support.Purchases;
import cn.fangxin.support.Shops;

/**
 * Input that once reached the database or an arithmetic overflow and answered 500: each now gets a 4xx problem with
 * its code, and what was stored stays as it was.
 */
class BadInputTests extends ApiTest {

	@Test
	@DisplayName("overflowing prices, cursors from the far future, over-long paths and blank ids are 4xx, not 500")
	void numbersPathsAndIds() {
		var consumer = api.signUp("CONSUMER");
		var triage = api.post("/api/v1/complaints/triage",
				Map.of("text", "买到假货，专柜鉴定是假的口红", "priceFen", Long.MAX_VALUE)).as(consumer.token()).send();
		assertThat(triage.status()).as(triage.toString()).isEqualTo(400);
		assertThat(triage.json().path("errors").findValuesAsString("code")).containsExactly("AMOUNT_INVALID");

		String farFuture = Base64.getUrlEncoder().withoutPadding()
			.encodeToString("31556889864403199|0|ord_x".getBytes(StandardCharsets.UTF_8));
		var cursor = api.get("/api/v1/orders?cursor=" + farFuture).as(consumer.token()).send();
		assertThat(cursor.status()).as(cursor.toString()).isEqualTo(400);
		assertThat(cursor.json().path("errors").findValuesAsString("code")).containsExactly("CURSOR_INVALID");

		var longPath = api.post("/api/v1/public/" + "x".repeat(600), Map.of()).idempotencyKey("k-long-path").send();
		assertThat(longPath.status()).as(longPath.toString()).isEqualTo(404);

		var blankId = api.get("/api/v1/accounts/%20").as(api.demoToken("admin")).send();
		assertThat(blankId.status()).as(blankId.toString()).isEqualTo(404);
	}

	@Test
	@DisplayName("text that would outgrow its column once encrypted or escaped is refused with 400, by field")
	void textThatOutgrowsItsColumn() {
		var merchant = api.signUp("MERCHANT");
		Map<String, Object> application = Shops.individual(Identities.residentId(), Identities.phone(), List.of("general"));
		application.put("legalRepresentative", "林".repeat(300));
		var applied = api.post("/api/v1/merchants", application).as(merchant.token()).send();
		assertThat(applied.status()).as(applied.toString()).isEqualTo(400);
		assertThat(applied.json().path("errors").findValuesAsString("field")).contains("legalRepresentative");

		var purchases = new Purchases(api);
		var w = purchases.world();
		Map<String, Object> quoted = new HashMap<>();
		quoted.put("title", "引号");
		quoted.put("category", "general");
		quoted.put("priceFen", 100);
		quoted.put("functions", "f");
		quoted.put("returnPolicy", Map.of("sevenDayNoReason", true));
		quoted.put("formatClauses", new ArrayList<>(Collections.nCopies(20, "\"".repeat(500))));
		var listing = api.post("/api/v1/listings", quoted).as(w.shop().account().token()).send();
		assertThat(listing.status()).as(listing.toString()).isEqualTo(400);
		assertThat(listing.json().path("errors").findValuesAsString("field")).contains("formatClauses");

		String order = purchases.paid(w);
		var padded = api.post("/api/v1/orders/" + order + "/address-changes", Map.of("name", "王小明", "phone",
				"139" + "-".repeat(1_500) + "00139000", "region", "北京市海淀区", "line", "中关村大街 1 号 302"))
			.as(w.buyer().token()).send();
		assertThat(padded.status()).as("the phone is kept as its digits").isEqualTo(201);
		assertThat(padded.json().path("newAddressMasked").asString("")).doesNotContain("---");

		String delivered = purchases.delivered(w, 1);
		var negative = api.post("/api/v1/orders/" + delivered + "/after-sales",
				Map.of("type", "REFUND_ONLY", "reason", "NOT_AS_DESCRIBED", "description", "少了", "amountFen", -5))
			.as(w.buyer().token()).send();
		assertThat(negative.status()).as(negative.toString()).isEqualTo(400);
		assertThat(negative.json().path("errors").findValuesAsString("code")).containsExactly("AMOUNT_INVALID");
		Api.Response order2 = api.get("/api/v1/orders/" + delivered).as(w.buyer().token()).send();
		assertThat(order2.json().path("status").asString()).isEqualTo("DELIVERED");
	}
}
