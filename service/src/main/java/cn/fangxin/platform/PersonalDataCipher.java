package cn.fangxin.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

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
			byte[] sealed = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
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
			byte[] plain = aead.decrypt(Base64.getDecoder().decode(ciphertext), field.getBytes(StandardCharsets.UTF_8));
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("decryption failed for " + field, e);
		}
	}

	/**
	 * {@link #encrypt} marked {@code enc:}, for a column that also holds values an earlier version stored in plain
	 * text: {@link #unseal} tells the two apart. {@code null} and the empty string stay as they are.
	 */
	public String seal(String plaintext, String field) {
		return plaintext == null || plaintext.isEmpty() ? plaintext : SEALED + encrypt(plaintext, field);
	}

	/** The plaintext of a {@link #seal sealed} value; a value stored before sealing is returned as it is. */
	public String unseal(String stored, String field) {
		return isSealed(stored) ? decrypt(stored.substring(SEALED.length()), field) : stored;
	}

	/** Whether a stored value is {@link #seal sealed}. */
	public static boolean isSealed(String stored) {
		return stored != null && stored.startsWith(SEALED);
	}

	private static final String SEALED = "enc:";

	/**
	 * A keyed, deterministic index of a normalised value (hex), equal for equal values in the same domain and
	 * useless without the key.
	 */
	public String blindIndex(String value, String domain) {
		try {
			byte[] input = (domain + "\u0000" + value).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(prf.computePrimary(input, 32));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("blind index failed", e);
		}
	}
}
