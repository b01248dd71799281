package cn.fangxin.rights;

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

/** A buyer finds their personal data from the menu, sees what they agreed to, and erases their account. */
@FangxinTest
@Tag("browser")
class PersonalDataBrowserTests {

	@LocalServerPort
	int port;

	@Test
	@DisplayName("a buyer with a finished order erases their account from the page: signed out, and cannot sign in again")
	void buyerErasesTheirAccount() {
		Api api = new Api(port);
		Purchases purchases = new Purchases(api);
		var w = purchases.world();
		purchases.completed(w, 1);
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/?lang=en");
			browser.signIn(w.buyer().username(), w.buyer().password());
			browser.click(".mainnav a[href='/me/privacy']");
			assertThat(browser.waitForText("h1", "personal data")).isEqualTo("My personal data");
			assertThat(browser.find("#personal-data-download").getAttribute("href")).endsWith("/me/privacy/copy.json");
			assertThat(browser.text("#erasure-form")).contains("I understand that this cannot be undone");

			browser.click("#privacy-notice-link");
			assertThat(browser.waitForText("h1", "Privacy")).isEqualTo("Privacy notice");
			assertThat(browser.text("#privacy-notice")).contains("E-Commerce Law art. 31");
			browser.click("#personal-data-link");

			// the wrong password is refused on the page, and nothing is erased
			browser.click("input[name=understood]").type("#erasure-password", "not my password").click("#erasure-submit");
			assertThat(browser.waitForText(".notice.error", "password")).contains("not this account's");
			browser.click("input[name=understood]").type("#erasure-password", w.buyer().password()).click("#erasure-submit");
			assertThat(browser.waitForText("#login-erased", "erased")).contains("Your account has been erased");
			browser.go("/orders");
			assertThat(browser.currentPath()).startsWith("/login");
			browser.type("#username", w.buyer().username()).type("#password", w.buyer().password()).click("#sign-in");
			assertThat(browser.waitForText(".notice.error", "")).isNotBlank();
			assertThat(browser.currentPath()).startsWith("/login");
		}
		assertThat(api.post("/api/v1/auth/token", Map.of("username", w.buyer().username(), "password",
				w.buyer().password())).send().status()).isEqualTo(401);
	}
}
