package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Shops;
import tools.jackson.databind.JsonNode;

/**
 * The regulator reads the merchant registry (E-Commerce Law arts. 25, 28): finds a shop, reads its real seller and its
 * registration file unmasked, every reading on the access audit; nobody else but staff gets in.
 */
@Tag("persistence")
class RegistryTests extends ApiTest {

	@Test
	@DisplayName("the regulator finds a shop, reads its seller unmasked on the record and the file, and the reading is audited; consumers and shops are refused")
	void regulatorReadsTheRegistry() {
		Shops.Shop shop = new Shops(api).selling(List.of("general"), 100_000);
		String regulator = api.demoToken("regulator");
		JsonNode found = fetch("/api/v1/merchants?q=" + shop.merchantId(), regulator);
		assertThat(found.path("items").findValuesAsString("id")).containsExactly(shop.merchantId());
		String name = fetch("/api/v1/merchants/" + shop.merchantId(), regulator).path("shopName").asString();
		assertThat(fetch("/api/v1/merchants?limit=500&q=" + java.net.URLEncoder.encode(name.substring(1),
				java.nio.charset.StandardCharsets.UTF_8), regulator).path("items").findValuesAsString("shopName"))
			.as("any part of the name").isNotEmpty().allSatisfy(n -> assertThat(n).contains(name.substring(1)));
		assertThat(fetch("/api/v1/merchants?q=%25", regulator).path("items").isEmpty())
			.as("a % is a character, not a wildcard").isTrue();
		JsonNode record = fetch("/api/v1/merchants/" + shop.merchantId(), regulator);
		assertThat(record.path("idNumber").asString()).as("unmasked for the regulator").isEqualTo(shop.idNumber());
		assertThat(record.path("identityMatches").isMissingNode() || record.path("identityMatches").isNull())
			.as("staff's review aid, not the regulator's").isTrue();
		JsonNode audit = fetch("/api/v1/admin/access-audit?subjectId=" + shop.merchantId(), api.demoToken("admin"));
		assertThat(audit.toString()).contains("read by the regulator");
		// an applicant that never sold is not in the registry
		Shops.Shop applicant = new Shops(api).applied(List.of("general"));
		assertThat(api.get("/api/v1/merchants/" + applicant.merchantId()).as(regulator).send().status()).isEqualTo(404);

		assertThat(api.get("/api/v1/merchants?q=x").as(api.signUp("CONSUMER").token()).send().status()).isEqualTo(403);
		assertThat(api.get("/api/v1/merchants").as(shop.account().token()).send().status()).isEqualTo(403);

		PageSession page = PageSession.demo(api, "regulator");
		assertThat(page.get("/registry?lang=en&q=" + shop.merchantId()).body()).contains("id=\"registry\"")
			.contains("/registry/" + shop.merchantId());
		// a change waiting for review: staff's page offers the decision, the regulator's does not, nor may it decide
		assertThat(api.patch("/api/v1/merchants/" + shop.merchantId(), java.util.Map.of("shopName", "林小姐的手工皂新店"))
			.as(shop.account().token()).send().status()).isEqualTo(200);
		assertThat(PageSession.demo(api, "agent").get("/staff/merchants/" + shop.merchantId()).body())
			.contains("id=\"approve\"");
		String file = page.get("/registry/" + shop.merchantId() + "?lang=en").body();
		assertThat(file).contains(shop.idNumber()).contains("id=\"history\"").as("read only")
			.doesNotContain("id=\"approve\"").doesNotContain("id=\"staff-bank-account\"");
		assertThat(page.post("/registry/" + shop.merchantId(), "/staff/merchants/" + shop.merchantId() + "/review",
				java.util.Map.of("decision", "APPROVE")).statusCode()).isEqualTo(403);
		assertThat(PageSession.signedIn(api, shop.account().username(), shop.account().password())
			.get("/registry/" + shop.merchantId()).statusCode()).isEqualTo(403);
	}
}
