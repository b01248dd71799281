package cn.fangxin.platform;

/** How personal data is shown to those who may not see it in full. */
public final class Masking {

	private Masking() {
	}

	/** {@code 13812345678} → {@code 138****5678}; {@code +8613812345678} keeps its prefix. */
	public static String phone(String phone) {
		if (phone == null) {
			return null;
		}
		String prefix = phone.startsWith("+86") ? "+86" : "";
		String digits = phone.substring(prefix.length());
		if (digits.length() < 7) {
			return prefix + "*".repeat(digits.length());
		}
		return prefix + digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
	}

	/** An identity number with its first 3 and last 4 characters shown: {@code 110***********123X}. */
	public static String identityNumber(String number) {
		if (number == null) {
			return null;
		}
		if (number.length() <= 7) {
			return "*".repeat(number.length());
		}
		return number.substring(0, 3) + "*".repeat(number.length() - 7) + number.substring(number.length() - 4);
	}
}
