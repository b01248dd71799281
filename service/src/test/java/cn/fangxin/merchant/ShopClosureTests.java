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
import cn.fangxin.support.Shops;
import cn.fangxin.support.Purchases.World;
import tools.jackson.databind.JsonNode;

/**
 * A merchant closes its shop (退店): it announces the closure, which its page shows for 30 days (E-Commerce Law art.
 * 16) while it sells no more and finishes what is open with buyers; then it closes, and after the claims period gets its
 * deposit back in its balance, less what it owes the platform, and withdraws it.
 */
@Tag("persistence")
class ShopClosureTests extends ApiTest {

	@Autowired
	Deadlines deadlines;

	@Autowired
	Ledger ledger;

	@Autowired
	Merchants merchants;

	@Autowired
	java.time.Clock clock;

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

	String status(World w) {
		return fetch(path(w, ""), token(w)).path("status").asString();
	}

	/** A shop with 98.00 earned and its 1,000.00 deposit, and nothing open. */
	World earned() {
		World w = purchases.world();
		purchases.completed(w, 2);
		return w;
	}

	/** The notice is over and the shop closes (nothing open). */
	void closeAfterTheNotice(World w) {
		call(path(w, "/closure"), Map.of(), token(w), 200);
		advance("P30DT1M");
		assertThat(status(w)).isEqualTo("CLOSED");
	}

	@Test
	@DisplayName("announce: no sales from that day, the date on the shop's page, the open order finished, closed after 30 days, the deposit back after 90 more and withdrawn")
	void announceCloseAndGetTheDepositBack() {
		World w = earned();
		String open = purchases.paid(w);
		assertThat(api.post(path(w, "/closure"), Map.of()).as(w.buyer().token()).send().status()).isEqualTo(404);

		JsonNode announced = call(path(w, "/closure"), Map.of(), token(w), 200);
		assertThat(announced.path("closing").asBoolean()).isTrue();
		assertThat(announced.path("closed").asBoolean()).isFalse();
		assertThat(announced.path("open").findValuesAsString("code")).as("finished during the notice")
			.containsExactly("OPEN_ORDERS");
		String closesAt = announced.path("closesAt").asString();
		assertThat(java.time.Duration.between(java.time.Instant.now(clock), java.time.Instant.parse(closesAt)))
			.isEqualTo(java.time.Duration.ofDays(30));
		assertThat(status(w)).isEqualTo("CLOSING");
		assertThat(api.post(path(w, "/closure"), Map.of()).as(token(w)).send().code()).isEqualTo("SHOP_CLOSING");
		JsonNode shop = fetch("/api/v1/public/merchants/" + w.shop().merchantId(), null);
		assertThat(shop.path("status").asString()).isEqualTo("CLOSING");
		assertThat(shop.path("closesAt").asString()).as("announced on its page").isEqualTo(closesAt);

		// it sells no more from the announcement and takes no deposit, but it ships what was bought
		var order = api.post("/api/v1/orders", Purchases.order(w.listingId(), 1, "ESCROW")).as(w.buyer().token())
			.idempotencyKey(UUID.randomUUID().toString())
			.send();
		assertThat(order.code()).isEqualTo("MERCHANT_NOT_ACTIVE");
		assertThat(api.post(path(w, "/deposit"), Map.of("amountFen", 100)).as(token(w))
			.idempotencyKey(UUID.randomUUID().toString()).send().code()).isEqualTo("SHOP_CLOSING");
		call("/api/v1/orders/" + open + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF1234567890"),
				token(w), 200);
		call("/api/v1/orders/" + open + "/delivery", Map.of(), api.demoToken("agent"), 200);
		call("/api/v1/orders/" + open + "/receipt-confirmation", Map.of(), w.buyer().token(), 200);

		advance("P29D");
		assertThat(status(w)).as("the notice runs its 30 days").isEqualTo("CLOSING");
		advance("P1DT1M");
		assertThat(status(w)).isEqualTo("CLOSED");
		JsonNode closed = fetch(path(w, "/closure"), token(w));
		assertThat(closed.path("closed").asBoolean()).isTrue();
		assertThat(closed.path("depositReturnsAt").asString()).isNotEmpty();
		assertThat(api.post(path(w, "/closure"), Map.of()).as(token(w)).send().code()).isEqualTo("SHOP_CLOSED");
		assertThat(deadlines.pendingFor(w.shop().merchantId()).stream().map(Deadline::kind))
			.as("no re-verification for a closed shop; its deposit's return instead")
			.containsExactly(MerchantClosure.DEPOSIT_RELEASE);
		assertThat(fetch("/api/v1/public/merchants/" + w.shop().merchantId(), null).path("status").asString())
			.isEqualTo("CLOSED");
		assertThat(balance(w).path("depositFen").asLong()).as("kept for the claims period").isEqualTo(100_000);

		advance("P89D");
		assertThat(balance(w).path("depositFen").asLong()).isEqualTo(100_000);
		advance("P1DT1M");
		JsonNode after = balance(w);
		assertThat(after.path("depositFen").asLong()).isZero();
		assertThat(after.path("availableFen").asLong()).isEqualTo(9_800 + 4_900 + 100_000);
		assertThat(fetch(path(w, "/notices"), token(w)).toString()).contains("CLOSING").contains("DEPOSIT_RETURNED")
			.contains("¥1000.00");
		JsonNode closure = fetch(path(w, "/closure"), token(w));
		assertThat(closure.path("depositReturned").asBoolean()).as("the ledger holds the return").isTrue();
		JsonNode returned = closure.path("depositReturnsAt");
		assertThat(returned.isNull() || returned.isMissingNode()).as("returned already: no date ahead").isTrue();

		// and withdraws it all: a closed shop's money is its own
		assertThat(api.put(path(w, "/bank-account"), Map.of("bankName", "中国银行", "accountNumber", "6216610200016587010"))
			.as(token(w)).send().status()).isEqualTo(200);
		advance("PT24H");
		var withdrawn = api.post(path(w, "/withdrawals"), Map.of("amountFen", 114_700)).as(token(w))
			.idempotencyKey(UUID.randomUUID().toString()).send();
		assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(201);
		assertThat(balance(w).path("availableFen").asLong()).isZero();
		ledgerVerifies();
	}

