package cn.fangxin.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfSet;

/**
 * Encrypts personal data (ID numbers, phones, street addresses) before it is stored, with Google Tink's AEAD
 * (AES-256-GCM), bound to the field it belongs to so a ciphertext cannot be moved to another column. A keyed blind
 * index (Tink HMAC-SHA256 PRF) lets the registry find equal values without decrypting (PIPL arts. 28-31: sensitive
 * data protected; seed 002: identity data never leaks).
 */
public final class PersonalDataCipher {

	/** The platform threads Tink runs on for callers on virtual threads (see {@link #onPlatformThread}). */
	private static final ExecutorService CRYPTO = Executors.newFixedThreadPool(2,
			Thread.ofPlatform().name("personal-data-cipher-", 0).daemon().factory());

	private final Aead aead;
	private final PrfSet prf;

	public PersonalDataCipher(KeysetHandle aeadKeyset, KeysetHandle prfKeyset) {
		try {
			this.aead = aeadKeyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
			this.prf = prfKeyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("personal data keysets are not usable", e);
		}
	}

	/** Ciphertext (base64) of {@code plaintext} for the field named {@code field}, e.g. {@code account.phone}. */
	public String encrypt(String plaintext, String field) {
		if (plaintext == null) {
			return null;
		}
		try {
			byte[] sealed = onPlatformThread(
					() -> aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8)));
			return Base64.getEncoder().encodeToString(sealed);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("encryption failed", e);
		}
	}

	/** The plaintext of a value {@link #encrypt encrypted} for the same field. */
	public String decrypt(String ciphertext, String field) {
		if (ciphertext == null) {
			return null;
		}
		try {
			byte[] sealed = Base64.getDecoder().decode(ciphertext);
			byte[] plain = onPlatformThread(() -> aead.decrypt(sealed, field.getBytes(StandardCharsets.UTF_8)));
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("decryption failed for " + field, e);
		}
	}

	/**
	 * A keyed, deterministic index of a normalised value (hex), equal for equal values in the same domain and
	 * useless without the key.
	 */
	public String blindIndex(String value, String domain) {
		try {
			byte[] input = (domain + "\u0000" + value).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(onPlatformThread(() -> prf.computePrimary(input, 32)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("blind index failed", e);
		}
	}

	/** A Tink operation. */
	@FunctionalInterface
	private interface Operation {
		byte[] run() throws GeneralSecurityException;
	}

	/**
	 * Runs a Tink operation on one of a few platform threads when called on a virtual thread. Tink keeps its
	 * {@code SecureRandom} and {@code Cipher} per thread, and every request runs on a new virtual thread: each would
	 * create them again — with a failed reflective lookup of Conscrypt, class loading included — about 4 % of the
	 * service's CPU in the checkout benchmark. A hand-off to a thread that keeps them costs far less.
	 */
	private static byte[] onPlatformThread(Operation operation) throws GeneralSecurityException {
		if (!Thread.currentThread().isVirtual()) {
			return operation.run();
		}
		try {
			return CRYPTO.submit(operation::run).get();
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof GeneralSecurityException security) {
				throw security;
			}
			if (e.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while encrypting", e);
		}
	}
}
