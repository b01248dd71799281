package cn.fangxin.merchant;

import java.util.Optional;

/**
 * A unified social credit code (GB 32100-2015): 18 characters from the 31-character alphabet without I, O, Z, S, V;
 * positions 3-8 are the registering authority's region code; the last character is a weighted MOD 31 check
 * (RULES.md "Identity numbers").
 *
 * @param value the 18 characters, upper case
 */
public record CreditCode(String value) {

	static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	public static Optional<CreditCode> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String code = text.strip().toUpperCase();
		if (code.length() != 18) {
			return Optional.empty();
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			int value = ALPHABET.indexOf(code.charAt(i));
			if (value < 0) {
				return Optional.empty();
			}
			sum += value * WEIGHTS[i];
		}
		int check = 31 - sum % 31;
		if (check == 31) {
			check = 0;
		}
		if (ALPHABET.charAt(check) != code.charAt(17) || !code.substring(2, 8).matches("\\d{6}")) {
			return Optional.empty();
		}
		return Optional.of(new CreditCode(code));
	}

	/** The two-digit province code of the registering authority. */
	public String provinceCode() {
		return value.substring(2, 4);
	}
}
