package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.payment.internal.SandboxGateway;
import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;
import cn.fangxin.support.Purchases.World;
import tools.jackson.databind.JsonNode;

/**
 * A shop takes its money out (提现): to a same-name bank account set at least 24 hours before, at most its available
 * balance less what it owes, once per request, and back in its balance when the bank refuses it.
 */
@Tag("persistence")
class WithdrawalTests extends ApiTest {

	static final String ACCOUNT = "6222 0212 3456 7890 123";

	@Autowired
	SandboxGateway sandbox;

	@Autowired
	Merchants merchants;

	@Autowired
	JdbcClient jdbc;

	Purchases purchases;

	@BeforeEach
	void setUp() {
		purchases = new Purchases(api);
	}

	/** A shop with 98.00 released to its balance from a completed order. */
	World earned() {
		World w = purchases.world();
		purchases.completed(w, 2);
		return w;
	}

	String shopToken(World w) {
		return w.shop().account().token();
	}

	JsonNode balance(World w) {
		return fetch("/api/v1/merchants/" + w.shop().merchantId() + "/balance", shopToken(w));
	}

	Api.Response withdraw(World w, long fen, String key) {
		return api.post("/api/v1/merchants/" + w.shop().merchantId() + "/withdrawals", Map.of("amountFen", fen))
			.as(shopToken(w))
			.idempotencyKey(key)
			.send();
	}

	Api.Response setAccount(World w, String bank, String number) {
		return api.put("/api/v1/merchants/" + w.shop().merchantId() + "/bank-account",
				Map.of("bankName", bank, "accountNumber", number)).as(shopToken(w)).send();
	}

