package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.fangxin.support.Api;
import cn.fangxin.support.Browser;
import cn.fangxin.support.FangxinTest;
import cn.fangxin.support.Purchases;

/**
 * Buy and confirm in the web UI: a consumer buys from a listing page with escrow (in Chinese), the shop reads the whole
 * address from the shipping label and ships from its queue (in English), staff mark it delivered, and the consumer
 * confirms receipt: the money goes to the shop. Buying again, the consumer picks the same address instead of typing it.
 */
@FangxinTest
@Tag("browser")
class BuyAndConfirmBrowserTests {

	@LocalServerPort
	int port;

	@Test
	@DisplayName("listing → buy → pay (sandbox) → the shop ships from its queue → delivered → confirm receipt")
	void buyAndConfirm() {
		Api api = new Api(port);
		Purchases.World world = new Purchases(api).world();
		Api.SignedUp buyer = world.buyer();
		Api.SignedUp shop = world.shop().account();
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/?lang=zh-CN");
			browser.signIn(buyer.username(), buyer.password());
			browser.go("/listings/" + world.listingId());
			browser.type("#buy-quantity", "2").click("#buy");
			assertThat(browser.waitForText("#checkout-listing", "手工冷制皂")).contains("手工冷制皂");
			assertThat(browser.text("section")).contains("手工制品，颜色略有差异").contains("七天无理由");
			browser.type("#name", "王小明").type("#phone", "123").type("#region", "上海市徐汇区").type("#line", "漕溪北路 88 号")
				.click("#place-order");
			assertThat(browser.waitForText(".notice.error", "手机")).contains("手机号码");
			browser.type("#phone", "13812345678").click("#place-order");
			assertThat(browser.waitForText("#order-status", "待付款")).isEqualTo("待付款");
			assertThat(browser.text("#order-total")).isEqualTo("¥98.00");
			assertThat(browser.text("#pay-countdown")).contains("分钟");
			assertThat(browser.text("#shipping-address")).contains("138****5678").doesNotContain("王小明");
			String orderPath = browser.currentPath();
			String orderId = orderPath.substring(orderPath.lastIndexOf('/') + 1);

			browser.click("#pay");
			assertThat(browser.waitForText("#order-status", "已付款")).contains("待发货");
			assertThat(browser.text("#escrow-held")).isEqualTo("98.00");
			assertThat(browser.text("#ship-countdown")).contains("小时");
			assertThat(browser.pageSource()).as("the buyer's page offers no shipping label").doesNotContain("shipping-label-link");
			browser.screenshot("order-paid");
			browser.signOut();

			browser.go("/?lang=en");
			browser.signIn(shop.username(), shop.password());
			browser.go("/orders");
			assertThat(browser.text("#to-ship")).contains(orderId).contains("h");
			browser.click("#to-ship a[href$='" + orderId + "']");
			// the shop reads the whole address from the label to ship (the order page shows it masked)
			assertThat(browser.waitForText("#shipping-address", "138****5678")).doesNotContain("王小明");
			browser.click("#shipping-label-link");
			assertThat(browser.waitForText("#label-name", "王小明")).isEqualTo("王小明");
			assertThat(browser.text("#label-phone")).isEqualTo("13812345678");
			assertThat(browser.text("#label-region") + " " + browser.text("#label-line")).isEqualTo("上海市徐汇区 漕溪北路 88 号");
			assertThat(browser.text("#shipping-label")).contains("手工冷制皂");
			browser.screenshot("shipping-label");
			// and ships it from the queue, one row per order
			browser.go("/orders");
			String row = "#to-ship form[action$='/" + orderId + "/ship'] ";
			browser.type(row + "input[name=carrier]", "SF Express").type(row + "input[name=trackingNumber]", "SF1234567890")
				.click(row + "button");
			assertThat(browser.waitForText("#flash", "Shipped")).contains("Shipped");
			assertThat(browser.pageSource()).as("back on the queue, without the order to ship")
				.contains("id=\"orders\"").doesNotContain("/orders/" + orderId + "/ship");
			browser.go(orderPath);
			assertThat(browser.text("#order-status")).isEqualTo("Shipped");
			assertThat(browser.text("#tracking")).contains("SF1234567890");
			browser.signOut();

			browser.signIn("agent", Api.DEMO_PASSWORD);
			browser.go(orderPath);
			browser.click("#mark-delivered");
			assertThat(browser.waitForText("#order-status", "Delivered")).isEqualTo("Delivered");
			assertThat(browser.text("#confirm-countdown")).contains("d");
			browser.signOut();

			browser.signIn(buyer.username(), buyer.password());
			browser.go(orderPath);
			browser.click("#confirm-receipt");
			assertThat(browser.waitForText("#order-status", "Completed")).isEqualTo("Completed");
			assertThat(browser.text("#escrow-released")).isEqualTo("98.00");
			assertThat(browser.text("#escrow-held")).isEqualTo("0.00");
			assertThat(browser.text("#timeline")).contains("Paid into escrow", "Shipped", "Delivered", "Receipt confirmed");
			browser.screenshot("order-completed");
			browser.go("/orders");
			assertThat(browser.text("#orders")).contains(orderId).contains("Completed");

			// buying again from the completed order, the buyer picks the address shipped to before instead of typing it
			browser.go(orderPath);
			browser.click("#buy-again");
			assertThat(browser.waitForText(".earlier-addresses", "138****5678")).contains("上海市徐汇区")
				.doesNotContain("王小明");
			assertThat(browser.find("#address-0").isSelected()).isTrue();
			assertThat(browser.find("#name").isDisplayed()).as("the form for a new address is folded away").isFalse();
			browser.click("#address-new");
			assertThat(browser.find("#name").isDisplayed()).isTrue();
			browser.screenshot("checkout-again");
			browser.click("#address-0").click("#place-order");
			assertThat(browser.waitForText("#order-status", "Awaiting payment")).isEqualTo("Awaiting payment");
			assertThat(browser.currentPath()).isNotEqualTo(orderPath);
			assertThat(browser.text("#shipping-address")).contains("138****5678", "上海市徐汇区");
		}
	}
}
