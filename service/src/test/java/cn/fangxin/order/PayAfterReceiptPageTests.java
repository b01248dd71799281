package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;

/**
 * The order page tells each party what the deadlines do to them, and a pay-after-receipt buyer that confirming receipt
 * is what charges them.
 */
class PayAfterReceiptPageTests extends ApiTest {

	@Test
	@DisplayName("pay after receipt: before shipment the buyer reads that a late shop means a cancelled order, not a "
			+ "refund, and the shop reads its own consequence and sees the order unpaid in its queue; once delivered the "
			+ "button says it pays, and how much")
	void whatTheButtonsAndDeadlinesDo() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.place(w, 1, "PAY_AFTER_RECEIPT").path("id").asString();
		assertThat(page(w.buyer(), order)).contains("商家超时未发货，订单自动取消，您无需付款").doesNotContain("货款自动原路退回");
		assertThat(page(w.shop().account(), order)).contains("超时未发货，货款自动退还买家").doesNotContain("您无需付款");
		// the shop sees in its queue which orders it ships before being paid
		String queue = PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password())
			.get("/orders?lang=zh-CN").body();
		String toShip = queue.substring(queue.indexOf("id=\"to-ship\""));
		assertThat(toShip.substring(0, toShip.indexOf("</table>"))).containsPattern(order + "[\\s\\S]*先用后付");

		call("/api/v1/orders/" + order + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF20261201"),
				w.shop().account().token(), 200);
		call("/api/v1/orders/" + order + "/delivery", Map.of(), api.demoToken("agent"), 200);
		assertThat(page(w.buyer(), order)).contains("确认收货并付款 ¥49.00", "届时将向您扣款 ¥49.00");
		assertThat(page(w.shop().account(), order)).doesNotContain("届时将向您扣款");

		// an escrow buyer paid already: confirming pays nothing more, and a late shop means a refund
		String paid = purchases.paid(w);
		assertThat(page(w.buyer(), paid)).contains("货款自动原路退回").doesNotContain("确认收货并付款");
	}

	private String page(Api.SignedUp account, String order) {
		return PageSession.signedIn(api, account.username(), account.password()).get("/orders/" + order + "?lang=zh-CN")
			.body();
	}
}
