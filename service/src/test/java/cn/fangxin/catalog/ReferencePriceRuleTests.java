package cn.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.platform.ApiProblem;

class ReferencePriceRuleTests {

	private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");

	private static PricePoint at(Duration ago, long price) {
		return new PricePoint(NOW.minus(ago), price, null);
	}

	@Test
	@DisplayName("a reference price may be the lowest price of the previous 7 days, not more")
	void lowestOfSevenDays() {
		List<PricePoint> history = List.of(at(Duration.ofDays(30), 10_000), at(Duration.ofDays(3), 9_000));
		assertThatCode(() -> ReferencePriceRule.check(9_000L, 7_900, history, NOW)).doesNotThrowAnyException();
		assertThatThrownBy(() -> ReferencePriceRule.check(10_000L, 7_900, history, NOW))
			.isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("REFERENCE_PRICE_UNSUPPORTED"));
	}

	@Test
	@DisplayName("a price raised just before a discount does not support a higher reference (Order 56 art. 17)")
	void raisedJustBefore() {
		List<PricePoint> history = List.of(at(Duration.ofDays(20), 5_000), at(Duration.ofDays(1), 12_000));
		assertThat(ReferencePriceRule.lowestBefore(history, NOW)).hasValue(5_000);
		assertThatThrownBy(() -> ReferencePriceRule.check(12_000L, 6_000, history, NOW)).isInstanceOf(ApiProblem.class);
	}

	@Test
	@DisplayName("prices older than 7 days no longer count once a later price has been in force for 7 days")
	void window() {
		List<PricePoint> history = List.of(at(Duration.ofDays(40), 3_000), at(Duration.ofDays(10), 8_000));
		assertThat(ReferencePriceRule.lowestBefore(history, NOW)).hasValue(8_000);
		assertThatCode(() -> ReferencePriceRule.check(8_000L, 6_000, history, NOW)).doesNotThrowAnyException();
	}

	@Test
	@DisplayName("a new listing cannot show a reference price, and a reference must exceed the price")
	void noHistoryAndNoComparison() {
		assertThatThrownBy(() -> ReferencePriceRule.check(10_000L, 5_000, List.of(), NOW))
			.isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("REFERENCE_PRICE_UNSUPPORTED"));
		assertThatThrownBy(() -> ReferencePriceRule.check(5_000L, 5_000, List.of(at(Duration.ofDays(9), 5_000)), NOW))
			.isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("REFERENCE_PRICE_INVALID"));
		assertThatCode(() -> ReferencePriceRule.check(null, 5_000, List.of(), NOW)).doesNotThrowAnyException();
	}
}
