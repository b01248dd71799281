package cn.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.fangxin.support.Browser;
import cn.fangxin.support.FangxinTest;
import cn.fangxin.support.Identities;

/** A new merchant goes from sign-up to a live listing in the web UI, with a staff review on the way. */
@FangxinTest
@Tag("browser")
class MerchantJourneyBrowserTests {

	@LocalServerPort
	int port;

	@Test
	@DisplayName("sign up → apply → staff approve → pay the deposit → list → the public shop and listing pages")
	void fromSignUpToLiveListing() {
		String username = "shop-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "quiet lantern harbour 7";
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/register?lang=en");
			browser.select("#role", "MERCHANT")
				.type("#username", username)
				.type("#displayName", "Ms Lin")
				.type("#phone", Identities.phone())
				.type("#password", password)
				.click("#acceptPrivacyNotice")
				.click("#register");
			browser.waitForText(".notice", "ready");
			browser.type("#username", username).type("#password", password).click("#sign-in");
			browser.waitForText("#home-heading", "Your shop");

			browser.go("/merchant");
			assertThat(browser.text("h1")).isEqualTo("Apply to sell on Fangxin");
			browser.type("#shopName", "Lin's Soap Workshop")
				.type("#legalName", "林晓梅")
				.type("#idNumber", "12345")
				.type("#address", "广东省深圳市南山区科技园路1号")
				.type("#contactPhone", Identities.phone())
				.click("#registrationExempt")
				.click("#identityConsent")
				.click("#submit-application");
			assertThat(browser.waitForText(".notice.error", "resident ID")).contains("not valid");
			browser.type("#idNumber", Identities.residentId()).click("#submit-application");
			assertThat(browser.waitForText("#merchant-status", "Waiting")).isEqualTo("Waiting for review");
			browser.signOut();

			browser.signIn("agent", "fangxin-demo");
			browser.go("/staff/merchants");
			browser.find("#review-queue").findElement(By.linkText("Lin's Soap Workshop")).click();
			browser.waitForText("h1", "Lin's Soap Workshop");
			assertThat(browser.text("#staff-id-number")).matches("\\d{17}[\\dX]");
			browser.type("#reason", "证件核验通过").click("#approve");
			browser.waitForText("#flash", "Approved");
			browser.signOut();

			browser.signIn(username, password);
			browser.go("/merchant");
			assertThat(browser.waitForText("#merchant-status", "Active")).isEqualTo("Active");
			browser.click("#pay-deposit");
			assertThat(browser.waitForText("#deposit", "1,000.00")).contains("1,000.00");

			browser.click("#manage-listings").click("#new-listing");
			browser.type("#title", "Cold-process olive soap")
				.type("#price", "39.90")
				.type("#functions", "Cleanses face and body")
				.type("#formatClauses", "Handmade: colours vary slightly from the pictures")
				.click("#save-listing");
			assertThat(browser.waitForText("#listing-title", "olive soap")).isEqualTo("Cold-process olive soap");
			assertThat(browser.text("#price")).isEqualTo("¥39.90");
			assertThat(browser.text("#return-policy")).contains("7-day no-reason returns");
			assertThat(browser.text("#format-clauses")).contains("colours vary");
			String listingPath = browser.currentPath();
			browser.screenshot("listing-public");

			browser.click("#shop-link");
			assertThat(browser.waitForText("#shop-name", "Lin's")).isEqualTo("Lin's Soap Workshop");
			assertThat(browser.text("#licence")).contains("Exempt from market-entity registration", "林**");
			assertThat(browser.text("#region")).isEqualTo("Guangdong");
			assertThat(browser.pageSource()).doesNotContain("科技园").doesNotContain("林晓梅");
			browser.screenshot("shop-public");
			browser.signOut();

			browser.go(listingPath);
			assertThat(browser.text("#listing-title")).as("anyone may read it").isEqualTo("Cold-process olive soap");
		}
	}
}
