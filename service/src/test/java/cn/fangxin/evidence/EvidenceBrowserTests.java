package cn.fangxin.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Browser;
import cn.fangxin.verify.Merkle;

/** A consumer keeps a screenshot as evidence in the web UI and sees it in the public log. */
@Tag("browser")
class EvidenceBrowserTests extends ApiTest {

	@TempDir
	Path dir;

	@Test
	@DisplayName("a consumer records a chat under their order (not under an order that is not theirs) and sees its fingerprint and place in the log; the log page is public")
	void recordEvidence() throws Exception {
		var purchases = new cn.fangxin.support.Purchases(api);
		var world = purchases.world();
		var consumer = world.buyer();
		String order = purchases.paid(world);
		byte[] png = EvidenceLogTests.png();
		Path file = dir.resolve("seller-chat.png");
		Files.write(file, png);
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/login?lang=en");
			browser.signIn(consumer.username(), consumer.password());
			// a link with another's order number: refused
			browser.go("/evidence?orderId=ord_not_mine");
			browser.find("#file").sendKeys(file.toString());
			browser.select("#kind", "CHAT_EXPORT").click("#upload");
			assertThat(browser.waitForText(".notice.error", "order")).contains("No such order");
			// their own order is offered by its goods and shop: nobody copies an order number
			assertThat(browser.text("#orderId")).contains("林小姐的手工皂");
			browser.find("#file").sendKeys(file.toString());
			browser.select("#kind", "CHAT_EXPORT").select("#orderId", order).click("#upload");
			assertThat(browser.waitForText("#flash", "Recorded")).contains("Recorded in the evidence log");
			assertThat(browser.text("#sha256")).isEqualTo(HexFormat.of().formatHex(Merkle.sha256().digest(png)));
			assertThat(browser.text("#leaf-index")).matches("\\d+");
			long leaf = Long.parseLong(browser.text("#leaf-index"));
			browser.signOut();
			// in a signed checkpoint within seconds; then anyone checks it in the browser, which computes the root itself
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
					() -> Long.parseLong(api.get("/api/v1/log/checkpoint").send().body().split("\n")[1]) > leaf);
			browser.go("/public/log?lang=en");
			assertThat(browser.text("#checkpoint")).startsWith("fangxin.local/evidence");
			assertThat(browser.text("#verifier-key")).startsWith("fangxin.local/evidence+");
			browser.type("#record-index", String.valueOf(leaf)).click("#check-record-button");
			assertThat(browser.waitForText("#check-result", "is in the log")).startsWith("Record " + leaf + " is in the log");
			assertThat(browser.find("#check-result").getAttribute("data-result")).isEqualTo("ok");
			browser.type("#record-index", "99999999").click("#check-record-button");
			assertThat(browser.waitForText("#check-result", "checkpoint holds")).contains("Try again");
		}
	}
}
