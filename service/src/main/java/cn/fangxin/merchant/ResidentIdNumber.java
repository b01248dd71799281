package cn.fangxin.merchant;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A mainland resident identity number (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence and
 * an ISO 7064 MOD 11-2 check character. Valid when the region is a known province, the birth date is a real date not
 * after today, and the check character matches (RULES.md "Identity numbers").
 *
 * @param value the 18 characters, with an upper-case X
 */
public record ResidentIdNumber(String value) {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	private static final String CHECK = "10X98765432";

	/** The number, when {@code text} is a valid resident ID on {@code today}. */
	public static Optional<ResidentIdNumber> parse(String text, LocalDate today) {
		if (text == null) {
			return Optional.empty();
		}
		String id = text.strip().toUpperCase();
		if (!id.matches("\\d{17}[\\dX]") || Regions.province(id.substring(0, 2)).isEmpty()) {
			return Optional.empty();
		}
		LocalDate born;
		try {
			born = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
					Integer.parseInt(id.substring(12, 14)));
		}
		catch (DateTimeException e) {
			return Optional.empty();
		}
		if (born.isAfter(today) || born.getYear() < 1900) {
			return Optional.empty();
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (id.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK.charAt(sum % 11) == id.charAt(17) ? Optional.of(new ResidentIdNumber(id)) : Optional.empty();
	}

	/** The two-digit province code. */
	public String provinceCode() {
		return value.substring(0, 2);
	}
}
