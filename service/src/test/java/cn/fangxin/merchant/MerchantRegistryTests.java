package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Identities;
import cn.fangxin.support.Shops;

/** The real-name registry through the API (E-Commerce Law arts. 10, 15, 27, 58; RULES.md "Identity numbers"). */
@Tag("scenario")
class MerchantRegistryTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	Shops shops;
	String agent;
	String admin;

	@BeforeEach
	void setUp() {
		shops = new Shops(api);
		agent = api.demoToken("agent");
		admin = api.demoToken("admin");
	}

	@Test
	@DisplayName("an individual applies; identity numbers, birth dates and phones are checked with their own codes")
	void application() {
		var account = api.signUp("MERCHANT");
		String id = Identities.residentId();
		String badCheck = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
		var bad = api.post("/api/v1/merchants", Shops.individual(badCheck, Identities.phone(), List.of("general")))
			.as(account.token()).send();
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.code()).isEqualTo("ID_NUMBER_INVALID");
		var phone = api.post("/api/v1/merchants", Shops.individual(id, "1234567", List.of("general")))
			.as(account.token()).send();
		assertThat(phone.code()).isEqualTo("PHONE_INVALID");
		Map<String, Object> enterprise = new HashMap<>(Shops.individual(id, Identities.phone(), List.of("general")));
		enterprise.put("kind", "ENTERPRISE");
		enterprise.put("creditCode", "91350100M000100Y44");
		enterprise.put("legalRepresentative", "王五");
		assertThat(api.post("/api/v1/merchants", enterprise).as(account.token()).send().code())
			.isEqualTo("CREDIT_CODE_INVALID");
		Map<String, Object> missing = new HashMap<>(Shops.individual(id, Identities.phone(), List.of("toys")));
		missing.put("registrationExempt", false);
		var invalid = api.post("/api/v1/merchants", missing).as(account.token()).send();
		assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(invalid.json().path("errors").findValuesAsString("field")).contains("categories", "licenseNumber");
		// everything wrong is said at once: the missing licence and the bad ID number, under the ID number's code
		Map<String, Object> twoWrong = new HashMap<>(Shops.individual(badCheck, "1234567", List.of("general")));
		twoWrong.put("registrationExempt", false);
		var both = api.post("/api/v1/merchants", twoWrong).as(account.token()).send();
		assertThat(both.code()).isEqualTo("ID_NUMBER_INVALID");
		assertThat(both.json().path("errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("licenseNumber", "idNumber", "contactPhone");

		var created = api.post("/api/v1/merchants", Shops.individual(id, Identities.phone(), List.of("general")))
			.as(account.token()).send();
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("status").asString()).isEqualTo("PENDING_REVIEW");
		assertThat(api.post("/api/v1/merchants", Shops.individual(id, Identities.phone(), List.of("general")))
			.as(account.token()).send().code()).isEqualTo("MERCHANT_EXISTS");
		assertThat(api.post("/api/v1/merchants", Shops.individual(id, Identities.phone(), List.of("general")))
			.as(api.signUp("CONSUMER").token()).send().status()).as("consumers do not sell").isEqualTo(403);
	}

	@Test
	@DisplayName("the merchant sees its identity masked; staff see it in full and every such read is audited")
	void maskingAndAudit() {
		var shop = shops.applied(List.of("general"));
		var own = api.get("/api/v1/merchants/" + shop.merchantId()).as(shop.account().token()).send();
		assertThat(own.json().path("idNumber").asString()).isEqualTo(shop.idNumber().substring(0, 3) + "***********"
				+ shop.idNumber().substring(14));
		assertThat(own.json().path("contactPhone").asString()).isEqualTo(shop.phone().substring(0, 3) + "****"
				+ shop.phone().substring(7));
		assertThat(own.json().path("address").asString()).endsWith("****").doesNotContain("科技园");
		assertThat(own.body()).doesNotContain(shop.idNumber()).doesNotContain(shop.phone());
		assertThat(own.json().has("identityMatches")).isFalse();

		assertThat(api.get("/api/v1/merchants/" + shop.merchantId()).as(api.signUp("MERCHANT").token()).send().status())
			.as("another merchant").isEqualTo(404);

		var staff = api.get("/api/v1/merchants/" + shop.merchantId()).as(agent).send();
		assertThat(staff.json().path("idNumber").asString()).isEqualTo(shop.idNumber());
		assertThat(staff.json().path("address").asString()).contains("科技园");

		var audit = api.get("/api/v1/admin/access-audit?subjectId=" + shop.merchantId()).as(admin).send();
		assertThat(audit.status()).isEqualTo(200);
		assertThat(audit.json().path("items").get(0).path("readerUsername").asString()).isEqualTo("agent");
		assertThat(audit.json().path("items").get(0).path("fields").toString()).contains("idNumber");
		assertThat(api.get("/api/v1/admin/access-audit").as(agent).send().status()).isEqualTo(403);

		String stored = jdbc.sql("select id_number_enc || address_enc || contact_phone_enc from merchant_version where merchant_id = :id")
			.param("id", shop.merchantId()).query(String.class).single();
		assertThat(stored).doesNotContain(shop.idNumber()).doesNotContain(shop.phone()).doesNotContain("深圳");
	}

	@Test
	@DisplayName("a rejection carries a reason the applicant sees; a corrected application is a new version")
	void rejectAndResubmit() {
		var shop = shops.applied(List.of("general"));
		var noReason = api.post("/api/v1/merchants/" + shop.merchantId() + "/review", Map.of("decision", "REJECT"))
			.as(agent).send();
		assertThat(noReason.code()).isEqualTo("REASON_REQUIRED");
		var rejected = api.post("/api/v1/merchants/" + shop.merchantId() + "/review",
				Map.of("decision", "REJECT", "reason", "店铺名称与营业执照不符")).as(agent).send();
		assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");
		var seen = api.get("/api/v1/merchants/" + shop.merchantId()).as(shop.account().token()).send();
		assertThat(seen.json().path("lastReview").path("reason").asString()).isEqualTo("店铺名称与营业执照不符");
		assertThat(api.post("/api/v1/merchants/" + shop.merchantId() + "/review", Map.of("decision", "APPROVE"))
			.as(api.signUp("MERCHANT").token()).send().status()).isEqualTo(403);

		var patched = api.patch("/api/v1/merchants/" + shop.merchantId(), Map.of("shopName", "林小姐手工皂"))
			.as(shop.account().token()).send();
		assertThat(patched.json().path("status").asString()).isEqualTo("PENDING_REVIEW");
		assertThat(patched.json().path("version").asInt()).isEqualTo(2);
		var approved = api.post("/api/v1/merchants/" + shop.merchantId() + "/review",
				Map.of("decision", "APPROVE", "reason", "核验通过")).as(agent).send();
		assertThat(approved.json().path("status").asString()).isEqualTo("ACTIVE");

		var history = api.get("/api/v1/merchants/" + shop.merchantId() + "/history").as(agent).send();
		assertThat(history.json().path("items").findValuesAsString("reviewStatus")).containsExactly("REJECTED", "APPROVED");
		assertThat(history.json().path("items").get(1).path("shopName").asString()).isEqualTo("林小姐手工皂");
		assertThat(api.get("/api/v1/merchants/" + shop.merchantId() + "/history").as(shop.account().token()).send().status())
			.isEqualTo(403);
	}

	@Test
	@DisplayName("a change of who the seller is stops selling until approved; other changes wait for review")
	void identityChange() {
		var shop = shops.approved(List.of("general"));
		var contact = api.patch("/api/v1/merchants/" + shop.merchantId(), Map.of("contactPhone", Identities.phone()))
			.as(shop.account().token()).send();
		assertThat(contact.json().path("status").asString()).isEqualTo("ACTIVE");
		assertThat(contact.json().path("pendingReview").asBoolean()).isTrue();
		var identity = api.patch("/api/v1/merchants/" + shop.merchantId(), Map.of("idNumber", Identities.residentId()))
			.as(shop.account().token()).send();
		assertThat(identity.json().path("status").asString()).isEqualTo("PENDING_REVIEW");
		assertThat(identity.json().path("approvedVersion").asInt()).isEqualTo(1);
		var rejected = api.post("/api/v1/merchants/" + shop.merchantId() + "/review",
				Map.of("decision", "REJECT", "reason", "身份证与姓名不符")).as(agent).send();
		assertThat(rejected.json().path("status").asString()).as("the verified identity stays in force").isEqualTo("ACTIVE");
	}

	@Test
	@DisplayName("an applicant who shares an identity with a banned shop is flagged to the reviewer")
	void sharedIdentityFlag() {
		var banned = shops.approved(List.of("general"));
		jdbc.sql("update merchant set status = 'BANNED', status_reason = 'counterfeits' where id = :id")
			.param("id", banned.merchantId()).update();
		var account = api.signUp("MERCHANT");
		var again = api.post("/api/v1/merchants", Shops.individual(banned.idNumber(), Identities.phone(), List.of("general")))
			.as(account.token()).send();
		String id = again.json().path("id").asString();
		var staff = api.get("/api/v1/merchants/" + id).as(agent).send();
		assertThat(staff.json().path("identityMatches").get(0).path("merchantId").asString()).isEqualTo(banned.merchantId());
		assertThat(staff.json().path("identityMatches").get(0).path("matchedOn").asString()).isEqualTo("IDENTITY");
		assertThat(staff.json().path("identityMatches").get(0).path("status").asString()).isEqualTo("BANNED");
		var queue = api.get("/api/v1/merchants/review-queue?limit=500").as(agent).send();
		var entry = java.util.stream.StreamSupport.stream(queue.json().path("items").spliterator(), false)
			.filter(i -> i.path("merchantId").asString().equals(id)).findFirst().orElseThrow();
		assertThat(entry.path("matchesSanctionedShop").asBoolean()).isTrue();
	}

	@Test
	@DisplayName("the public shop shows the licence information, an individual's region and masked name, nothing private")
	void publicShop() {
		var shop = shops.approved(List.of("general"));
		assertThat(api.get("/api/v1/public/merchants/" + shops.applied(List.of("general")).merchantId()).send().status())
			.as("not yet verified").isEqualTo(404);
		var page = api.get("/api/v1/public/merchants/" + shop.merchantId()).send();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().path("entityName").asString()).isEqualTo("林**");
		assertThat(page.json().path("region").asString()).isEqualTo("广东");
		assertThat(page.json().path("registrationExempt").asBoolean()).isTrue();
		assertThat(page.json().path("kind").asString()).isEqualTo("INDIVIDUAL");
		assertThat(page.body()).doesNotContain(shop.idNumber()).doesNotContain(shop.phone()).doesNotContain("林晓梅")
			.doesNotContain("科技园");
	}

	@Test
	@DisplayName("the deposit is topped up by sandbox payment into the ledger and shown to the merchant")
	void deposit() {
		var shop = shops.approved(List.of("general", "food"));
		var paid = api.post("/api/v1/merchants/" + shop.merchantId() + "/deposit", Map.of("amountFen", 150_000))
			.as(shop.account().token()).idempotencyKey("dep-" + shop.merchantId()).send();
		assertThat(paid.status()).isEqualTo(200);
		assertThat(paid.json().path("depositFen").asLong()).isEqualTo(150_000);
		var again = api.post("/api/v1/merchants/" + shop.merchantId() + "/deposit", Map.of("amountFen", 150_000))
			.as(shop.account().token()).idempotencyKey("dep-" + shop.merchantId()).send();
		assertThat(again.json().path("depositFen").asLong()).as("the same key pays once").isEqualTo(150_000);
		var balance = api.get("/api/v1/merchants/" + shop.merchantId() + "/balance").as(shop.account().token()).send();
		assertThat(balance.json().path("depositFen").asLong()).isEqualTo(150_000);
		assertThat(balance.json().path("requiredDepositFen").asLong()).as("food needs 5,000 CNY").isEqualTo(500_000);
		assertThat(balance.json().path("availableFen").asLong()).isZero();
		assertThat(api.post("/api/v1/merchants/" + shop.merchantId() + "/deposit", Map.of("amountFen", -5))
			.as(shop.account().token()).send().code()).isEqualTo("AMOUNT_INVALID");
		assertThat(api.post("/api/v1/merchants/" + shop.merchantId() + "/deposit", Map.of("amountFen", 100))
			.as(agent).send().status()).as("only the merchant pays its deposit").isEqualTo(404);
	}

	@Test
	@DisplayName("re-verification falls due after 6 months and suspends selling 30 days later until verified again")
	void reverification() {
		var shop = shops.selling(List.of("general"), 100_000);
		String path = "/api/v1/merchants/" + shop.merchantId();
		Instant due = Instant.parse(api.get(path).as(shop.account().token()).send().json().path("nextVerificationDue").asString());
		Instant now = Instant.parse(api.get("/api/v1/admin/clock").as(admin).send().json().path("now").asString());
		assertThat(Duration.between(now, due).toDays()).isBetween(180L, 185L);

		advance(Duration.between(now, due).plusHours(1));
		var dueView = api.get(path).as(shop.account().token()).send();
		assertThat(dueView.json().path("status").asString()).isEqualTo("VERIFICATION_DUE");
		assertThat(api.get(path + "/notices").as(shop.account().token()).send().json().path("items")
			.findValuesAsString("kind")).contains("VERIFICATION_DUE");
		assertThat(listing(shop).status()).as("still within the grace period").isEqualTo(201);

		advance(Duration.ofDays(31));
		assertThat(api.get(path).as(shop.account().token()).send().json().path("status").asString()).isEqualTo("SUSPENDED");
		var refused = listing(shop);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.code()).isEqualTo("MERCHANT_NOT_ACTIVE");

		api.post(path + "/reverification", Map.of()).as(shop.account().token()).send();
		api.post(path + "/review", Map.of("decision", "APPROVE", "reason", "再次核验通过")).as(agent).send();
		assertThat(api.get(path).as(shop.account().token()).send().json().path("status").asString()).isEqualTo("ACTIVE");
		assertThat(listing(shop).status()).isEqualTo(201);
	}

	@Test
	@DisplayName("verified again in the last seconds while the scheduler holds the old due date: the approval does not "
			+ "wait for it, withdraws the old cycle's later deadline, and the old date passes without effect")
	void earlyReverificationBesideTheScheduler() throws Exception {
		var shop = shops.selling(List.of("general"), 100_000);
		String path = "/api/v1/merchants/" + shop.merchantId();
		Instant oldDue = Instant.parse(api.get(path).as(shop.account().token()).send().json().path("nextVerificationDue")
			.asString());
		Instant now = Instant.parse(api.get("/api/v1/admin/clock").as(admin).send().json().path("now").asString());
		advance(Duration.between(now, oldDue).minusSeconds(30));
		api.post(path + "/reverification", Map.of()).as(shop.account().token()).send();

		// what the scheduler does first when the due date comes (an instance whose clock runs a little ahead may be
		// there already): it takes the deadline's row
		try (var scheduler = cn.fangxin.support.HeldLocks.hold(transactions, () -> jdbc
			.sql("update deadline set attempts = attempts where subject_id = :id and kind = :kind and status = 'PENDING'")
			.param("id", shop.merchantId())
			.param("kind", cn.fangxin.merchant.internal.VerificationSchedule.DUE)
			.update())) {
			var approval = java.util.concurrent.CompletableFuture.supplyAsync(() -> api.post(path + "/review",
					Map.of("decision", "APPROVE", "reason", "提前核验")).as(agent).send());
			assertThat(approval.get(8, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
		}
		Instant newDue = Instant.parse(api.get(path).as(shop.account().token()).send().json().path("nextVerificationDue")
			.asString());
		assertThat(newDue).isAfter(oldDue);
		assertThat(jdbc.sql("select due_at from deadline where subject_id = :id and status = 'PENDING' order by due_at")
			.param("id", shop.merchantId())
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.list()).as("the old due date, left to fire, then the new cycle's two").hasSize(3).first().isEqualTo(oldDue);
		advance(Duration.ofDays(70)); // past the old due date and the old grace period's end
		assertThat(api.get(path).as(shop.account().token()).send().json().path("status").asString()).isEqualTo("ACTIVE");
	}

	private void advance(Duration duration) {
		var r = api.post("/api/v1/admin/clock/advance", Map.of("duration", duration.toString())).as(admin).send();
		assertThat(r.status()).isEqualTo(200);
	}

	private cn.fangxin.support.Api.Response listing(Shops.Shop shop) {
		return api.post("/api/v1/listings", Map.of("title", "手工皂", "category", "general", "priceFen", 3900, "functions",
				"洁面", "returnPolicy", Map.of("sevenDayNoReason", true))).as(shop.account().token()).send();
	}
}
