package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.fangxin.support.Browser;
import cn.fangxin.support.FangxinTest;

/** The web shell in a real headless Chromium. */
@FangxinTest
@Tag("browser")
class ShellBrowserTests {

	@LocalServerPort
	int port;

	@Test
	@DisplayName("the demo admin signs in and sees the administration home in Chinese and in English")
	void adminHomeInBothLanguages() {
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/");
			assertThat(browser.currentPath()).startsWith("/login");
			assertThat(browser.text("h1")).isEqualTo("登录");
			assertThat(browser.text("#demo-accounts")).as("a demo server names its accounts")
				.contains("fangxin-demo", "arbiter", "仲裁员");
			assertThat(browser.find("#browse").getAttribute("href")).endsWith("/listings");
			browser.type("#username", "admin").type("#password", "fangxin-demo").click("#sign-in");

			assertThat(browser.waitForText("#home-heading", "平台管理")).isEqualTo("平台管理");
			assertThat(browser.text(".mainnav")).contains("账户管理", "测试时钟");
			assertThat(browser.text(".who .badge")).isEqualTo("管理员");
			browser.screenshot("admin-home-zh");

			browser.click("#lang-en");
			assertThat(browser.waitForText("#home-heading", "Administration")).isEqualTo("Administration");
			assertThat(browser.text(".mainnav")).contains("Accounts", "Test clock");
			assertThat(browser.text(".who .badge")).isEqualTo("Administrator");
			browser.screenshot("admin-home-en");

			browser.go("/");
			assertThat(browser.text("#home-heading")).as("the choice is remembered").isEqualTo("Administration");
			browser.click("#lang-zh");
			assertThat(browser.waitForText("#home-heading", "平台管理")).isEqualTo("平台管理");
		}
	}

	@Test
	@DisplayName("a new consumer signs up in the browser, signs in and lands on the consumer home")
	void consumerSignsUp() {
		String username = "web-" + UUID.randomUUID().toString().substring(0, 8);
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/register?lang=en");
			browser.type("#username", username).type("#displayName", "Ms Lin").type("#phone", "13812345678");
			browser.type("#password", "password").click("#acceptPrivacyNotice").click("#register");
			assertThat(browser.waitForText(".notice.error", "guess")).contains("too easy to guess");

			browser.type("#password", "quiet lantern harbour 7").click("#register");
			assertThat(browser.waitForText(".notice", "ready")).contains("Your account is ready");
			browser.type("#username", username).type("#password", "quiet lantern harbour 7").click("#sign-in");
			assertThat(browser.waitForText("#home-heading", "held safe")).isEqualTo("Shop with your money held safe");
			browser.click(".mainnav a[href='/account']");
			assertThat(browser.waitForText(".facts", "138****5678")).contains("Ms Lin", "Consumer");
		}
	}

	@Test
	@DisplayName("the admin moves the test clock forward from the browser")
	void testClockPage() {
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/login?lang=en");
			browser.type("#username", "admin").type("#password", "fangxin-demo").click("#sign-in");
			browser.waitForText("#home-heading", "Administration");
			browser.go("/admin/clock");
			String before = browser.text("#now-value");
			browser.type("#duration", "P1D").click("#advance");
			String after = browser.waitForChange("#now-value", before);
			assertThat(after).endsWith("(Asia/Shanghai)");
			assertThat(java.time.LocalDateTime.parse(after.substring(0, 19).replace(' ', 'T')))
				.isEqualTo(java.time.LocalDateTime.parse(before.substring(0, 19).replace(' ', 'T')).plusDays(1));
		}
	}
}
