package cn.fangxin.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import cn.fangxin.platform.ApiProblem;

/**
 * SAMR Provisions on Clearly Marked Prices and Prohibition of Price Fraud (Order 56, 2022) art. 16: a comparison
 * ("original") price whose nature the seller does not state may not exceed the lowest transaction price of the 7 days
 * before; with no transaction in those days, the last one. Fangxin shows struck-through prices without a stated
 * nature, so it applies the rule to the listing's own prices: the reference price must be higher than the price (or it
 * is no comparison at all, 400 {@code REFERENCE_PRICE_INVALID}) and at most the lowest price the listing had at any
 * time in the 7 days before the change (422 {@code REFERENCE_PRICE_UNSUPPORTED}). A new listing has no earlier price,
 * so it cannot show one.
 */
public final class ReferencePriceRule {

	static final Duration WINDOW = Duration.ofDays(7);

	private ReferencePriceRule() {
	}

	/** Checks a reference price against the prices in force before {@code now} (oldest first). */
	public static void check(Long referencePriceFen, long priceFen, List<PricePoint> earlier, Instant now) {
		if (referencePriceFen == null) {
			return;
		}
		if (referencePriceFen <= priceFen) {
			throw ApiProblem.invalidField("referencePriceFen", "REFERENCE_PRICE_INVALID",
					"a reference price is the higher price struck through; it must exceed the price");
		}
		OptionalLong lowest = lowestBefore(earlier, now);
		if (lowest.isEmpty()) {
			throw ApiProblem.rule("REFERENCE_PRICE_UNSUPPORTED",
					"A new listing has no earlier price to compare with; a reference price needs price history.");
		}
		if (referencePriceFen > lowest.getAsLong()) {
			throw ApiProblem.rule("REFERENCE_PRICE_UNSUPPORTED", "The reference price " + referencePriceFen
					+ " fen exceeds the lowest price of the last 7 days, " + lowest.getAsLong()
					+ " fen (SAMR Order 56 art. 16).").with("lowestPriceFen", lowest.getAsLong());
		}
	}

	/** The lowest price in force at any moment of the 7 days before {@code now}. */
	public static OptionalLong lowestBefore(List<PricePoint> earlier, Instant now) {
		Instant from = now.minus(WINDOW);
		long lowest = Long.MAX_VALUE;
		boolean any = false;
		for (int i = 0; i < earlier.size(); i++) {
			PricePoint point = earlier.get(i);
			Instant until = i + 1 < earlier.size() ? earlier.get(i + 1).at() : now;
			if (until.isAfter(from) && !point.at().isAfter(now)) {
				lowest = Math.min(lowest, point.priceFen());
				any = true;
			}
		}
		return any ? OptionalLong.of(lowest) : OptionalLong.empty();
	}
}
