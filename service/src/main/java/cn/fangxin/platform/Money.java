package cn.fangxin.platform;

/**
 * An amount of Chinese yuan in fen (1 CNY = 100 fen), the only unit money has in Fangxin: never a float.
 *
 * @param fen the amount in fen
 */
public record Money(long fen) implements Comparable<Money> {

	public static final Money ZERO = new Money(0);

	public static Money fen(long fen) {
		return new Money(fen);
	}

	/**
	 * Yuan as a person types them ("1000", "39.90") to fen, exactly (no floating point); anything else is 400
	 * {@code AMOUNT_INVALID} on {@code field}.
	 */
	public static Money parseYuan(String text, String field) {
		try {
			return fen(new java.math.BigDecimal(text.strip()).movePointRight(2).longValueExact());
		}
		catch (NumberFormatException | ArithmeticException | NullPointerException e) {
			throw ApiProblem.invalidField(field, "AMOUNT_INVALID", "an amount in yuan with at most two decimals, e.g. 39 or 39.90");
		}
	}

	public static Money yuan(long yuan) {
		return new Money(Math.multiplyExact(yuan, 100));
	}

	public Money plus(Money other) {
		return new Money(Math.addExact(fen, other.fen));
	}

	public Money minus(Money other) {
		return new Money(Math.subtractExact(fen, other.fen));
	}

	public Money times(long factor) {
		return new Money(Math.multiplyExact(fen, factor));
	}

	public boolean isPositive() {
		return fen > 0;
	}

	public boolean isNegative() {
		return fen < 0;
	}

	public Money max(Money other) {
		return fen >= other.fen ? this : other;
	}

	public Money min(Money other) {
		return fen <= other.fen ? this : other;
	}

	@Override
	public int compareTo(Money other) {
		return Long.compare(fen, other.fen);
	}

	/** {@code ¥12.34}, for people; the API always speaks fen. */
	@Override
	public String toString() {
		long abs = Math.abs(fen);
		return (fen < 0 ? "-" : "") + "¥" + (abs / 100) + "." + String.format("%02d", abs % 100);
	}
}
