package cn.fangxin.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;
import cn.fangxin.support.Purchases.World;
import tools.jackson.databind.JsonNode;

/**
 * A person's rights over their data (PIPL arts. 44–47): their own copy of it, unmasked and only theirs, and erasure on
 * request, which waits for what is open, pseudonymises the account, erases the addresses and keeps the records.
 */
@Tag("persistence")
class PersonalDataRightsTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	java.time.Clock clock;

	/** An order the shop read the label of while it was to ship, then shipped, delivered and confirmed. */
	String completedWithLabelRead(World w) {
		return completed(w, new Purchases(api).paid(w));
	}

	String completed(World w, String id) {
		fetch("/api/v1/orders/" + id + "/shipping-label", w.shop().account().token());
		call("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF" + System.nanoTime()),
				w.shop().account().token(), 200);
		call("/api/v1/orders/" + id + "/delivery", Map.of(), api.demoToken("agent"), 200);
		call("/api/v1/orders/" + id + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);
		return id;
	}

	@Test
	@DisplayName("the copy holds the account, the orders with their whole addresses and who read them, only the caller's, and is itself audited")
	void copy() {
		World w = new Purchases(api).world();
		String order = completedWithLabelRead(w);
		var other = api.signUp("CONSUMER");

		JsonNode copy = fetch("/api/v1/me/personal-data", w.buyer().token());
		assertThat(copy.path("type").asString()).isEqualTo("fangxin-personal-data/1");
		assertThat(copy.path("account").path("username").asString()).isEqualTo(w.buyer().username());
		assertThat(copy.path("account").path("phone").asString()).as("unmasked, for its owner").isEqualTo("13912345678");
		assertThat(copy.path("orders")).hasSize(1);
		JsonNode bought = copy.path("orders").get(0);
		assertThat(bought.path("order").path("id").asString()).isEqualTo(order);
		assertThat(bought.path("order").path("status").asString()).isEqualTo("COMPLETED");
		assertThat(bought.path("shippingAddress").path("name").asString()).isEqualTo("王小明");
		assertThat(bought.path("shippingAddress").path("phone").asString()).isEqualTo("13812345678");
		assertThat(bought.path("shippingAddress").path("line").asString()).isEqualTo("漕溪北路 88 号 5 楼");
		JsonNode shopRead = copy.path("accessLog")
			.valueStream()
			.filter(e -> e.path("subjectId").asString().equals(order))
			.findFirst()
			.orElseThrow();
		assertThat(shopRead.path("readerRole").asString()).isEqualTo("MERCHANT");
		assertThat(shopRead.path("fields").toString()).contains("shippingAddress");
		assertThat(shopRead.path("purpose").asString()).isNotBlank();
		assertThat(copy.path("erasure").path("possible").asBoolean()).isTrue();

		JsonNode theirs = fetch("/api/v1/me/personal-data", other.token());
		assertThat(theirs.path("orders")).isEmpty();
		assertThat(theirs.toString()).doesNotContain(order).doesNotContain("王小明");

		var audit = fetch("/api/v1/admin/access-audit?subjectId=" + w.buyer().id(), api.demoToken("admin"));
		assertThat(audit.path("items").get(0).path("subjectType").asString()).isEqualTo("ACCOUNT");
		assertThat(audit.path("items").get(0).path("readerUsername").asString()).isEqualTo(w.buyer().username());
		assertThat(audit.path("items").get(0).path("purpose").asString()).contains("own copy");
	}

	@Test
	@DisplayName("erasure checks the password and waits for open orders, saying which; nothing changes meanwhile")
	void erasureWaits() {
		World w = new Purchases(api).world();
		String done = completedWithLabelRead(w);
		String open = new Purchases(api).paid(w);

		var wrong = api.post("/api/v1/me/erasure", Map.of("password", "not-the-password")).as(w.buyer().token()).send();
		assertThat(wrong.status()).isEqualTo(403);
		assertThat(wrong.code()).isEqualTo("PASSWORD_INCORRECT");
		assertThat(api.post("/api/v1/me/erasure", Map.of()).as(w.buyer().token()).send().status()).isEqualTo(400);

		var blocked = api.post("/api/v1/me/erasure", Map.of("password", w.buyer().password())).as(w.buyer().token()).send();
		assertThat(blocked.status()).as(blocked.toString()).isEqualTo(409);
		assertThat(blocked.code()).isEqualTo("ERASURE_BLOCKED");
		JsonNode blocker = blocked.json().path("blockers").get(0);
		assertThat(blocker.path("code").asString()).isEqualTo("OPEN_ORDERS");
		assertThat(blocker.path("ids").toString()).contains(open);

		assertThat(fetch("/api/v1/me", w.buyer().token()).path("username").asString()).isEqualTo(w.buyer().username());
		assertThat(fetch("/api/v1/orders/" + open, w.shop().account().token()).path("shippingAddress").asString())
			.isNotEqualTo("***");
		assertThat(fetch("/api/v1/orders/" + done, api.demoToken("agent")).path("shippingAddress").asString())
			.as("a refused erasure erases nothing, not even what is over").contains("138****5678");
		assertThat(fetch("/api/v1/me/personal-data", w.buyer().token()).path("erasure").path("possible").asBoolean())
			.isFalse();

		// a seller's copy holds its registration file, unmasked
		JsonNode seller = fetch("/api/v1/me/personal-data", api.demoToken("merchant"));
		assertThat(seller.path("registration").get(0).path("idNumber").asString()).isEqualTo("440305198804120312");
		assertThat(seller.path("orders")).isEmpty();

		// a shop's account is not erased here: the registry keeps the seller's identity
		var shop = api.post("/api/v1/me/erasure", Map.of("password", Api.DEMO_PASSWORD)).as(api.demoToken("merchant")).send();
		assertThat(shop.status()).isEqualTo(409);
		assertThat(shop.json().path("blockers").get(0).path("code").asString()).isEqualTo("MERCHANT_ACCOUNT");
	}

	@Test
	@DisplayName("erasure pseudonymises the account, ends its token and sign-in, erases the addresses and keeps the order")
	void erasure() {
		World w = new Purchases(api).world();
		String shop = w.shop().account().token();
		String order = new Purchases(api).paid(w);
		// a new address the shop declined, and an invoice to the buyer's own name and ID number
		String change = call("/api/v1/orders/" + order + "/address-changes", Map.of("name", "王小明", "phone", "13900139000",
				"region", "北京市海淀区", "line", "中关村大街 1 号 302"), w.buyer().token(), 201).path("id").asString();
		call("/api/v1/address-changes/" + change + "/decision", Map.of("decision", "DECLINE", "reason", "已打包"), shop, 200);
		String idNumber = cn.fangxin.support.Identities.residentId();
		String invoice = call("/api/v1/orders/" + order + "/invoice-requests", Map.of("title", "王小明", "taxId", idNumber),
				w.buyer().token(), 201).path("id").asString();
		completed(w, order);
		PageSession otherDevice = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		assertThat(otherDevice.get("/orders").statusCode()).isEqualTo(200);
		String shipping = "/api/v1/orders?q=13812345678";
		assertThat(fetch(shipping, api.demoToken("agent")).toString()).contains(order);
		JsonNode copy = fetch("/api/v1/me/personal-data", w.buyer().token());
		assertThat(copy.path("addressChanges").get(0).path("address").path("phone").asString()).isEqualTo("13900139000");
		assertThat(copy.path("invoices").get(0).path("taxId").asString()).isEqualTo(idNumber.toUpperCase());

		// the invoice asked for is to be issued to the buyer's name: the erasure waits for it
		var waiting = api.post("/api/v1/me/erasure", Map.of("password", w.buyer().password())).as(w.buyer().token()).send();
		assertThat(waiting.status()).isEqualTo(409);
		assertThat(waiting.json().path("blockers").get(0).path("code").asString()).isEqualTo("OPEN_INVOICES");
		assertThat(waiting.json().path("blockers").get(0).path("ids").toString()).contains(invoice);
		call("/api/v1/invoice-requests/" + invoice + "/refusal", Map.of("reason", "个人买家无需发票"), shop, 200);

		var erased = api.post("/api/v1/me/erasure", Map.of("password", w.buyer().password())).as(w.buyer().token()).send();
		assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
		assertThat(erased.json().path("status").asString()).isEqualTo("ERASED");
		assertThat(erased.json().path("id").asString()).isEqualTo(w.buyer().id());
		assertThat(erased.json().path("ordersErased").asInt()).isEqualTo(1);

		var afterwards = api.get("/api/v1/me").as(w.buyer().token()).send();
		assertThat(afterwards.status()).as("the token stops at once").isEqualTo(401);
		assertThat(afterwards.code()).isEqualTo("TOKEN_INVALID");
		var signIn = api.post("/api/v1/auth/token", Map.of("username", w.buyer().username(), "password",
				w.buyer().password())).send();
		assertThat(signIn.status()).isEqualTo(401);

		var row = jdbc.sql("select username, display_name, phone_enc, enabled, erased_at from account where id = :id")
			.param("id", w.buyer().id())
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getString(3)),
					String.valueOf(rs.getBoolean(4)), String.valueOf(rs.getObject(5) != null)))
			.single();
		assertThat(row.get(0)).startsWith("erased-").isEqualTo(row.get(1)).doesNotContain(w.buyer().username());
		assertThat(row.subList(2, 5)).containsExactly("null", "false", "true");
		assertThat(jdbc.sql("select distinct reader_username from access_audit where reader_account_id = :id")
			.param("id", w.buyer().id()).query(String.class).list())
			.as("the buyer's own readings (their copy) keep the pseudonym").containsExactly(row.get(0));
		assertThat(otherDevice.get("/orders").statusCode()).as("the other device's session ends").isEqualTo(302);

		// the order stays, for the shop and staff, with its money and snapshot, but without the address
		JsonNode kept = fetch("/api/v1/orders/" + order, api.demoToken("agent"));
		assertThat(kept.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(kept.path("shippingAddress").asString()).isEqualTo("***");
		assertThat(kept.path("snapshotEvidenceId").asString()).isNotBlank();
		assertThat(fetch("/api/v1/orders/" + order + "/shipping-label", api.demoToken("agent")).toString())
			.doesNotContain("王小明").doesNotContain("13812345678").doesNotContain("漕溪北路");
		assertThat(fetch(shipping, api.demoToken("agent")).toString()).as("no longer found by the phone")
			.doesNotContain(order);
		JsonNode request = fetch("/api/v1/invoice-requests/" + invoice, shop);
		assertThat(request.path("title").asString()).isEqualTo("***");
		assertThat(request.has("taxId")).isFalse();
		assertThat(request.toString()).doesNotContain(idNumber.toUpperCase()).doesNotContain("王小明");
		assertThat(jdbc.sql("select address_masked from address_change where id = :id").param("id", change)
			.query(String.class).single()).isEqualTo("***");
		ledgerVerifies();
	}

	@Test
	@DisplayName("the page: the copy downloads as a file, erasure needs the confirmation, then signs out; a shop sees why it cannot; the notice is public in both languages")
	void page() {
		World w = new Purchases(api).world();
		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		String page = buyer.get("/me/privacy?lang=en").body();
		assertThat(page).contains("personal-data-download").contains("erasure-form").doesNotContain("erasure-blockers");
		assertThat(buyer.get("/me/privacy?lang=zh-CN").body()).contains("注销我的账户");

		var file = buyer.download("/me/privacy/copy.json");
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
			.contains("fangxin-personal-data-");
		assertThat(Api.parse(new String(file.body(), java.nio.charset.StandardCharsets.UTF_8)).path("account")
			.path("phone").asString()).isEqualTo("13912345678");

		var unconfirmed = buyer.post("/me/privacy", "/me/privacy/erasure", Map.of("password", w.buyer().password()));
		assertThat(unconfirmed.headers().firstValue("Location").orElse("")).endsWith("/me/privacy");
		assertThat(fetch("/api/v1/me", w.buyer().token()).path("id").asString()).as("not erased").isEqualTo(w.buyer().id());

		var done = buyer.post("/me/privacy", "/me/privacy/erasure",
				Map.of("password", w.buyer().password(), "understood", "yes"));
		assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?erased");
		assertThat(buyer.get("/orders").statusCode()).as("signed out").isIn(302, 401);
		assertThat(api.get("/api/v1/me").as(w.buyer().token()).send().status()).isEqualTo(401);

		String shop = PageSession.demo(api, "merchant").get("/me/privacy?lang=en").body();
		assertThat(shop).contains("erasure-blockers").contains("MERCHANT_ACCOUNT").doesNotContain("erasure-form");

		PageSession visitor = PageSession.anonymous(api);
		assertThat(visitor.get("/public/privacy?lang=en").body()).contains("Privacy notice").contains("E-Commerce Law art. 31");
		assertThat(visitor.get("/public/privacy?lang=zh-CN").body()).contains("隐私政策").contains("第三十一条").contains("notice-version");
	}

	@Test
	@DisplayName("consent records per purpose: the privacy notice at sign-up (the form requires it, an app says so), the separate consent for a seller's ID number")
	void consents() {
		String username = "consent-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		String password = "plum-orchard-" + java.util.UUID.randomUUID();
		var opened = api.post("/api/v1/accounts", Map.of("username", username, "password", password, "role", "CONSUMER",
				"phone", "13912345678", "acceptPrivacyNotice", true)).send();
		assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
		JsonNode consents = fetch("/api/v1/me/personal-data", api.token(username, password)).path("consents");
		assertThat(consents).hasSize(1);
		assertThat(consents.get(0).path("purpose").asString()).isEqualTo("PRIVACY_NOTICE");
		assertThat(consents.get(0).path("granted").asBoolean()).isTrue();
		assertThat(consents.get(0).path("channel").asString()).isEqualTo("API");
		assertThat(consents.get(0).path("noticeVersion").asString()).isEqualTo(cn.fangxin.account.Consents.NOTICE_VERSION);
		assertThat(fetch("/api/v1/me/personal-data", api.signUp("CONSUMER").token()).path("consents"))
			.as("an app that did not say so records nothing").isEmpty();

		// the sign-up form does not open an account without it
		PageSession visitor = PageSession.anonymous(api);
		String webName = "web-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> form = new java.util.HashMap<>(Map.of("username", webName, "password", password, "role",
				"CONSUMER", "phone", "13912345678", "displayName", "Ms Lin"));
		String refused = visitor.post("/register", "/register?lang=en", form).body();
		assertThat(refused).contains("notice error").contains("<strong>隐私政策</strong>");
		assertThat(api.post("/api/v1/auth/token", Map.of("username", webName, "password", password)).send().status())
			.isEqualTo(401);
		form.put("acceptPrivacyNotice", "yes");
		assertThat(visitor.post("/register", "/register", form).headers().firstValue("Location").orElse(""))
			.contains("/login");
		PageSession signedIn = PageSession.signedIn(api, webName, password);
		assertThat(signedIn.get("/me/privacy?lang=en").body()).contains("data-purpose=\"PRIVACY_NOTICE\"")
			.contains("on the website");

		// an individual's application without the separate consent to the ID number is refused, and so is a pseudonym
		var seller = api.signUp("MERCHANT");
		Map<String, Object> application = new java.util.HashMap<>(cn.fangxin.support.Shops.individual(
				cn.fangxin.support.Identities.residentId(), cn.fangxin.support.Identities.phone(), List.of("general")));
		application.remove("identityConsent");
		var noConsent = api.post("/api/v1/merchants", application).as(seller.token()).send();
		assertThat(noConsent.status()).isEqualTo(400);
		assertThat(noConsent.json().path("errors").toString()).contains("identityConsent").contains("CONSENT_REQUIRED");
		application.put("identityConsent", true);
		assertThat(api.post("/api/v1/merchants", application).as(seller.token()).send().status()).isEqualTo(201);
		JsonNode recorded = fetch("/api/v1/me/personal-data", seller.token()).path("consents");
		assertThat(recorded.get(recorded.size() - 1).path("purpose").asString()).isEqualTo("IDENTITY_DOCUMENT");
		assertThat(api.post("/api/v1/accounts", Map.of("username", "erased-0011223344556677", "password", password,
				"role", "CONSUMER", "phone", "13912345678")).send().status()).isEqualTo(400);

		// the demo seller applied with its separate consent to the ID number
		String demoSeller = PageSession.demo(api, "merchant").get("/me/privacy?lang=zh-CN").body();
		assertThat(demoSeller).contains("data-purpose=\"IDENTITY_DOCUMENT\"").contains("单独同意");
	}

	@Autowired
	PersonalDataRights rights;

	@Test
	@DisplayName("the sweep erases the address of an order an erased account placed in the erasure's last moments, once it is over")
	void sweep() {
		World w = new Purchases(api).world();
		String late = completedWithLabelRead(w);
		// as an erasure on another instance leaves it when this order slipped in: the account erased, the order not
		jdbc.sql("update account set enabled = false, erased_at = :at where id = :id")
			.param("at", cn.fangxin.platform.SqlTime.of(java.time.Instant.now(clock)))
			.param("id", w.buyer().id())
			.update();
		assertThat(fetch("/api/v1/orders/" + late, api.demoToken("agent")).path("shippingAddress").asString())
			.contains("138****5678");
		rights.sweepErasures();
		assertThat(fetch("/api/v1/orders/" + late, api.demoToken("agent")).path("shippingAddress").asString())
			.isEqualTo("***");
	}
}
