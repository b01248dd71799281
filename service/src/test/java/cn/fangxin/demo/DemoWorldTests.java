package cn.fangxin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;

/** A new user of the demo can buy at once: the demo merchant's verified shop has goods on sale. */
@Tag("scenario")
class DemoWorldTests extends ApiTest {

	@Test
	@DisplayName("the demo shop is verified, has its deposit and three goods; the demo consumer finds them and buys one")
	void demoShopSells() {
		String merchant = api.demoToken("merchant");
		var shop = api.get("/api/v1/merchants/me").as(merchant).send();
		assertThat(shop.status()).isEqualTo(200);
		assertThat(shop.json().path("verifiedAt").isMissingNode()).as("verified by the agent").isFalse();
		if (!shop.json().path("status").asString().equals("ACTIVE")) {
			// other tests in this context moved the shared test clock past the six-monthly re-verification
			String id = shop.json().path("id").asString();
			assertThat(api.post("/api/v1/merchants/" + id + "/reverification", Map.of()).as(merchant).send().status())
				.isEqualTo(200);
			assertThat(api.post("/api/v1/merchants/" + id + "/review", Map.of("decision", "APPROVE", "reason", "ok"))
				.as(api.demoToken("agent")).send().status()).isEqualTo(200);
		}
		var goods = api.get("/api/v1/listings/mine").as(merchant).send();
		assertThat(goods.json().path("items").size()).isEqualTo(3);

		String page = api.get("/listings?q=" + java.net.URLEncoder.encode("cold-PROCESS", java.nio.charset.StandardCharsets.UTF_8))
			.as(api.demoToken("consumer")).send().body();
		Matcher listing = Pattern.compile("data-listing-id=\"(lst_[^\"]+)\"").matcher(page);
		assertThat(listing.find()).as("the goods page offers the demo shop's goods").isTrue();

		String consumer = api.demoToken("consumer");
		var order = api.post("/api/v1/orders", Purchases.order(listing.group(1), 1, "ESCROW")).as(consumer)
			.idempotencyKey(UUID.randomUUID().toString())
			.send();
		assertThat(order.status()).isEqualTo(201);
		var paid = api.post("/api/v1/orders/" + order.json().path("id").asString() + "/payment",
				Map.of("method", "SANDBOX")).as(consumer).send();
		assertThat(paid.json().path("status").asString()).isEqualTo("PAID");
		assertThat(order.json().path("items").get(0).path("title").asString()).isEqualTo("手工冷制皂 Cold-process soap");
		assertThat(order.json().path("shopName").asString()).startsWith("放心演示小店");
	}
}
