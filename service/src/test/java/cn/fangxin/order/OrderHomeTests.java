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
	@DisplayName("a buyer's home page counts orders to pay and confirm, and returns to send; the shop's, orders to ship, "
			+ "after-sales requests and complaints to answer and returns to receive; each goes once it is done")
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

		// after-sales and complaints: each side sees what waits for its answer before silence decides
		String afterSale = call("/api/v1/orders/" + order + "/after-sales", Map.of("type", "RETURN_AND_REFUND", "reason",
				"NO_REASON_7DAY", "description", "不想要了，包装完好", "evidenceIds", java.util.List.of()), w.buyer().token(), 201)
			.path("id").asString();
		assertThat(home(w.shop().account())).contains("您有 1 个售后申请待处理", "/after-sales");
		call("/api/v1/after-sales/" + afterSale + "/decision", Map.of("decision", "APPROVE", "reason", "同意",
				"returnAddress", "深圳市福田区华强北路 1 号"), w.shop().account().token(), 200);
		assertThat(home(w.shop().account())).doesNotContain("售后申请待处理");
		assertThat(home(w.buyer())).contains("您有 1 个已同意的退货待寄回");
		call("/api/v1/after-sales/" + afterSale + "/return-shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF10"),
				w.buyer().token(), 200);
		assertThat(home(w.buyer())).doesNotContain("退货待寄回");
		assertThat(home(w.shop().account())).contains("您有 1 件退货正在寄回");

		call("/api/v1/complaints", Map.of("merchantId", w.shop().merchantId(), "orderId", order, "channel", "PLATFORM_SERVICE",
				"category", "QUALITY_DEFECT", "text", "肥皂收到时已经碎了", "claims", java.util.List.of("REFUND")), w.buyer().token(),
				201);
		assertThat(home(w.shop().account())).contains("您有 1 个投诉待答复", "/complaints");
	}

	private String home(Api.SignedUp account) {
		return PageSession.signedIn(api, account.username(), account.password()).get("/?lang=zh-CN").body();
	}
}
