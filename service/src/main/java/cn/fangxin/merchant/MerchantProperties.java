package cn.fangxin.merchant;

import java.time.Period;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Registry policy ({@code fangxin.merchants.*}): platform policy, not law, so configuration.
 *
 * @param depositMinimumFen the guarantee deposit a shop needs per category, in fen (defaults: general, apparel,
 *        electronics, digital 100,000; food, cosmetics, mother_baby 500,000; luxury 1,000,000)
 * @param crossBorderDepositFen the minimum for any cross-border shop (default 1,000,000)
 * @param verificationInterval how often identity is verified again (E-Commerce Law art. 27 and the 2021 Online
 *        Transaction Measures: at least every six months)
 * @param overdueGrace how long after the due date a shop may still sell before it is suspended (30 days)
 * @param bankAccountHold how long after its bank account is set or changed a shop may not withdraw (24 hours): time
 *        for the real owner to notice a change made by someone who took over the login
 * @param depositHoldAfterClosure how long a closed shop's deposit stays for consumers' claims before it is returned to
 *        its balance (90 days: past the 7-day returns, the 15-day after-sales answers and the usual complaint windows)
 * @param closureNotice how long a shop that stops announces it on its page before it closes (E-Commerce Law art. 16:
 *        30 days)
 */
@ConfigurationProperties("fangxin.merchants")
public record MerchantProperties(Map<String, Long> depositMinimumFen, Long crossBorderDepositFen,
		Period verificationInterval, Period overdueGrace, java.time.Duration bankAccountHold,
		Period depositHoldAfterClosure, Period closureNotice) {

	public MerchantProperties {
		if (depositMinimumFen == null || depositMinimumFen.isEmpty()) {
			depositMinimumFen = Map.of("general", 100_000L, "apparel", 100_000L, "electronics", 100_000L, "digital",
					100_000L, "food", 500_000L, "cosmetics", 500_000L, "mother_baby", 500_000L, "luxury", 1_000_000L);
		}
		crossBorderDepositFen = crossBorderDepositFen == null ? 1_000_000L : crossBorderDepositFen;
		verificationInterval = verificationInterval == null ? Period.ofMonths(6) : verificationInterval;
		overdueGrace = overdueGrace == null ? Period.ofDays(30) : overdueGrace;
		bankAccountHold = bankAccountHold == null ? java.time.Duration.ofHours(24) : bankAccountHold;
		depositHoldAfterClosure = depositHoldAfterClosure == null ? Period.ofDays(90) : depositHoldAfterClosure;
		closureNotice = closureNotice == null ? Period.ofDays(30) : closureNotice;
	}

	/** The deposit needed to sell in a category, cross-border shops needing at least the cross-border minimum. */
	public long minimumFor(Category category, boolean crossBorder) {
		long minimum = depositMinimumFen.getOrDefault(category.code(), 100_000L);
		return crossBorder ? Math.max(minimum, crossBorderDepositFen) : minimum;
	}
}
