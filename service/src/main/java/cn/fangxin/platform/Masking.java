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

	/** A bank account number with only its last 4 digits shown: {@code **** 1234}. */
	public static String bankAccount(String number) {
		if (number == null) {
			return null;
		}
		return number.length() <= 4 ? "*".repeat(number.length()) : "**** " + number.substring(number.length() - 4);
	}

	/** A street address with only its beginning (province and city, as written) shown: {@code 广东省深圳市****}. */
	public static String address(String address) {
		if (address == null) {
			return null;
		}
		String trimmed = address.strip();
		int keep = Math.min(6, Math.max(0, trimmed.length() - 4));
		return trimmed.substring(0, keep) + "****";
	}

	/** A person's name with only the surname shown: {@code 林**}. */
	public static String personName(String name) {
		if (name == null || name.isBlank()) {
			return name;
		}
		String trimmed = name.strip();
		return trimmed.substring(0, 1) + "*".repeat(Math.max(1, trimmed.length() - 1));
	}
}
