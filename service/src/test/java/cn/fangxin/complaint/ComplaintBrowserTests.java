package cn.fangxin.complaint;

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
 * Filing and deciding a complaint in the web UI: the buyer files from the order page through the wizard (in Chinese:
 * advice, checklist, evidence), the shop answers from its inbox with a refusal, the buyer escalates, and the
 * arbitrator decides from the desk (in English) with refund and statutory compensation; the buyer sees the money.
 */
@FangxinTest
@Tag("browser")
class ComplaintBrowserTests {

	@LocalServerPort
	int port;

	@Test
	@DisplayName("order page → complaint wizard → shop's inbox answer → escalation → arbitration desk → decision with money")
	void fileAndDecide() {
		Api api = new Api(port);
		Purchases purchases = new Purchases(api);
		Purchases.World world = purchases.world();
		String orderId = purchases.paid(world);
		Api.SignedUp shop = world.shop().account();
		// (the wizard's advice, letter and triage are in Chinese; the shop and the arbitrator work in English)
		assertThat(api.post("/api/v1/orders/" + orderId + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF55667788"))
			.as(shop.token()).send().status()).isEqualTo(200);
		Api.SignedUp buyer = world.buyer();
		String appraisal = api.upload("/api/v1/evidence", buyer.token(), "jianding.png",
				cn.fangxin.evidence.EvidenceLogTests.png(), Map.of("kind", "APPRAISAL_REPORT", "orderId", orderId))
			.json().path("id").asString();
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/?lang=zh-CN");
			browser.signIn(buyer.username(), buyer.password());
			browser.go("/shops/" + world.shop().merchantId());
			assertThat(browser.find("#complain-about-shop").getAttribute("href")).contains("merchantId=" + world.shop().merchantId());
			browser.go("/orders/" + orderId);
			browser.click("#complaint-link");
			browser.click("#file-complaint");
			assertThat(browser.waitForText(".notice.error", "")).isNotEmpty();
			// the buyer writes in their own words and lets triage read it
			browser.type("#text", "直播间买的口红是假货，四位鉴定师都说不是正品，跟专柜的对比完全不一样").click("#show-advice");
			assertThat(browser.waitForText("#triage-result", "假冒商品")).contains("置信度");
			assertThat(browser.text("#advice")).contains("违规举报", "鉴定报告", "消费者权益保护法 第五十五条第一款");
			assertThat(browser.text("#statutory")).contains("500.00");
			assertThat(browser.find("#letter").getAttribute("value")).contains("《消费者权益保护法》第五十五条第一款", "7日内");
			browser.screenshot("complaint-advice");
			browser.click("#evidence-choice input[value='" + appraisal + "']").click("#file-complaint");
			assertThat(browser.waitForText("#complaint-status", "等待商家答复")).isEqualTo("等待商家答复");
			assertThat(browser.text("#deadline-MERCHANT_RESPONSE")).contains("小时");
			assertThat(browser.text("#checklist")).contains("鉴定报告");
			assertThat(browser.text("#complaint-letter")).contains("7日内");
			String complaintPath = browser.currentPath();
			browser.screenshot("complaint-filed");
			browser.signOut();

			browser.go("/?lang=en");
			browser.signIn(shop.username(), shop.password());
			browser.go("/complaints");
			assertThat(browser.text("#complaints")).contains("Waiting for the shop");
			browser.click("#complaints a[href='" + complaintPath + "']");
			browser.type("#message", "We do not accept third-party appraisals").click("#respond");
			assertThat(browser.waitForText("#complaint-status", "Negotiating")).isEqualTo("Negotiating");
			browser.signOut();

			browser.signIn(buyer.username(), buyer.password());
			browser.go(complaintPath);
			browser.type("#escalateReason", "The shop rejects the appraisal").click("#escalate");
			assertThat(browser.waitForText("#complaint-status", "In arbitration")).isEqualTo("In arbitration");
			browser.signOut();

			browser.signIn("arbiter", "fangxin-demo");
			browser.go("/complaints/desk");
			browser.click("#desk a[href='" + complaintPath + "']");
			assertThat(browser.text("#decision-form")).contains("500.00");
			browser.select("#outcome", "CONSUMER_WINS").type("#compensationYuan", "500")
				.select("#sanction", "WARNING")
				.type("#reasoning", "Four consistent appraisals; the shop shows no proof of origin: fraud, CRPL art. 55.")
				.click("#decide");
			assertThat(browser.waitForText("#complaint-status", "Decided")).isEqualTo("Decided");
			assertThat(browser.text("#complaint-refunded")).isEqualTo("49.00");
			assertThat(browser.text("#complaint-compensated")).isEqualTo("500.00");
			assertThat(browser.text("#complaint-timeline")).contains("Filed", "The shop answered", "Escalated by the consumer",
					"Decided in arbitration", "Compensation paid");
			browser.screenshot("complaint-decided");
			browser.go("/complaints/statistics");
			assertThat(Integer.parseInt(browser.text("#stats-total"))).isPositive();
			assertThat(browser.text("#policy")).contains("7 working days", "SAMR Order 20");
			browser.signOut();

			browser.signIn("regulator", "fangxin-demo");
			browser.go("/regulator/complaints");
			assertThat(browser.text("section")).contains("12315", "Collective cases");
			browser.signOut();

			browser.signIn(buyer.username(), buyer.password());
			browser.go("/orders/" + orderId);
			assertThat(browser.text("#escrow-refunded")).isEqualTo("49.00");
		}
	}
}
