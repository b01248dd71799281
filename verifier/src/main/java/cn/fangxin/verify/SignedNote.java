package cn.fangxin.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * C2SP signed notes with Ed25519 (c2sp.org/signed-note) carrying transparency-log checkpoints
 * (c2sp.org/tlog-checkpoint). A note is its text — lines ending in a newline — then a blank line, then signature lines
 * {@code "— <name> <base64(keyID || signature)>"}; the key ID is the first 4 bytes of
 * {@code SHA-256(name || 0x0A || 0x01 || publicKey)}, and a verifier key is written
 * {@code <name>+<hex keyID>+<base64(0x01 || publicKey)>}.
 */
public final class SignedNote {

	private static final byte ED25519 = 0x01;
	private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
	private static final String DASH = "\u2014 ";

	private SignedNote() {
	}

	/**
	 * A checkpoint: origin line, tree size, base64 root hash, optional extension lines.
	 *
	 * @param origin the log's origin (its unique name)
	 * @param size tree size
	 * @param rootHash root hash
	 * @param extensions further lines (e.g. a timestamp token reference)
	 */
	public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

		/** The note text of this checkpoint, every line ending in a newline. */
		public String text() {
			StringBuilder text = new StringBuilder()
				.append(origin).append('\n')
				.append(size).append('\n')
				.append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
			extensions.forEach(line -> text.append(line).append('\n'));
			return text.toString();
		}

		/** Parses a checkpoint's text. */
		public static Checkpoint parse(String text) {
			if (!text.endsWith("\n")) {
				throw new IllegalArgumentException("a checkpoint's text ends with a newline");
			}
			String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
			if (lines.length < 3 || lines[0].isEmpty()) {
				throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash");
			}
			long size = Long.parseLong(lines[1]);
			if (size < 0 || !lines[1].equals(Long.toString(size))) {
				throw new IllegalArgumentException("bad tree size " + lines[1]);
			}
			byte[] root = Base64.getDecoder().decode(lines[2]);
			if (root.length != 32) {
				throw new IllegalArgumentException("the root hash is not 32 bytes");
			}
			return new Checkpoint(lines[0], size, root, List.of(Arrays.copyOfRange(lines, 3, lines.length)));
		}
	}

	/** Signs a note's text with an Ed25519 key; returns the whole signed note. */
	public static String sign(String text, String keyName, PrivateKey key, byte[] publicKey) {
		try {
			Signature signer = Signature.getInstance("Ed25519");
			signer.initSign(key);
			signer.update(text.getBytes(StandardCharsets.UTF_8));
			byte[] signature = signer.sign();
			byte[] line = new byte[4 + signature.length];
			System.arraycopy(keyId(keyName, publicKey), 0, line, 0, 4);
			System.arraycopy(signature, 0, line, 4, signature.length);
			return text + "\n" + DASH + keyName + " " + Base64.getEncoder().encodeToString(line) + "\n";
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot sign the note", e);
		}
	}

	/**
	 * Verifies a signed note against a verifier key and returns its text.
	 *
	 * @throws IllegalArgumentException with the reason, when it does not verify
	 */
	public static String verify(String note, String verifierKey) {
		String[] key = verifierKey.split("\\+", 3);
		if (key.length != 3) {
			throw new IllegalArgumentException("malformed verifier key");
		}
		byte[] encoded = Base64.getDecoder().decode(key[2]);
		if (encoded.length != 33 || encoded[0] != ED25519) {
			throw new IllegalArgumentException("the verifier key is not an Ed25519 key");
		}
		byte[] publicKey = Arrays.copyOfRange(encoded, 1, 33);
		if (!HexFormat.of().formatHex(keyId(key[0], publicKey)).equals(key[1])) {
			throw new IllegalArgumentException("the verifier key's id does not match its name and key");
		}
		int split = note.lastIndexOf("\n\n");
		if (split < 0) {
			throw new IllegalArgumentException("a signed note has a blank line before its signatures");
		}
		String text = note.substring(0, split + 1);
		List<String> signatures = new ArrayList<>(List.of(note.substring(split + 2).split("\n")));
		for (String line : signatures) {
			if (!line.startsWith(DASH)) {
				throw new IllegalArgumentException("malformed signature line");
			}
			String[] parts = line.substring(DASH.length()).split(" ");
			if (parts.length != 2 || !parts[0].equals(key[0])) {
				continue;
			}
			byte[] sig = Base64.getDecoder().decode(parts[1]);
			if (sig.length != 68 || !Arrays.equals(Arrays.copyOf(sig, 4), keyId(key[0], publicKey))) {
				continue;
			}
			if (ed25519(publicKey, text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, 68))) {
				return text;
			}
			throw new IllegalArgumentException("the signature by " + key[0] + " does not verify");
		}
		throw new IllegalArgumentException("no signature by " + key[0]);
	}

	/** The verifier key for a name and a raw 32-byte Ed25519 public key. */
	public static String verifierKey(String keyName, byte[] publicKey) {
		byte[] encoded = new byte[33];
		encoded[0] = ED25519;
		System.arraycopy(publicKey, 0, encoded, 1, 32);
		return keyName + "+" + HexFormat.of().formatHex(keyId(keyName, publicKey)) + "+"
				+ Base64.getEncoder().encodeToString(encoded);
	}

	/** The raw 32 bytes of an Ed25519 public key. */
	public static byte[] raw(PublicKey key) {
		byte[] encoded = key.getEncoded();
		return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
	}

	static byte[] keyId(String keyName, byte[] publicKey) {
		var sha = Merkle.sha256();
		sha.update(keyName.getBytes(StandardCharsets.UTF_8));
		sha.update((byte) 0x0A);
		sha.update(ED25519);
		sha.update(publicKey);
		return Arrays.copyOf(sha.digest(), 4);
	}

	private static boolean ed25519(byte[] publicKey, byte[] message, byte[] signature) {
		try {
			byte[] x509 = new byte[X509_PREFIX.length + 32];
			System.arraycopy(X509_PREFIX, 0, x509, 0, X509_PREFIX.length);
			System.arraycopy(publicKey, 0, x509, X509_PREFIX.length, 32);
			PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(key);
			verifier.update(message);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException e) {
			return false;
		}
	}
}
