package cn.fangxin.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.fangxin.support.Api;
import cn.fangxin.support.Browser;
import cn.fangxin.support.FangxinTest;
import cn.fangxin.support.Purchases;

/**
 * A 7-day no-reason return in the web UI: the buyer asks from the order page (in Chinese), the shop approves with a
 * return address (in English), the buyer sends the goods back, the shop confirms receipt, and the money comes back.
 * On the way the buyer asks for the order's invoice and the shop sees it in its queue.
 */
@FangxinTest
@Tag("browser")
class NoReasonReturnBrowserTests {

	@LocalServerPort
	int port;

	@Test
	@DisplayName("order page → return request → the shop approves → return shipped → received → refunded")
	void noReasonReturn() {
		Api api = new Api(port);
		Purchases purchases = new Purchases(api);
		Purchases.World world = purchases.world();
		String orderId = purchases.paid(world);
		Api.SignedUp shop = world.shop().account();
		assertThat(api.post("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF99887766"))
			.as(shop.token()).send().status()).isEqualTo(200);
		assertThat(api.post("/api/v1/orders/" + orderId + "/delivery", Map.of()).as(api.demoToken("agent")).send().status())
			.isEqualTo(200);
		Api.SignedUp buyer = world.buyer();
		String photo = api.upload("/api/v1/evidence", buyer.token(), "unopened.png", cn.fangxin.evidence.EvidenceLogTests.png(),
				Map.of("kind", "SCREENSHOT", "orderId", orderId)).json().path("id").asString();
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/?lang=zh-CN");
			browser.signIn(buyer.username(), buyer.password());
			browser.go("/orders/" + orderId);
			// first an invoice for the order (the shop has 5 working days)
			browser.click("#requests-link");
			browser.type("#invoice-title", "王小明").click("#request-invoice");
			assertThat(browser.waitForText("#invoices", "待开具")).contains("王小明");
			browser.go("/orders/" + orderId);
			browser.click("#after-sales-link");
			assertThat(browser.waitForText("section", "七天无理由")).contains("签收次日");
			browser.select("#type", "RETURN_AND_REFUND").select("#reason", "NO_REASON_7DAY")
				.click("#submit-after-sale");
			assertThat(browser.waitForText(".notice.error", "部分信息需要修改")).contains("2,000");
			browser.type("#description", "尺码不合适，未拆封").click("#evidence-choice input[value='" + photo + "']")
				.click("#submit-after-sale");
			assertThat(browser.waitForText("#after-sale-status", "待商家处理")).isEqualTo("待商家处理");
			assertThat(browser.text("#respond-countdown")).contains("小时");
			assertThat(browser.text("#case-amount")).isEqualTo("49.00");
			assertThat(browser.text("#case-evidence")).contains(photo);
			String casePath = browser.currentPath();
			browser.screenshot("after-sale-requested");
			browser.signOut();

			browser.go("/?lang=en");
			browser.signIn(shop.username(), shop.password());
			browser.go("/after-sales");
			assertThat(browser.text("#invoice-queue")).contains(orderId).contains("Requested");
			browser.click("#cases a[href='" + casePath + "']");
			assertThat(browser.waitForText("#after-sale-status", "Waiting")).contains("Waiting for the shop");
			assertThat(browser.text("section")).contains("Only the buyer can close a case");
			browser.type("#returnAddress", "Shenzhen, Nanshan, Keji Rd 1, returns desk").click("#approve");
			assertThat(browser.waitForText("#after-sale-status", "Approved")).isEqualTo("Approved");
			browser.signOut();

			browser.signIn(buyer.username(), buyer.password());
			browser.go(casePath);
			assertThat(browser.text("#return-address")).contains("returns desk");
			browser.type("#carrier", "ZTO").type("#trackingNumber", "ZT20261130").click("#ship-return");
			assertThat(browser.waitForText("#after-sale-status", "Return on its way")).isEqualTo("Return on its way");
			assertThat(browser.text("#receive-countdown")).contains("d");
			browser.signOut();

			browser.signIn(shop.username(), shop.password());
			browser.go(casePath);
			browser.click("#receive-return");
			assertThat(browser.waitForText("#after-sale-status", "Refunded")).isEqualTo("Refunded");
			assertThat(browser.text("#case-refunded")).isEqualTo("49.00");
			assertThat(browser.text("#case-timeline")).contains("Requested", "Approved", "Return sent", "Return received",
					"Refunded");
			browser.screenshot("after-sale-refunded");
			browser.signOut();

			browser.signIn(buyer.username(), buyer.password());
			browser.go("/orders/" + orderId);
			assertThat(browser.text("#escrow-refunded")).isEqualTo("49.00");
		}
	}
}
