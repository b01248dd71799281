package cn.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.platform.Money;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;
import cn.fangxin.support.Purchases.World;
import tools.jackson.databind.JsonNode;

/**
 * A shop's statement month by month (对账): each account's opening and closing balance and what moved in between, a
 * month's closing balance the next one's opening, and only that month's movements listed.
 */
@Tag("persistence")
class StatementTests extends ApiTest {

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Autowired
	Clock clock;

	@Autowired
	Ledger ledger;

	JsonNode month(World w, YearMonth month) {
		return fetch("/api/v1/merchants/" + w.shop().merchantId() + "/statement?month=" + month,
				w.shop().account().token());
	}

	static String totals(JsonNode statement, String account) {
		JsonNode t = statement.path("totals").valueStream().filter(n -> n.path("account").asString().equals(account))
			.findFirst()
			.orElseThrow();
		return t.path("openingFen").asLong() + " +" + t.path("inFen").asLong() + " -" + t.path("outFen").asLong() + " = "
				+ t.path("closingFen").asLong();
	}

	@Test
	@DisplayName("two months: the first's closing balance opens the second, each lists its own movements, the CSV and the page follow the month")
	void monthByMonth() {
		// start at one in the morning of a month's first day, China's time, so that nothing here straddles a month
		Instant now = Instant.now(clock);
		Instant firstOfNext = YearMonth.now(clock.withZone(CHINA)).plusMonths(1).atDay(1).atStartOfDay(CHINA).toInstant();
		advance(Duration.between(now, firstOfNext).plusHours(1).toString());
		YearMonth first = YearMonth.now(clock.withZone(CHINA));

		Purchases purchases = new Purchases(api);
		World w = purchases.world();
		purchases.completed(w, 2);
		JsonNode one = month(w, first);
		assertThat(one.path("month").asString()).isEqualTo(first.toString());
		assertThat(totals(one, "AVAILABLE")).isEqualTo("0 +9800 -0 = 9800");
		assertThat(totals(one, "DEPOSIT")).isEqualTo("0 +100000 -0 = 100000");
		assertThat(totals(one, "DEBT")).isEqualTo("0 +0 -0 = 0");

		advance("P32D");
		YearMonth second = YearMonth.now(clock.withZone(CHINA));
		assertThat(second).isEqualTo(first.plusMonths(1));
		String shop = w.shop().account().token();
		String base = "/api/v1/merchants/" + w.shop().merchantId();
		assertThat(api.put(base + "/bank-account", Map.of("bankName", "中国银行", "accountNumber", "6216610200016587010"))
			.as(shop).send().status()).isEqualTo(200);
		advance("PT24H1M");
		assertThat(api.post(base + "/withdrawals", Map.of("amountFen", 6_000)).as(shop)
			.idempotencyKey(UUID.randomUUID().toString()).send().status()).isEqualTo(201);

		// what compensation first leaves the shop owing (as Orders.compensate books a shortfall)
		String merchantId = w.shop().merchantId();
		ledger.open(AccountKind.MERCHANT_RECEIVABLE, merchantId);
		ledger.executeOrThrow(Transfer.of("test-debt:" + merchantId, AccountKind.MERCHANT_RECEIVABLE.idFor(merchantId),
				AccountKind.compensationFund(), Money.fen(2_500), TransferCode.RECEIVABLE));

		JsonNode two = month(w, second);
		assertThat(totals(two, "AVAILABLE")).as("opens with the first month's closing").isEqualTo("9800 +0 -6000 = 3800");
		assertThat(totals(two, "DEBT")).as("a debt is a negative balance: the row adds up").isEqualTo("0 +0 -2500 = -2500");
		assertThat(two.path("items").valueStream().map(l -> l.path("code").asString()).toList())
			.containsExactlyInAnyOrder("PAYOUT", "RECEIVABLE");
		assertThat(totals(month(w, first), "AVAILABLE")).as("a past month does not change")
			.isEqualTo("0 +9800 -0 = 9800");
		assertThat(totals(month(w, second.plusMonths(1)), "AVAILABLE")).as("nothing yet in the next")
			.isEqualTo("3800 +0 -0 = 3800");
		assertThat(totals(month(w, second.plusMonths(1)), "DEBT")).isEqualTo("-2500 +0 -0 = -2500");
		assertThat(api.get(base + "/statement?month=2026-13").as(shop).send().code()).isEqualTo("MONTH_INVALID");
		assertThat(api.get(base + "/statement?month=" + first).as(w.buyer().token()).send().status()).isEqualTo(404);

		PageSession page = PageSession.signedIn(api, w.shop().account().username(), w.shop().account().password());
		String firstPage = page.get("/merchant/statement?lang=zh-CN&month=" + first).body();
		assertThat(firstPage).contains("id=\"statement-totals\"").contains("期初余额").contains("订单完成，货款到账")
			.doesNotContain("<td>提现</td>").contains("month=" + second);
		assertThat(page.get("/merchant/statement?lang=en&month=" + second).body()).contains("id=\"totals-DEBT\"")
			.contains("−¥25.00");
		String current = page.get("/merchant/statement?month=2999-01").body();
		assertThat(current).as("a month ahead shows this one").contains("id=\"statement-month\">" + second + "<")
			.doesNotContain("id=\"next-month\"");
		var csv = page.download("/merchant/statement.csv?lang=zh-CN&month=" + second);
		assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains(second.toString());
		String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(text).contains(",余额,提现,,60.00,").doesNotContain("订单完成");
	}
}
