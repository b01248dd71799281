package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Money;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;
import cn.fangxin.support.Purchases.World;
import tools.jackson.databind.JsonNode;

/**
 * A merchant closes its shop (退店) once nothing is open with buyers, sells no more, and after the claims period gets
 * its deposit back in its balance, less what it owes the platform, and withdraws it.
 */
@Tag("persistence")
class ShopClosureTests extends ApiTest {

	@Autowired
	Deadlines deadlines;

	@Autowired
	Ledger ledger;

	@Autowired
	Merchants merchants;

	Purchases purchases;

	@BeforeEach
	void setUp() {
		purchases = new Purchases(api);
	}

	String token(World w) {
		return w.shop().account().token();
	}

	String path(World w, String rest) {
		return "/api/v1/merchants/" + w.shop().merchantId() + rest;
	}

	JsonNode balance(World w) {
		return fetch(path(w, "/balance"), token(w));
	}

	/** A shop with 98.00 earned and its 1,000.00 deposit, and nothing open. */
	World earned() {
		World w = purchases.world();
		purchases.completed(w, 2);
		return w;
	}

	@Test
	@DisplayName("close once nothing is open: no more sales, the deposit back after 90 days, then withdrawn")
	void closeAndGetTheDepositBack() {
		World w = earned();
		String open = purchases.place(w, 1, "ESCROW").path("id").asString();
		var refused = api.post(path(w, "/closure"), Map.of()).as(token(w)).send();
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo("OPEN_ORDERS");
		assertThat(refused.json().path("count").asLong()).isEqualTo(1);
		assertThat(fetch(path(w, "/closure"), token(w)).path("open").findValuesAsString("code")).containsExactly("OPEN_ORDERS");
		assertThat(api.post(path(w, "/closure"), Map.of()).as(w.buyer().token()).send().status()).isEqualTo(404);
		call("/api/v1/orders/" + open + "/cancellation", Map.of("reason", "买错了"), w.buyer().token(), 200);

		JsonNode closed = call(path(w, "/closure"), Map.of(), token(w), 200);
		assertThat(closed.path("closed").asBoolean()).isTrue();
		assertThat(closed.path("depositReturnsAt").asString()).isNotEmpty();
		assertThat(fetch(path(w, ""), token(w)).path("status").asString()).isEqualTo("CLOSED");
		assertThat(api.post(path(w, "/closure"), Map.of()).as(token(w)).send().code()).isEqualTo("SHOP_CLOSED");
		assertThat(deadlines.pendingFor(w.shop().merchantId()).stream().map(Deadline::kind))
			.as("no re-verification for a closed shop; its deposit's return instead")
			.containsExactly(MerchantClosure.DEPOSIT_RELEASE);

		// it sells no more, takes no deposit, and its public page says it is closed
		var order = api.post("/api/v1/orders", Purchases.order(w.listingId(), 1, "ESCROW")).as(w.buyer().token())
			.idempotencyKey(UUID.randomUUID().toString())
			.send();
		assertThat(order.code()).isEqualTo("MERCHANT_NOT_ACTIVE");
		assertThat(api.post(path(w, "/deposit"), Map.of("amountFen", 100)).as(token(w))
			.idempotencyKey(UUID.randomUUID().toString()).send().code()).isEqualTo("SHOP_CLOSED");
		assertThat(fetch("/api/v1/public/merchants/" + w.shop().merchantId(), null).path("status").asString())
			.isEqualTo("CLOSED");
		assertThat(balance(w).path("depositFen").asLong()).as("kept for the claims period").isEqualTo(100_000);

		advance("P89D");
		assertThat(balance(w).path("depositFen").asLong()).isEqualTo(100_000);
		advance("P1DT1M");
		JsonNode after = balance(w);
		assertThat(after.path("depositFen").asLong()).isZero();
		assertThat(after.path("availableFen").asLong()).isEqualTo(9_800 + 100_000);
		assertThat(fetch(path(w, "/notices"), token(w)).toString()).contains("DEPOSIT_RETURNED").contains("¥1000.00");
		JsonNode closure = fetch(path(w, "/closure"), token(w));
		assertThat(closure.path("depositReturned").asBoolean()).as("the ledger holds the return").isTrue();
		JsonNode returned = closure.path("depositReturnsAt");
		assertThat(returned.isNull() || returned.isMissingNode()).as("returned already: no date ahead").isTrue();

		// and withdraws it all: a closed shop's money is its own
		assertThat(api.put(path(w, "/bank-account"), Map.of("bankName", "中国银行", "accountNumber", "6216610200016587010"))
			.as(token(w)).send().status()).isEqualTo(200);
		advance("PT24H");
		var withdrawn = api.post(path(w, "/withdrawals"), Map.of("amountFen", 109_800)).as(token(w))
			.idempotencyKey(UUID.randomUUID().toString()).send();
		assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(201);
		assertThat(balance(w).path("availableFen").asLong()).isZero();
		ledgerVerifies();
	}

