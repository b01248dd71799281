package cn.fangxin.platform;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland China mobile number (RULES.md "Identity numbers"): 11 digits {@code 1[3-9]\d{9}}, optionally written
 * with the {@code +86} prefix, which is dropped.
 *
 * @param digits the 11 digits
 */
public record MobileNumber(String digits) {

	private static final Pattern MAINLAND = Pattern.compile("1[3-9]\\d{9}");

	public MobileNumber {
		if (digits == null || !MAINLAND.matcher(digits).matches()) {
			throw new IllegalArgumentException("not a mainland mobile number");
		}
	}

	/** The number, or empty when the text is not a mainland mobile number. */
	public static Optional<MobileNumber> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String compact = text.strip().replace(" ", "").replace("-", "");
		if (compact.startsWith("+86")) {
			compact = compact.substring(3);
		}
		return MAINLAND.matcher(compact).matches() ? Optional.of(new MobileNumber(compact)) : Optional.empty();
	}

	public String masked() {
		return Masking.phone(digits);
	}

	@Override
	public String toString() {
		return masked();
	}
}
