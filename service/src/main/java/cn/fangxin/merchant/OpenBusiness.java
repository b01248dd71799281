package cn.fangxin.merchant;

import java.util.Optional;

/**
 * What a shop still has open with buyers, reported by the modules that know it (orders, after-sales, complaints)
 * without the registry depending on them: a shop closes only when none reports anything.
 */
public interface OpenBusiness {

	/** What stays open for the merchant, or empty. */
	Optional<Open> openFor(String merchantId);

	/**
	 * Open business that keeps a shop from closing.
	 *
	 * @param code the problem code to refuse the closure with ({@code OPEN_ORDERS}, {@code OPEN_AFTER_SALES},
	 *        {@code OPEN_COMPLAINTS})
	 * @param count how many
	 */
	record Open(String code, long count) {
	}

	/** An {@link Open} when {@code count} is positive. */
	static Optional<Open> of(String code, long count) {
		return count > 0 ? Optional.of(new Open(code, count)) : Optional.empty();
	}
}
