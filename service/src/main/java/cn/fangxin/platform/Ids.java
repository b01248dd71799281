package cn.fangxin.platform;

import java.security.SecureRandom;

/**
 * Opaque identifiers: a short prefix naming the kind ({@code acc_}, {@code ord_}) and 26 characters of Crockford
 * base32 holding a millisecond timestamp and 80 random bits (the ULID layout), so ids sort roughly by creation and
 * cannot be guessed.
 */
public final class Ids {

	private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	public static String next(String prefix) {
		byte[] random = new byte[10];
		RANDOM.nextBytes(random);
		long time = System.currentTimeMillis();
		char[] out = new char[26];
		for (int i = 9; i >= 0; i--) {
			out[i] = ALPHABET[(int) (time & 31)];
			time >>>= 5;
		}
		long high = 0;
		for (int i = 0; i < 5; i++) {
			high = (high << 8) | (random[i] & 0xff);
		}
		long low = 0;
		for (int i = 5; i < 10; i++) {
			low = (low << 8) | (random[i] & 0xff);
		}
		for (int i = 17; i >= 10; i--) {
			out[i] = ALPHABET[(int) (high & 31)];
			high >>>= 5;
		}
		for (int i = 25; i >= 18; i--) {
			out[i] = ALPHABET[(int) (low & 31)];
			low >>>= 5;
		}
		return prefix + "_" + new String(out);
	}
}
