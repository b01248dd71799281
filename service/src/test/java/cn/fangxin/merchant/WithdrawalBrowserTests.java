package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.fangxin.support.Api;
import cn.fangxin.support.Browser;
import cn.fangxin.support.FangxinTest;
import cn.fangxin.support.Purchases;

/**
 * A shop withdraws what it earned in the web UI (in Chinese): it sets its bank account, waits out the hold, withdraws
 * part of its balance and sees it paid.
 */
@FangxinTest
@Tag("browser")
class WithdrawalBrowserTests {

	@LocalServerPort
	int port;

	@Test
	@DisplayName("my shop → withdraw → set the bank account → the hold → withdraw ¥60 → paid")
	void withdrawWhatTheShopEarned() {
		Api api = new Api(port);
		Purchases purchases = new Purchases(api);
		Purchases.World world = purchases.world();
		purchases.completed(world, 2);
		Api.SignedUp shop = world.shop().account();
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/?lang=zh-CN");
			browser.signIn(shop.username(), shop.password());
			browser.go("/merchant");
			assertThat(browser.text("#console-withdrawable")).isEqualTo("¥98.00");
			browser.click("#withdrawals-link");
			assertThat(browser.waitForText("h1", "提现")).contains("提现");
			assertThat(browser.text("#no-bank-account")).contains("尚未设置");
			assertThat(browser.pageSource()).as("nothing to withdraw to yet").doesNotContain("id=\"withdraw\"");

			browser.type("#bankName", "中国工商银行").type("#accountNumber", "6222 0212 3456").click("#save-bank-account");
			assertThat(browser.waitForText("#flash", "银行账户已保存")).contains("24 小时");
			assertThat(browser.text("#account-masked")).isEqualTo("**** 3456");
			assertThat(browser.text("#account-on-hold")).contains("起可以提现");
			assertThat(browser.pageSource()).as("no withdrawal form while the account is held").doesNotContain("id=\"withdraw\"");

			assertThat(api.post("/api/v1/admin/clock/advance", Map.of("duration", "PT24H")).as(api.demoToken("admin"))
				.send()
				.status()).isEqualTo(200);
			browser.go("/merchant/withdrawals");
			assertThat(browser.pageSource()).doesNotContain("id=\"account-on-hold\"");
			browser.type("#amountYuan", "60").click("#withdraw");
			assertThat(browser.waitForText("#flash", "提现已提交")).contains("正在打款");
			assertThat(browser.text("#withdrawable")).isEqualTo("¥38.00");
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
				browser.go("/merchant/withdrawals");
				return browser.text("#withdrawals");
			}, t -> t.contains("已到账"));
			assertThat(browser.text("#withdrawals")).contains("¥60.00").contains("中国工商银行 **** 3456");
			browser.screenshot("withdrawal-paid");
		}
	}
}
