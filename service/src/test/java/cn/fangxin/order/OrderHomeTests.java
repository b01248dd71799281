package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;

/** The home page tells a buyer what to pay and to confirm, and a shop what to ship, before the deadlines do. */
class OrderHomeTests extends ApiTest {

	@Test
	@DisplayName("a buyer's home page counts orders to pay; the shop's, orders to ship; each goes once it is done")
	void whatWaitsOnTheHomePage() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.place(w, 1, "ESCROW").path("id").asString();
		assertThat(home(w.buyer())).contains("您有 1 个订单待付款", "/orders?status=AWAITING_PAYMENT");
		assertThat(home(w.shop().account())).doesNotContain("待发货");

		call("/api/v1/orders/" + order + "/payment", Map.of(), w.buyer().token(), 200);
		assertThat(home(w.buyer())).doesNotContain("待付款");
		assertThat(home(w.shop().account())).contains("您有 1 个已付款订单待发货");

		call("/api/v1/orders/" + order + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF9"),
				w.shop().account().token(), 200);
		call("/api/v1/orders/" + order + "/delivery", Map.of(), api.demoToken("agent"), 200);
		assertThat(home(w.shop().account())).doesNotContain("待发货");
		assertThat(home(w.buyer())).contains("您有 1 个订单已签收");
	}

	private String home(Api.SignedUp account) {
		return PageSession.signedIn(api, account.username(), account.password()).get("/?lang=zh-CN").body();
	}
}
