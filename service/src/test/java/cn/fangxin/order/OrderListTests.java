package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/** A buyer's order list says, for each order, what its next deadline is and how long is left. */
@Tag("persistence")
class OrderListTests extends ApiTest {

	@Test
	@DisplayName("the list shows the time left to pay, to ship and to automatic completion; none while a case holds "
			+ "the order, whose completion then waits")
	void timeLeftInTheList() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.place(w, 1, "ESCROW").path("id").asString();
		assertThat(summary(w.buyer(), order).path("payBy").asString()).isNotEmpty();
		assertThat(row(w.buyer(), order)).contains("付款", "class=\"countdown\"", "分钟");

		call("/api/v1/orders/" + order + "/payment", Map.of("method", "SANDBOX"), w.buyer().token(), 200);
		assertThat(summary(w.buyer(), order).has("payBy")).isFalse();
		assertThat(row(w.buyer(), order)).contains("发货", "class=\"countdown\"", "天");

		call("/api/v1/orders/" + order + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF20261202"),
				w.shop().account().token(), 200);
		assertThat(row(w.buyer(), order)).doesNotContain("countdown");
		call("/api/v1/orders/" + order + "/delivery", Map.of(), api.demoToken("agent"), 200);
		assertThat(row(w.buyer(), order)).contains("自动确认", "class=\"countdown\"", "天");

		call("/api/v1/orders/" + order + "/after-sales", Map.of("type", "RETURN_AND_REFUND", "reason", "NO_REASON_7DAY",
				"description", "不想要了，包装完好"), w.buyer().token(), 201);
		assertThat(summary(w.buyer(), order).has("confirmBy")).as("held: it does not complete by itself").isFalse();
		assertThat(row(w.buyer(), order)).doesNotContain("自动确认").doesNotContain("countdown");
	}

	@Test
	@DisplayName("an order that is over offers to buy its item again, with its quantity, while the listing is on sale")
	void buyAgain() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String paid = purchases.paid(w);
		String done = purchases.delivered(w, 3);
		call("/api/v1/orders/" + done + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		var buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		assertThat(buyer.get("/orders/" + paid).body()).as("not over yet").doesNotContain("buy-again");
		assertThat(buyer.get("/orders/" + done).body())
			.contains("/orders/checkout?listingId=" + w.listingId() + "&amp;quantity=3");
		assertThat(PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password())
			.get("/orders/" + done).body()).as("the shop does not buy").doesNotContain("buy-again");
		assertThat(api.delete("/api/v1/listings/" + w.listingId()).as(w.shop().account().token()).send().status())
			.isLessThan(300);
		assertThat(buyer.get("/orders/" + done).body()).as("no longer on sale").doesNotContain("buy-again");
	}

	private JsonNode summary(Api.SignedUp buyer, String order) {
		for (JsonNode o : fetch("/api/v1/orders", buyer.token()).path("items")) {
			if (o.path("id").asString().equals(order)) {
				return o;
			}
		}
		throw new AssertionError(order + " is not in the buyer's list");
	}

	/** The order's row in the buyer's list page. */
	private String row(Api.SignedUp buyer, String order) {
		String page = PageSession.signedIn(api, buyer.username(), buyer.password()).get("/orders?lang=zh-CN").body();
		String from = page.substring(page.indexOf("id=\"orders\""));
		from = from.substring(from.indexOf(">" + order + "<"));
		return from.substring(0, from.indexOf("</tr>"));
	}
}
