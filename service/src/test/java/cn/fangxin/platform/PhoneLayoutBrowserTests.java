package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Browser;
import cn.fangxin.support.Purchases;

/**
 * Buyers and small shops use Fangxin on a phone: the pages of their journeys, and staff's, are laid out within a
 * 390-pixel window — nothing to scroll sideways but a wide table inside its own frame.
 */
@Tag("browser")
class PhoneLayoutBrowserTests extends ApiTest {

	@Test
	@DisplayName("a buyer's, a shop's and customer service's pages fit a phone's width, in Chinese and in English")
	void pagesFitAPhone() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		String complaint = call("/api/v1/complaints", Map.of("merchantId", w.shop().merchantId(), "orderId", order, "channel", "PLATFORM_SERVICE", "category",
				"QUALITY_DEFECT", "text", "肥皂收到时已经碎成几块，包装也破了", "claims", List.of("REFUND")), w.buyer().token(), 201)
			.path("id").asString();
		try (Browser browser = Browser.openPhone("http://localhost:" + port)) {
			browser.go("/login?lang=zh-CN");
			browser.signIn(w.buyer().username(), w.buyer().password());
			for (String lang : List.of("zh-CN", "en")) {
				for (String page : List.of("/", "/listings", "/listings/" + w.listingId(),
						"/orders/checkout?listingId=" + w.listingId(), "/orders", "/orders/" + order,
						"/orders/" + order + "/snapshot",
						"/orders/" + order + "/requests", "/orders/" + order + "/after-sales/new",
						"/complaints/new?orderId=" + order + "&category=COUNTERFEIT", "/complaints/" + complaint,
						"/evidence", "/public/log")) {
					assertFits(browser, page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
				}
			}
			browser.signOut();
			browser.signIn(w.shop().account().username(), w.shop().account().password());
			for (String page : List.of("/merchant", "/orders", "/orders/" + order, "/orders/" + order + "/shipping-label",
					"/merchant/listings/new",
					"/complaints/" + complaint)) {
				assertFits(browser, page);
			}
			browser.signOut();
			browser.signIn("agent", "fangxin-demo");
			for (String page : List.of("/orders", "/orders/" + order, "/complaints/" + complaint, "/staff/refunds",
					"/staff/merchants")) {
				assertFits(browser, page);
			}
		}
	}

	private static void assertFits(Browser browser, String page) {
		browser.go(page);
		long[] widths = browser.pageAndWindowWidth();
		assertThat(widths[0]).as(page + " is laid out within the phone's window").isLessThanOrEqualTo(widths[1]);
	}
}