	@Test
	@DisplayName("the announcement withdrawn: the shop sells again, re-verification is scheduled again, and a new announcement counts its own 30 days")
	void withdrawTheAnnouncement() {
		World w = earned();
		call(path(w, "/closure"), Map.of(), token(w), 200);
		advance("P10D");
		assertThat(api.post(path(w, "/closure/withdrawal"), Map.of()).as(w.buyer().token()).send().status())
			.isEqualTo(404);
		JsonNode withdrawn = call(path(w, "/closure/withdrawal"), Map.of(), token(w), 200);
		assertThat(withdrawn.path("closing").asBoolean()).isFalse();
		assertThat(status(w)).isEqualTo("ACTIVE");
		assertThat(api.post(path(w, "/closure/withdrawal"), Map.of()).as(token(w)).send().code())
			.isEqualTo("SHOP_NOT_CLOSING");
		assertThat(deadlines.pendingFor(w.shop().merchantId()).stream().map(Deadline::kind))
			.contains("MERCHANT_VERIFICATION_DUE", "MERCHANT_VERIFICATION_OVERDUE")
			.doesNotContain(MerchantClosure.CLOSE);
		var fetched = fetch("/api/v1/public/merchants/" + w.shop().merchantId(), null).path("closesAt");
		assertThat(fetched.isNull() || fetched.isMissingNode()).as("no notice on the page").isTrue();
		purchases.paid(w);

		call(path(w, "/closure"), Map.of(), token(w), 200);
		advance("P25D");
		assertThat(status(w)).as("30 days from the second announcement, not the first").isEqualTo("CLOSING");
		assertThat(fetch(path(w, "/notices"), token(w)).toString()).contains("CLOSURE_WITHDRAWN");
	}

	@Test
	@DisplayName("an announcement withdrawn in its last minute and made again: the first one's deadline, left to fire, does not close the shop")
	void staleCloseDeadline() {
		World w = earned();
		call(path(w, "/closure"), Map.of(), token(w), 200);
		advance("P29DT23H59M30S");
		call(path(w, "/closure/withdrawal"), Map.of(), token(w), 200);
		assertThat(deadlines.pendingFor(w.shop().merchantId()).stream().map(Deadline::kind))
			.as("due within the minute: left to fire").contains(MerchantClosure.CLOSE);
		call(path(w, "/closure"), Map.of(), token(w), 200);
		advance("PT1M");
		assertThat(status(w)).as("the shop's own date decides").isEqualTo("CLOSING");
		advance("P30D");
		assertThat(status(w)).isEqualTo("CLOSED");
	}

