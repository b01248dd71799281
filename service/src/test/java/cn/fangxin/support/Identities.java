package cn.fangxin.support;

import java.util.concurrent.ThreadLocalRandom;

/** Valid, random identity numbers and phones for tests, computed with the check rules of RULES.md. */
public final class Identities {

	private static final int[] ID_WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	private static final int[] CODE_WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	private Identities() {
	}

	/** A valid resident ID from Shenzhen (440305), born between 1960 and 2000. */
	public static String residentId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		String body = "440305" + (1960 + r.nextInt(40)) + String.format("%02d%02d%03d", 1 + r.nextInt(12), 1 + r.nextInt(28),
				r.nextInt(1000));
		return body + idCheck(body);
	}

	public static char idCheck(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
		}
		return "10X98765432".charAt(sum % 11);
	}

	/** A valid unified social credit code registered in Hangzhou (330100). */
	public static String creditCode() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		StringBuilder body = new StringBuilder("91330100");
		for (int i = 0; i < 9; i++) {
			body.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
		}
		return body.toString() + codeCheck(body.toString());
	}

	public static char codeCheck(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += ALPHABET.indexOf(first17.charAt(i)) * CODE_WEIGHTS[i];
		}
		int check = 31 - sum % 31;
		return ALPHABET.charAt(check == 31 ? 0 : check);
	}

	/** A random mainland mobile number. */
	public static String phone() {
		return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}
}