	@Test
	@DisplayName("what the shop owes the platform is paid from its deposit before the rest comes back")
	void debtIsPaidFromTheDepositFirst() {
		World w = earned();
		String merchantId = w.shop().merchantId();
		// the debt compensation first leaves when the deposit does not cover it (Orders.compensate's shortfall)
		ledger.open(AccountKind.MERCHANT_RECEIVABLE, merchantId);
		ledger.executeOrThrow(Transfer.of("test-debt:" + merchantId, AccountKind.MERCHANT_RECEIVABLE.idFor(merchantId),
				AccountKind.compensationFund(), Money.fen(2_500), TransferCode.RECEIVABLE));
		assertThat(balance(w).path("withdrawableFen").asLong()).as("the debt is not withdrawn").isEqualTo(9_800 - 2_500);
		call(path(w, "/closure"), Map.of(), token(w), 200);
		advance("P90DT1M");
		JsonNode after = balance(w);
		assertThat(after.path("depositFen").asLong()).isZero();
		assertThat(after.path("receivableFen").asLong()).isZero();
		assertThat(after.path("availableFen").asLong()).isEqualTo(9_800 + 100_000 - 2_500);
		JsonNode lines = fetch(path(w, "/statement"), token(w)).path("items");
		assertThat(lines.valueStream().map(l -> l.path("code").asString() + " " + l.path("account").asString() + " +"
				+ l.path("inFen").asLong() + " -" + l.path("outFen").asLong()).toList())
			.as("the statement shows the deposit leave, the debt repaid and the rest arrive")
			.contains("DEPOSIT_RETURN DEPOSIT +0 -97500", "DEPOSIT_RETURN AVAILABLE +97500 -0",
					"RECEIVABLE_RECOVERY DEPOSIT +0 -2500", "RECEIVABLE_RECOVERY DEBT +2500 -0", "RECEIVABLE DEBT +0 -2500");
		ledgerVerifies();
	}

	@Test
	@DisplayName("a complaint filed in the claims period keeps the deposit until it is over")
	void complaintKeepsTheDeposit() {
		World w = earned();
		String order = purchases.completed(w, 1);
		call(path(w, "/closure"), Map.of(), token(w), 200);
		JsonNode complaint = call("/api/v1/complaints", Map.of("merchantId", w.shop().merchantId(), "orderId", order,
				"category", "COUNTERFEIT", "text", "收到的肥皂是假货，和描述不符", "claims", List.of("REFUND")),
				w.buyer().token(), 201);
		advance("P90DT1M");
		assertThat(balance(w).path("depositFen").asLong()).as("kept while the complaint is handled").isEqualTo(100_000);
		assertThat(fetch(path(w, "/notices"), token(w)).toString()).contains("DEPOSIT_KEPT").contains("OPEN_COMPLAINTS");
		assertThat(fetch(path(w, "/closure"), token(w)).path("depositReturnsAt").asString()).as("looked at again")
			.isNotEmpty();
		call("/api/v1/complaints/" + complaint.path("id").asString() + "/withdrawal", Map.of(), w.buyer().token(), 200);
		advance("P7DT1M");
		assertThat(balance(w).path("depositFen").asLong()).isZero();
		assertThat(balance(w).path("availableFen").asLong()).isEqualTo(9_800 + 4_900 + 100_000);
		ledgerVerifies();
	}

	@Test
	@DisplayName("a suspended shop cannot close: its deposit stays for the claims against it")
	void suspendedShopCannotClose() {
		World w = earned();
		merchants.sanction(w.shop().merchantId(), MarkKind.ARBITRATION_SUSPENSION, "cmp_test", "counterfeit");
		assertThat(api.post(path(w, "/closure"), Map.of()).as(token(w)).send().code()).isEqualTo("MERCHANT_FUNDS_FROZEN");
	}

	@Test
	@DisplayName("the console: what keeps the shop open, the confirmation, then closed with the deposit's date")
	void page() {
		World w = earned();
		purchases.paid(w);
		PageSession shop = PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password());
		String console = shop.get("/merchant?lang=en").body();
		assertThat(console).contains("id=\"closure-blockers\"").contains("1 order(s) still under way")
			.doesNotContain("id=\"close-shop\"");

		World other = earned();
		PageSession otherShop = PageSession.signedIn(api, other.shop().account().username(),
				other.shop().account().password());
		assertThat(otherShop.get("/merchant").body()).contains("id=\"close-shop\"");
		otherShop.post("/merchant", "/merchant/closure", Map.of());
		assertThat(fetch("/api/v1/merchants/" + other.shop().merchantId(), other.shop().account().token())
			.path("status").asString()).as("not without the confirmation").isNotEqualTo("CLOSED");
		otherShop.post("/merchant", "/merchant/closure", Map.of("confirm", "yes"));
		String closed = otherShop.get("/merchant?lang=zh-CN").body();
		assertThat(closed).contains("id=\"shop-closed\"").contains("id=\"deposit-returns\"").contains("已关店");
		assertThat(closed).as("nothing a closed shop cannot do").doesNotContain("id=\"pay-deposit\"")
			.doesNotContain("/merchant/registration\"");
		assertThat(PageSession.anonymous(api).get("/shops/" + other.shop().merchantId() + "?lang=zh-CN").body())
			.contains("id=\"shop-closed-notice\"").contains("该店铺已关闭");
	}
}