	@Test
	@DisplayName("a change of the registration under review: no announcement until it is decided")
	void noAnnouncementDuringReview() {
		World w = earned();
		var changed = api.patch(path(w, ""), Map.of("idNumber", cn.fangxin.support.Identities.residentId())).as(token(w))
			.send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(status(w)).isEqualTo("PENDING_REVIEW");
		assertThat(api.post(path(w, "/closure"), Map.of()).as(token(w)).send().code()).isEqualTo("REVIEW_PENDING");
	}

	@Test
	@DisplayName("a shop that never sold closes at once")
	void neverSoldClosesAtOnce() {
		Shops.Shop applied = new Shops(api).applied(List.of("general"));
		JsonNode closed = call("/api/v1/merchants/" + applied.merchantId() + "/closure", Map.of(),
				applied.account().token(), 200);
		assertThat(closed.path("closed").asBoolean()).isTrue();
		JsonNode returns = fetch("/api/v1/merchants/" + applied.merchantId() + "/closure", applied.account().token())
			.path("depositReturnsAt");
		assertThat(returns.isNull() || returns.isMissingNode()).as("no deposit to wait for").isTrue();
		assertThat(fetch("/api/v1/merchants/" + applied.merchantId(), applied.account().token()).path("status")
			.asString()).isEqualTo("CLOSED");
		assertThat(fetch("/api/v1/merchants/" + applied.merchantId() + "/history", api.demoToken("agent")).toString())
			.as("nothing left for staff to review").contains("SUPERSEDED");
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
		closeAfterTheNotice(w);
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
	@DisplayName("an open complaint puts the closure off a week at a time, and one filed in the claims period keeps the deposit until it is over")
	void complaintsKeepTheShopAndTheDeposit() {
		World w = earned();
		String order = purchases.completed(w, 1);
		call(path(w, "/closure"), Map.of(), token(w), 200);
		JsonNode first = call("/api/v1/complaints", Map.of("merchantId", w.shop().merchantId(), "orderId", order,
				"category", "COUNTERFEIT", "text", "收到的肥皂是假货，和描述不符", "claims", List.of("REFUND")),
				w.buyer().token(), 201);
		advance("P30DT1M");
		assertThat(status(w)).as("still answering a complaint").isEqualTo("CLOSING");
		assertThat(fetch(path(w, "/notices"), token(w)).toString()).contains("CLOSING_DELAYED_OPEN_COMPLAINTS");
		JsonNode closure = fetch(path(w, "/closure"), token(w));
		assertThat(java.time.Instant.parse(closure.path("closesAt").asString())).as("looked at again in a week")
			.isAfter(java.time.Instant.now(clock).plus(java.time.Duration.ofDays(6)));
		assertThat(closure.path("open").findValuesAsString("code")).containsExactly("OPEN_COMPLAINTS");
		call("/api/v1/complaints/" + first.path("id").asString() + "/withdrawal", Map.of(), w.buyer().token(), 200);
		advance("P7DT1M");
		assertThat(status(w)).isEqualTo("CLOSED");

		JsonNode second = call("/api/v1/complaints", Map.of("merchantId", w.shop().merchantId(), "orderId", order,
				"category", "COUNTERFEIT", "text", "收到的肥皂是假货，和描述不符", "claims", List.of("REFUND")),
				w.buyer().token(), 201);
		advance("P90DT1M");
		assertThat(balance(w).path("depositFen").asLong()).as("kept while the complaint is handled").isEqualTo(100_000);
		assertThat(fetch(path(w, "/notices"), token(w)).toString()).contains("DEPOSIT_KEPT").contains("OPEN_COMPLAINTS");
		assertThat(fetch(path(w, "/closure"), token(w)).path("depositReturnsAt").asString()).as("looked at again")
			.isNotEmpty();
		call("/api/v1/complaints/" + second.path("id").asString() + "/withdrawal", Map.of(), w.buyer().token(), 200);
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

		World closing = earned();
		call(path(closing, "/closure"), Map.of(), token(closing), 200);
		merchants.sanction(closing.shop().merchantId(), MarkKind.ARBITRATION_SUSPENSION, "cmp_test2", "counterfeit");
		assertThat(status(closing)).as("a sanction in the notice period suspends the shop").isEqualTo("SUSPENDED");
		advance("P30DT1M");
		assertThat(status(closing)).as("and it does not close: its deposit stays for the claims").isEqualTo("SUSPENDED");
		assertThat(balance(closing).path("depositFen").asLong()).isEqualTo(100_000);
	}

	@Test
	@DisplayName("a shop due for re-verification is suspended by an arbitration sanction too")
	void sanctionSuspendsAShopDueForReverification() {
		World w = earned();
		advance("P185D");
		assertThat(status(w)).isEqualTo("VERIFICATION_DUE");
		merchants.sanction(w.shop().merchantId(), MarkKind.ARBITRATION_SUSPENSION, "cmp_test3", "counterfeit");
		assertThat(status(w)).isEqualTo("SUSPENDED");
	}

	@Test
	@DisplayName("the console: what is still open, the confirmation, the announcement with its date on the shop's pages, and withdrawn")
	void page() {
		World w = earned();
		purchases.paid(w);
		PageSession shop = PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password());
		String console = shop.get("/merchant?lang=en").body();
		assertThat(console).contains("id=\"closure-open\"").contains("1 order(s) still under way")
			.contains("id=\"close-shop\"");
		shop.post("/merchant", "/merchant/closure", Map.of());
		assertThat(status(w)).as("not without the confirmation").isEqualTo("ACTIVE");
		shop.post("/merchant", "/merchant/closure", Map.of("confirm", "yes"));
		String closing = shop.get("/merchant?lang=zh-CN").body();
		assertThat(closing).contains("id=\"shop-closing\"").contains("关店公示中").contains("id=\"withdraw-closure\"")
			.contains("还有 1 笔订单在进行中");
		assertThat(closing).as("nothing a closing shop cannot do").doesNotContain("id=\"pay-deposit\"")
			.doesNotContain("/merchant/registration\"").doesNotContain("id=\"close-shop\"");
		String date = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).plusDays(30).toString();
		String page = PageSession.anonymous(api).get("/shops/" + w.shop().merchantId() + "?lang=zh-CN").body();
		assertThat(page).contains("id=\"shop-closing-notice\"").contains("公告：本店将停止经营，于 " + date + " 关闭")
			.as("its goods are not offered").doesNotContain("/listings/" + w.listingId());
		assertThat(PageSession.anonymous(api).get("/listings/" + w.listingId() + "?lang=zh-CN").body())
			.contains("id=\"shop-closing-notice\"").doesNotContain("id=\"buy\"");
		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		assertThat(buyer.get("/orders/checkout?listingId=" + w.listingId()).body()).as("said before the form is filled in")
			.contains("id=\"shop-closing-notice\"").doesNotContain("id=\"place-order\"");
		assertThat(shop.get("/merchant/listings?lang=en").body()).contains("id=\"shop-cannot-sell\"")
			.contains("Closing").doesNotContain("id=\"new-listing\"");

		shop.post("/merchant", "/merchant/closure/withdrawal", Map.of());
		assertThat(status(w)).isEqualTo("ACTIVE");
		assertThat(PageSession.anonymous(api).get("/shops/" + w.shop().merchantId()).body())
			.doesNotContain("id=\"shop-closing-notice\"").contains("/listings/" + w.listingId());

		World other = earned();
		closeAfterTheNotice(other);
		PageSession otherShop = PageSession.signedIn(api, other.shop().account().username(),
				other.shop().account().password());
		String closed = otherShop.get("/merchant?lang=zh-CN").body();
		assertThat(closed).contains("id=\"shop-closed\"").contains("id=\"deposit-returns\"").contains("已关店");
		assertThat(PageSession.anonymous(api).get("/shops/" + other.shop().merchantId() + "?lang=zh-CN").body())
			.contains("id=\"shop-closed-notice\"").contains("该店铺已关闭");
	}
}
