package cn.fangxin.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.fangxin.evidence.EvidenceLogTests;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Browser;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/** A shop issues the invoice a buyer asked for by choosing the file on the order's requests page. */
@Tag("browser")
class InvoiceBrowserTests extends ApiTest {

	@TempDir
	Path dir;

	@Test
	@DisplayName("the shop uploads the invoice where the request is: it is recorded as INVOICE evidence under the "
			+ "order and the request is issued, which the buyer sees")
	void shopIssuesByUpload() throws Exception {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		String request = call("/api/v1/orders/" + order + "/invoice-requests",
				Map.of("title", "杭州某某科技有限公司", "taxId", "91330100MA2XXXXX1X"), w.buyer().token(), 201)
			.path("id").asString();
		Path fapiao = dir.resolve("fapiao.png");
		Files.write(fapiao, EvidenceLogTests.png());
		try (Browser browser = Browser.open("http://localhost:" + port)) {
			browser.go("/login?lang=en");
			browser.signIn(w.shop().account().username(), w.shop().account().password());
			browser.go("/orders/" + order + "/requests");
			String form = "form[action$='/invoice-requests/" + request + "/issue'] ";
			browser.find(form + "input[type=file]").sendKeys(fapiao.toString());
			browser.click(form + "button[type=submit]");
			assertThat(browser.waitForText("#flash", "Invoice issued")).contains("Invoice issued");
			assertThat(browser.pageSource()).as("nothing left to issue").doesNotContain("/invoice-requests/" + request + "/issue");
			browser.screenshot("invoice-issued");
		}
		JsonNode issued = fetch("/api/v1/invoice-requests/" + request, w.buyer().token());
		assertThat(issued.path("status").asString()).isEqualTo("ISSUED");
		JsonNode evidence = fetch("/api/v1/evidence/" + issued.path("evidenceId").asString(), w.buyer().token());
		assertThat(evidence.path("kind").asString()).isEqualTo("INVOICE");
		assertThat(evidence.path("orderId").asString()).isEqualTo(order);
	}
}
