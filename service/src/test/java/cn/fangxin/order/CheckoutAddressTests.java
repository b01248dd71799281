package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/**
 * A returning buyer picks an address shipped to before instead of typing it again. The checkout page shows each only
 * masked; the whole address goes from the earlier order to the new one on the server, and only from the buyer's own.
 */
@Tag("persistence")
class CheckoutAddressTests extends ApiTest {

	@Test
	@DisplayName("the checkout offers the buyer's earlier addresses, newest first, once each and masked; the one picked is "
			+ "the new order's whole address; another buyer's order is not an address to pick")
	void earlierAddresses() {
		var w = new Purchases(api).world();
		var buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		String checkout = "/orders/checkout?listingId=" + w.listingId() + "&lang=zh-CN";
		assertThat(buyer.get(checkout).body()).as("a first-time buyer types the address")
			.doesNotContain("earlier-addresses")
			.doesNotContain("address-new");

		String home = place(w.buyer(), w.listingId(), "王小明", "13812345678", "上海市徐汇区", "漕溪北路 88 号 5 楼");
		place(w.buyer(), w.listingId(), "王小明", "13812345678", "上海市徐汇区", "漕溪北路 88 号 5 楼");
		String office = place(w.buyer(), w.listingId(), "李华", "13900001111", "北京市海淀区", "中关村大街 27 号");

		String page = buyer.get(checkout).body();
		assertThat(page).contains("收货地址", "李* 139****1111 北京市海淀区", "王** 138****5678 上海市徐汇区", "使用新地址")
			.doesNotContain("13900001111", "李华", "13812345678", "王小明", "中关村大街 27 号");
		assertThat(page.indexOf("139****1111")).as("newest first").isLessThan(page.indexOf("138****5678"));
		assertThat(page.split("138\\*\\*\\*\\*5678", -1)).as("the same address is offered once").hasSize(2);
		assertThat(page).containsPattern("value=\"" + office + "\"[^>]*checked");

		var placed = buyer.post(checkout, "/orders/checkout", Map.of("listingId", w.listingId(), "quantity", "1",
				"addressFrom", home, "paymentMode", "ESCROW"));
		assertThat(placed.statusCode()).isEqualTo(302);
		String location = placed.headers().firstValue("Location").orElseThrow();
		String order = location.substring(location.lastIndexOf('/') + 1);
		assertThat(label(order)).containsExactlyInAnyOrderEntriesOf(
				Map.of("name", "王小明", "phone", "13812345678", "region", "上海市徐汇区", "line", "漕溪北路 88 号 5 楼"));

		// a quantity that is not a number comes back as the form, with the address still picked
		var offered = java.util.regex.Pattern.compile("value=\"(ord_[0-9a-z]+)\"\\s+id=\"address-0\"")
			.matcher(buyer.get(checkout).body());
		assertThat(offered.find()).isTrue();
		var bad = buyer.post(checkout, "/orders/checkout", Map.of("listingId", w.listingId(), "quantity", "abc",
				"addressFrom", offered.group(1), "paymentMode", "ESCROW"));
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("数量无效", "value=\"abc\"")
			.containsPattern("value=\"" + offered.group(1) + "\"\\s+id=\"address-0\" checked");

		// another buyer cannot ship to (and so read) this buyer's address by naming the order
		Api.SignedUp stranger = api.signUp("CONSUMER");
		var strangerPage = PageSession.signedIn(api, stranger.username(), stranger.password());
		assertThat(strangerPage.get(checkout).body()).doesNotContain("138****5678");
		var refused = strangerPage.post(checkout, "/orders/checkout", Map.of("listingId", w.listingId(), "quantity", "1",
				"addressFrom", home, "paymentMode", "ESCROW"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("notice error", "收货地址", "不是你的订单").doesNotContain("138****5678");
		assertThat(fetch("/api/v1/orders", stranger.token()).path("items").size()).isZero();
	}

	@Test
	@DisplayName("the API offers the same: GET /api/v1/orders/shipping-addresses lists them masked, and an order with "
			+ "shippingAddressFrom ships to that order's address; another buyer's order, or both fields, are refused")
	void earlierAddressesThroughTheApi() {
		var w = new Purchases(api).world();
		String home = place(w.buyer(), w.listingId(), "王小明", "13812345678", "上海市徐汇区", "漕溪北路 88 号 5 楼");
		JsonNode offered = fetch("/api/v1/orders/shipping-addresses", w.buyer().token());
		assertThat(offered.path("items")).hasSize(1);
		assertThat(offered.path("items").get(0).path("orderId").asString()).isEqualTo(home);
		assertThat(offered.path("items").get(0).path("masked").asString()).startsWith("王** 138****5678 上海市徐汇区");
		assertThat(offered.toString()).doesNotContain("13812345678", "王小明");
		assertThat(fetch("/api/v1/orders/shipping-addresses", w.shop().account().token()).path("items")).isEmpty();

		var again = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", w.listingId(), "quantity", 1)),
				"shippingAddressFrom", home)).as(w.buyer().token()).idempotencyKey(UUID.randomUUID().toString()).send();
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(label(again.json().path("id").asString())).containsExactlyInAnyOrderEntriesOf(
				Map.of("name", "王小明", "phone", "13812345678", "region", "上海市徐汇区", "line", "漕溪北路 88 号 5 楼"));

		var both = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", w.listingId(), "quantity", 1)),
				"shippingAddressFrom", home, "shippingAddress", Map.of("name", "李华", "phone", "13900001111", "region",
						"北京市海淀区", "line", "中关村大街 27 号")))
			.as(w.buyer().token()).idempotencyKey(UUID.randomUUID().toString()).send();
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.body()).contains("shippingAddressFrom", "ADDRESS_TWICE");

		Api.SignedUp stranger = api.signUp("CONSUMER");
		var foreign = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", w.listingId(), "quantity", 1)),
				"shippingAddressFrom", home)).as(stranger.token()).idempotencyKey(UUID.randomUUID().toString()).send();
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.body()).contains("shippingAddressFrom", "ORDER_NOT_FOUND").doesNotContain("138****5678");
		assertThat(fetch("/api/v1/orders", stranger.token()).path("items").size()).isZero();
	}

	private String place(Api.SignedUp buyer, String listingId, String name, String phone, String region, String line) {
		var r = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", listingId, "quantity", 1)),
				"shippingAddress", Map.of("name", name, "phone", phone, "region", region, "line", line)))
			.as(buyer.token())
			.idempotencyKey(UUID.randomUUID().toString())
			.send();
		assertThat(r.status()).isEqualTo(201);
		return r.json().path("id").asString();
	}

	/** The order's whole address, as staff read it. */
	private Map<String, String> label(String order) {
		Map<String, String> label = new java.util.HashMap<>();
		fetch("/api/v1/orders/" + order + "/shipping-label", api.demoToken("agent")).properties()
			.forEach(e -> label.put(e.getKey(), e.getValue().asString()));
		return label;
	}
}