	JsonNode settled(World w, String withdrawalId) {
		String path = "/api/v1/merchants/" + w.shop().merchantId() + "/withdrawals/" + withdrawalId;
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> fetch(path, shopToken(w)), j -> !"PENDING".equals(j.path("status").asString()));
	}

	@Test
	@DisplayName("a shop withdraws to its own-name account after the hold: once per request, never more than it has")
	void withdrawToTheBank() {
		World w = earned();
		assertThat(balance(w).path("withdrawableFen").asLong()).isEqualTo(9_800);
		assertThat(withdraw(w, 1_000, "k0").code()).isEqualTo("BANK_ACCOUNT_MISSING");

		var bad = setAccount(w, "中国工商银行", "6222-abc");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("ACCOUNT_NUMBER_INVALID");
		var set = setAccount(w, "中国工商银行", ACCOUNT);
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(set.json().path("accountMasked").asString()).isEqualTo("**** 0123");
		assertThat(set.body()).doesNotContain("7890123").doesNotContain("67890");
		assertThat(set.json().path("payee").asString()).as("the payee is the registered name, masked").contains("*");
		assertThat(jdbc.sql("select count(*) from merchant_bank_account where account_cipher like '%7890123%'")
			.query(Long.class)
			.single()).as("the number is stored encrypted").isZero();
		assertThat(fetch("/api/v1/merchants/" + w.shop().merchantId() + "/notices", shopToken(w)).toString())
			.as("the change is posted to the shop").contains("BANK_ACCOUNT_CHANGED");

		var held = withdraw(w, 1_000, "k1");
		assertThat(held.status()).isEqualTo(422);
		assertThat(held.code()).isEqualTo("BANK_ACCOUNT_ON_HOLD");
		advance("PT24H");

		assertThat(withdraw(w, 9_801, "k2").code()).isEqualTo("INSUFFICIENT_FUNDS");
		assertThat(withdraw(w, 0, "k3").code()).isEqualTo("AMOUNT_INVALID");
		var made = withdraw(w, 5_000, "k4");
		assertThat(made.status()).as(made.toString()).isEqualTo(201);
		String id = made.json().path("id").asString();
		assertThat(made.json().path("accountMasked").asString()).isEqualTo("**** 0123");
		var again = withdraw(w, 5_000, "k4");
		assertThat(again.json().path("id").asString()).as("the same request again is the same withdrawal").isEqualTo(id);
		assertThat(balance(w).path("availableFen").asLong()).isEqualTo(4_800);

		JsonNode done = settled(w, id);
		assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.path("settledAt").asString()).isNotEmpty();
		assertThat(fetch("/api/v1/merchants/" + w.shop().merchantId() + "/notices", shopToken(w)).toString())
			.contains("WITHDRAWAL_PAID").contains("¥50.00 中国工商银行 **** 0123");
		assertThat(jdbc.sql("select count(*) from payment_withdrawal where account_cipher like '%7890123%' or "
				+ "payee_cipher like '%' || :shop || '%'").param("shop", "王").query(Long.class).single()).isZero();
		var list = fetch("/api/v1/merchants/" + w.shop().merchantId() + "/withdrawals", shopToken(w));
		assertThat(list.path("items").findValuesAsString("id")).containsExactly(id);

		// others: the buyer and another shop see nothing; staff see the shop's withdrawals
		World other = purchases.world();
		String path = "/api/v1/merchants/" + w.shop().merchantId() + "/withdrawals";
		assertThat(api.get(path).as(w.buyer().token()).send().status()).isEqualTo(404);
		assertThat(api.get(path).as(shopToken(other)).send().status()).isEqualTo(404);
		assertThat(api.post(path, Map.of("amountFen", 100)).as(shopToken(other)).idempotencyKey("x").send().status())
			.isEqualTo(404);
		assertThat(api.get(path + "/" + id).as(shopToken(other)).send().status()).isEqualTo(404);
		assertThat(api.get("/api/v1/merchants/" + other.shop().merchantId() + "/withdrawals/" + id)
			.as(shopToken(other))
			.send()
			.code()).as("another shop's withdrawal under its own shop").isEqualTo("WITHDRAWAL_NOT_FOUND");
		assertThat(fetch(path, api.demoToken("agent")).path("items").size()).isEqualTo(1);
		ledgerVerifies();
	}

	@Test
	@DisplayName("a withdrawal the bank refuses comes back to the balance, and shows why")
	void refusedWithdrawalComesBack() {
		World w = earned();
		assertThat(setAccount(w, "招商银行", "6214830123456789").status()).isEqualTo(200);
		advance("PT24H");
		sandbox.nextWithdrawal(SandboxGateway.Behaviour.FAIL);
		var made = withdraw(w, 3_000, "r1");
		assertThat(made.status()).as(made.toString()).isEqualTo(201);
		JsonNode done = settled(w, made.json().path("id").asString());
		assertThat(done.path("status").asString()).isEqualTo("FAILED");
		assertThat(done.path("failureReason").asString()).contains("refused");
		assertThat(balance(w).path("availableFen").asLong()).isEqualTo(9_800);
		assertThat(fetch("/api/v1/merchants/" + w.shop().merchantId() + "/notices", shopToken(w)).toString())
			.as("the shop is told").contains("WITHDRAWAL_RETURNED").contains("¥30.00");
		// its statement shows the money leave and come back, newest first
		JsonNode lines = fetch("/api/v1/merchants/" + w.shop().merchantId() + "/statement", shopToken(w)).path("items");
		assertThat(lines.valueStream().map(l -> l.path("code").asString() + " " + l.path("account").asString() + " +"
				+ l.path("inFen").asLong() + " -" + l.path("outFen").asLong()).toList())
			.containsSubsequence("CORRECTION AVAILABLE +3000 -0", "PAYOUT AVAILABLE +0 -3000", "RELEASE AVAILABLE +9800 -0");
		assertThat(api.get("/api/v1/merchants/" + w.shop().merchantId() + "/statement").as(w.buyer().token()).send()
			.status()).isEqualTo(404);
		ledgerVerifies();
	}

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	MerchantWithdrawals shopWithdrawals;

	@Test
	@DisplayName("a withdrawal whose sending gave up after every retry is sent again by staff, once")
	void staffSendAgainWhatGaveUp() {
		World w = earned();
		assertThat(setAccount(w, "建设银行", ACCOUNT).status()).isEqualTo(200);
		advance("PT24H");
		var shop = new cn.fangxin.account.Caller(new cn.fangxin.account.AccountId(w.shop().account().id()),
				w.shop().account().username(), cn.fangxin.account.Role.MERCHANT);
		String id = transactions.execute(tx -> {
			String made = shopWithdrawals.withdraw(shop, w.shop().merchantId(), cn.fangxin.platform.Money.fen(2_000), null)
				.id();
			jdbc.sql("update deadline set status = 'FAILED', attempts = 8 where subject_id = :id").param("id", made).update();
			return made;
		});
		var agent = PageSession.demo(api, "agent");
		String page = "/staff/merchants/" + w.shop().merchantId();
		assertThat(agent.get(page).body()).contains("/withdrawals/" + id + "/resend");
		assertThat(agent.post(page, page + "/withdrawals/" + id + "/resend", Map.of()).statusCode()).isEqualTo(302);
		assertThat(settled(w, id).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(agent.get(page).body()).doesNotContain("/withdrawals/" + id + "/resend");
		var caller = new cn.fangxin.account.Caller(new cn.fangxin.account.AccountId("acc_agent"), "agent",
				cn.fangxin.account.Role.AGENT);
		assertThat(shopWithdrawals.resend(caller, w.shop().merchantId(), id)).as("sent already: nothing more").isFalse();
		assertThat(balance(w).path("availableFen").asLong()).isEqualTo(7_800);
		ledgerVerifies();
	}

	@Test
	@DisplayName("two withdrawals of the whole balance at once: one is paid, the other refused")
	void concurrentWithdrawals() {
		World w = earned();
		assertThat(setAccount(w, "中国银行", ACCOUNT).status()).isEqualTo(200);
		advance("PT24H");
		var first = CompletableFuture.supplyAsync(() -> withdraw(w, 9_800, "c1"));
		var second = CompletableFuture.supplyAsync(() -> withdraw(w, 9_800, "c2"));
		List<Integer> statuses = List.of(first.join().status(), second.join().status());
		assertThat(statuses).containsExactlyInAnyOrder(201, 422);
		assertThat(balance(w).path("availableFen").asLong()).isZero();
		ledgerVerifies();
	}

	@Test
	@DisplayName("a suspended shop's money stays for the consumers' claims")
	void suspendedShopCannotWithdraw() {
		World w = earned();
		assertThat(setAccount(w, "中国银行", ACCOUNT).status()).isEqualTo(200);
		advance("PT24H");
		merchants.sanction(w.shop().merchantId(), MarkKind.ARBITRATION_SUSPENSION, "cmp_test", "counterfeit");
		assertThat(withdraw(w, 1_000, "s1").code()).isEqualTo("MERCHANT_FUNDS_FROZEN");
		assertThat(balance(w).path("availableFen").asLong()).isEqualTo(9_800);
	}

	@Test
	@DisplayName("the withdrawal page: set the account, wait out the hold, withdraw, see it paid")
	void page() {
		World w = earned();
		PageSession shop = PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password());
		assertThat(shop.get("/merchant").body()).contains("id=\"withdrawals-link\"").contains("id=\"console-withdrawable\"");
		String page = shop.get("/merchant/withdrawals").body();
		assertThat(page).contains("id=\"no-bank-account\"").doesNotContain("id=\"withdraw\"");

		shop.post("/merchant/withdrawals", "/merchant/bank-account",
				Map.of("bankName", "中国工商银行", "accountNumber", ACCOUNT));
		page = shop.get("/merchant/withdrawals").body();
		assertThat(page).contains("**** 0123").contains("id=\"account-on-hold\"").doesNotContain("7890123")
			.doesNotContain("id=\"withdraw\"");
		advance("PT24H");
		page = shop.get("/merchant/withdrawals").body();
		assertThat(page).doesNotContain("id=\"account-on-hold\"").contains("id=\"withdraw\"");
		String formId = page.replaceAll("(?s).*name=\"formId\" value=\"([A-Za-z0-9]+)\".*", "$1");
		var posted = shop.post("/merchant/withdrawals", "/merchant/withdrawals", Map.of("amountYuan", "60", "formId", formId));
		assertThat(posted.statusCode()).isBetween(200, 399);
		shop.post("/merchant/withdrawals", "/merchant/withdrawals", Map.of("amountYuan", "60", "formId", formId));
		assertThat(balance(w).path("availableFen").asLong()).as("the same form sent twice withdraws once").isEqualTo(3_800);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> shop.get("/merchant/withdrawals").body(), b -> b.contains("class=\"status SUCCEEDED\""));
		// the statement page and its CSV, in Chinese for the shop's accounting
		assertThat(shop.get("/merchant/statement?lang=zh-CN").body()).contains("id=\"statement\"").contains("提现")
			.contains("订单完成，货款到账");
		var csv = shop.download("/merchant/statement.csv");
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(text).startsWith("\ufeff时间,账户,类型,收入（元）,支出（元）,订单,案件,账本转账");
		assertThat(text).contains(",余额,提现,,60.00,").contains(",余额,订单完成，货款到账,98.00,,ord_");
		// staff see the shop's account masked and its withdrawals on the registration page
		String staff = PageSession.demo(api, "agent").get("/staff/merchants/" + w.shop().merchantId()).body();
		assertThat(staff).contains("id=\"staff-bank-account\"").contains("**** 0123").contains("id=\"staff-withdrawals\"")
			.contains(">60.00<").doesNotContain("7890123");
	}
}
