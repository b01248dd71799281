package cn.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Shops;

/** Transparent listings through the API (API.md "Listings"; RULES.md "Merchants and listings"). */
@Tag("scenario")
class ListingTests extends ApiTest {

	Shops shops;

	@BeforeEach
	void setUp() {
		shops = new Shops(api);
	}

	static Map<String, Object> soap(long priceFen) {
		Map<String, Object> body = new HashMap<>();
		body.put("title", "手工冷制皂 (无香)");
		body.put("description", "橄榄油冷制，熟成六周。");
		body.put("category", "general");
		body.put("priceFen", priceFen);
		body.put("functions", "洁面、沐浴");
		body.put("formatClauses", List.of("手工制品，颜色与图片略有差异"));
		body.put("returnPolicy", Map.of("sevenDayNoReason", true));
		body.put("shipWithinHours", 72);
		return body;
	}

	@Test
	@DisplayName("a shop in good standing lists goods; each change is a version and the old ones stay readable")
	void versions() {
		var shop = shops.selling(List.of("general"), 100_000);
		var created = api.post("/api/v1/listings", soap(3_900)).as(shop.account().token()).send();
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("version").asInt()).isEqualTo(1);
		assertThat(created.json().path("status").asString()).isEqualTo("ACTIVE");
		String id = created.json().path("id").asString();
		String evidenceId = created.json().path("evidenceId").asString();
		var evidence = api.get("/api/v1/evidence/" + evidenceId).as(shop.account().token()).send();
		assertThat(evidence.json().path("kind").asString()).as("each version is evidence in the log").isEqualTo("LISTING_VERSION");
		assertThat(evidence.json().path("leafIndex").isNumber()).isTrue();

		var changed = api.patch("/api/v1/listings/" + id, Map.of("priceFen", 4_500, "title", "手工冷制皂"))
			.as(shop.account().token()).send();
		assertThat(changed.json().path("version").asInt()).isEqualTo(2);
		assertThat(changed.json().path("functions").asString()).as("untouched fields stay").isEqualTo("洁面、沐浴");

		var publicView = api.get("/api/v1/listings/" + id).send();
		assertThat(publicView.json().path("priceFen").asLong()).isEqualTo(4_500);
		assertThat(publicView.json().path("merchantId").asString()).isEqualTo(shop.merchantId());
		assertThat(publicView.json().path("formatClauses").get(0).asString()).isEqualTo("手工制品，颜色与图片略有差异");
		var first = api.get("/api/v1/listings/" + id + "/versions/1").send();
		assertThat(first.json().path("priceFen").asLong()).isEqualTo(3_900);
		assertThat(first.json().path("title").asString()).isEqualTo("手工冷制皂 (无香)");
		assertThat(api.get("/api/v1/listings/" + id + "/versions/3").send().status()).isEqualTo(404);
		var prices = api.get("/api/v1/listings/" + id + "/price-history").send();
		assertThat(prices.json().findValuesAsString("priceFen")).containsExactly("3900", "4500");
		assertThat(prices.json().get(0).path("referencePriceFen").isNumber()).as("no reference price").isFalse();

