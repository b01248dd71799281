package cn.fangxin.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** Buys through the API the way a consumer does: a shop with a listing, a consumer, an order. */
public final class Purchases {

	private final Api api;
	private final Shops shops;

	public Purchases(Api api) {
		this.api = api;
		this.shops = new Shops(api);
	}

	/** A shop selling soap at 49.00 (ships within 48 h) and a consumer. */
	public record World(Shops.Shop shop, String listingId, Api.SignedUp buyer) {
	}

	public World world() {
		var shop = shops.selling(List.of("general"), 100_000);
		Map<String, Object> soap = new HashMap<>();
		soap.put("title", "手工冷制皂");
		soap.put("description", "橄榄油冷制，熟成六周。");
		soap.put("category", "general");
		soap.put("priceFen", 4_900);
		soap.put("functions", "洁面");
		soap.put("formatClauses", List.of("手工制品，颜色略有差异"));
		soap.put("returnPolicy", Map.of("sevenDayNoReason", true));
		var listing = api.post("/api/v1/listings", soap).as(shop.account().token()).send();
		if (listing.status() != 201) {
			throw new AssertionError("listing failed: " + listing);
		}
		return new World(shop, listing.json().path("id").asString(), api.signUp("CONSUMER"));
	}

	/** An order body for one listing. */
	public static Map<String, Object> order(String listingId, int quantity, String mode) {
		return Map.of("items", List.of(Map.of("listingId", listingId, "quantity", quantity)), "shippingAddress",
				Map.of("name", "王小明", "phone", "13812345678", "region", "上海市徐汇区", "line", "漕溪北路 88 号 5 楼"),
				"paymentMode", mode);
	}

	/** Places an order; returns its JSON. */
	public JsonNode place(World w, int quantity, String mode) {
		var r = api.post("/api/v1/orders", order(w.listingId(), quantity, mode)).as(w.buyer().token())
			.idempotencyKey(UUID.randomUUID().toString())
			.send();
		if (r.status() != 201) {
			throw new AssertionError("order failed: " + r);
		}
		return r.json();
	}

	/** Places and pays an order; returns its id. */
	public String paid(World w) {
		String id = place(w, 1, "ESCROW").path("id").asString();
		var r = api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX")).as(w.buyer().token()).send();
		if (r.status() != 200) {
			throw new AssertionError("payment failed: " + r);
		}
		return id;
	}

	/** Places and pays an order of {@code quantity}, the shop ships it and staff report it delivered; returns its id. */
	public String delivered(World w, int quantity) {
		String id = place(w, quantity, "ESCROW").path("id").asString();
		expect(api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX")).as(w.buyer().token()).send(),
				"payment");
		expect(api.post("/api/v1/orders/" + id + "/shipment",
				Map.of("carrier", "顺丰", "trackingNumber", "SF" + System.nanoTime())).as(w.shop().account().token()).send(),
				"shipment");
		expect(api.post("/api/v1/orders/" + id + "/delivery", Map.of()).as(api.demoToken("agent")).send(), "delivery");
		return id;
	}

	/** {@link #delivered} and the consumer confirms receipt: the money is in the shop's balance; returns its id. */
	public String completed(World w, int quantity) {
		String id = delivered(w, quantity);
		expect(api.post("/api/v1/orders/" + id + "/receipt-confirmation", Map.of()).as(w.buyer().token()).send(),
				"receipt confirmation");
		return id;
	}

	private static void expect(Api.Response r, String what) {
		if (r.status() != 200) {
			throw new AssertionError(what + " failed: " + r);
		}
	}
}
