package cn.fangxin.evidence.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.platform.KeyMaterial;
import cn.fangxin.verify.SignedNote;

/**
 * The log's identity: its origin line and its Ed25519 key — from configuration in production
 * ({@code fangxin.log.signing-key}: base64 PKCS#8 private key, a newline, base64 X.509 public key), made on first start
 * under {@code <data-dir>/keys} in the embedded default.
 */
@Component
public class LogKeys {

	private final String origin;
	private final PrivateKey privateKey;
	private final byte[] publicKey;

	LogKeys(FangxinProperties properties, @Value("${fangxin.log.origin:fangxin.local/evidence}") String origin,
			@Value("${fangxin.log.signing-key:}") String configured) {
		this.origin = origin;
		String material = KeyMaterial.configuredOrFile(configured, properties, "log-ed25519.key", LogKeys::generate);
		String[] parts = material.strip().split("\\s+");
		try {
			KeyFactory factory = KeyFactory.getInstance("Ed25519");
			this.privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
			PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
			this.publicKey = SignedNote.raw(pub);
		}
		catch (GeneralSecurityException | RuntimeException e) {
			throw new IllegalStateException("the log's signing key is not an Ed25519 key pair", e);
		}
	}

	private static String generate() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
					+ Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public String origin() {
		return origin;
	}

	/** The key name in signatures: the origin, as C2SP logs do. */
	public String keyName() {
		return origin;
	}

	public byte[] publicKey() {
		return publicKey.clone();
	}

	public String verifierKey() {
		return SignedNote.verifierKey(keyName(), publicKey);
	}

	String sign(String text) {
		return SignedNote.sign(text, keyName(), privateKey, publicKey);
	}
}