		assertThat(api.patch("/api/v1/listings/" + id, Map.of("priceFen", 1)).as(api.signUp("MERCHANT").token()).send()
			.status()).as("another shop").isEqualTo(404);
		var delisted = api.delete("/api/v1/listings/" + id).as(shop.account().token()).send();
		assertThat(delisted.json().path("status").asString()).isEqualTo("DELISTED");
		assertThat(api.get("/api/v1/listings/" + id).send().json().path("status").asString()).isEqualTo("DELISTED");
		assertThat(api.patch("/api/v1/listings/" + id, Map.of("priceFen", 1)).as(shop.account().token()).send().code())
			.isEqualTo("LISTING_DELISTED");
		assertThat(api.get("/api/v1/public/merchants/" + shop.merchantId() + "/listings").send().json().path("items").size())
			.isZero();
	}

	@Test
	@DisplayName("only verified shops with the category's deposit may list, and only in their categories")
	void whoMayList() {
		var pending = shops.applied(List.of("general"));
		assertThat(api.post("/api/v1/listings", soap(100)).as(pending.account().token()).send().code())
			.isEqualTo("MERCHANT_NOT_ACTIVE");
		var noDeposit = shops.approved(List.of("general"));
		var low = api.post("/api/v1/listings", soap(100)).as(noDeposit.account().token()).send();
		assertThat(low.status()).isEqualTo(422);
		assertThat(low.code()).isEqualTo("DEPOSIT_TOO_LOW");
		var general = shops.selling(List.of("general", "cosmetics"), 100_000);
		Map<String, Object> lipstick = soap(9_900);
		lipstick.put("category", "cosmetics");
		assertThat(api.post("/api/v1/listings", lipstick).as(general.account().token()).send().code())
			.as("cosmetics need 5,000 CNY").isEqualTo("DEPOSIT_TOO_LOW");
		Map<String, Object> phone = soap(9_900);
		phone.put("category", "electronics");
		assertThat(api.post("/api/v1/listings", phone).as(general.account().token()).send().code())
			.isEqualTo("CATEGORY_NOT_REGISTERED");
		assertThat(api.post("/api/v1/listings", soap(100)).as(api.signUp("CONSUMER").token()).send().status()).isEqualTo(403);
		assertThat(api.post("/api/v1/listings", soap(100)).send().status()).isEqualTo(401);
	}

	@Test
	@DisplayName("disclosures: functions and a return policy are required; exclusions are the statutory ones; brands need authorisation")
	void disclosures() {
		var shop = shops.selling(List.of("general"), 100_000);
		String token = shop.account().token();
		Map<String, Object> noFunctions = soap(100);
		noFunctions.remove("functions");
		noFunctions.remove("returnPolicy");
		var invalid = api.post("/api/v1/listings", noFunctions).as(token).send();
		assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(invalid.json().path("errors").findValuesAsString("field")).contains("functions", "returnPolicy");

		Map<String, Object> noReason = soap(100);
		noReason.put("returnPolicy", Map.of("sevenDayNoReason", false));
		assertThat(api.post("/api/v1/listings", noReason).as(token).send().json().path("errors").findValuesAsString("code"))
			.contains("RETURN_EXCLUSION_REQUIRED");
		Map<String, Object> custom = soap(100);
		custom.put("returnPolicy", Map.of("sevenDayNoReason", false, "exclusionReason", "CUSTOM_MADE"));
		var customMade = api.post("/api/v1/listings", custom).as(token).send();
		assertThat(customMade.status()).isEqualTo(201);
		assertThat(customMade.json().path("returnPolicy").path("exclusionReason").asString()).isEqualTo("CUSTOM_MADE");

		Map<String, Object> branded = soap(100);
		branded.put("brand", "Dior");
		assertThat(api.post("/api/v1/listings", branded).as(token).send().code()).isEqualTo("BRAND_AUTHORIZATION_REQUIRED");
		branded.put("brandAuthorizationEvidenceId", "evd_authorisation");
		assertThat(api.post("/api/v1/listings", branded).as(token).send().code()).as("an id that names no record")
			.isEqualTo("EVIDENCE_NOT_FOUND");
		var otherShop = shops.selling(List.of("general"), 100_000);
		String theirs = api.upload("/api/v1/evidence", otherShop.account().token(), "auth.png",
				cn.fangxin.evidence.EvidenceLogTests.png(), Map.of("kind", "OTHER")).json().path("id").asString();
		branded.put("brandAuthorizationEvidenceId", theirs);
		var borrowed = api.post("/api/v1/listings", branded).as(token).send();
		assertThat(borrowed.status()).isEqualTo(422);
		assertThat(borrowed.code()).as("another shop's authorisation").isEqualTo("EVIDENCE_NOT_FOUND");
		String mine = api.upload("/api/v1/evidence", token, "auth.png", cn.fangxin.evidence.EvidenceLogTests.png(),
				Map.of("kind", "OTHER")).json().path("id").asString();
		branded.put("brandAuthorizationEvidenceId", mine);
		var listed = api.post("/api/v1/listings", branded).as(token).send();
		assertThat(listed.status()).as(listed.toString()).isEqualTo(201);
		assertThat(api.patch("/api/v1/listings/" + listed.json().path("id").asString(), Map.of("priceFen", 120))
			.as(token).send().status()).as("a change that keeps the cited records").isEqualTo(200);
	}

	@Test
	@DisplayName("a struck-through reference price above the lowest price of the previous 7 days is refused")
	void referencePrice() {
		var shop = shops.selling(List.of("general"), 100_000);
		String token = shop.account().token();
		Map<String, Object> fake = soap(6_900);
		fake.put("referencePriceFen", 12_900);
		var refused = api.post("/api/v1/listings", fake).as(token).send();
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.code()).isEqualTo("REFERENCE_PRICE_UNSUPPORTED");

		String id = api.post("/api/v1/listings", soap(9_900)).as(token).send().json().path("id").asString();
		advance("P8D");
		var discount = api.patch("/api/v1/listings/" + id, Map.of("priceFen", 7_900, "referencePriceFen", 9_900))
			.as(token).send();
		assertThat(discount.status()).as(discount.toString()).isEqualTo(200);
		assertThat(discount.json().path("referencePriceFen").asLong()).isEqualTo(9_900);

		var deeper = api.patch("/api/v1/listings/" + id, Map.of("priceFen", 5_900)).as(token).send();
		assertThat(deeper.code()).as("9,900 is no longer the lowest price of the last 7 days").isEqualTo(
				"REFERENCE_PRICE_UNSUPPORTED");
		assertThat(deeper.json().path("lowestPriceFen").asLong()).isEqualTo(7_900);
		var honest = api.patch("/api/v1/listings/" + id, new HashMap<>(Map.of("priceFen", 5_900)) {
			{
				put("referencePriceFen", null);
			}
		}).as(token).send();
		assertThat(honest.status()).isEqualTo(200);
		assertThat(honest.json().has("referencePriceFen")).isFalse();
		assertThat(api.get("/api/v1/listings/" + id + "/price-history").send().json().findValuesAsString("priceFen"))
			.containsExactly("9900", "7900", "5900");
	}
}
