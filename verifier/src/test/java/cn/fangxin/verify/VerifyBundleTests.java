package cn.fangxin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line verifier on bundles made the way the service makes them, intact and tampered with. */
class VerifyBundleTests {

	@TempDir
	Path dir;

	@Test
	@DisplayName("an intact bundle verifies (exit 0); a changed file, leaf, proof or checkpoint does not (exit 1, with why)")
	void verifyAndDetectTampering() throws Exception {
		Map<String, byte[]> bundle = bundle();
		assertThat(run(bundle)).startsWith("0").contains("RESULT: everything verifies.").contains("included in the log at index 1");

		Map<String, byte[]> file = new LinkedHashMap<>(bundle);
		file.put("files/evd_2", "the seller's chat, edited".getBytes(StandardCharsets.UTF_8));
		assertThat(run(file)).startsWith("1").contains("is not what was logged");

		Map<String, byte[]> leaf = new LinkedHashMap<>(bundle);
		leaf.put("leaves/1.bin", new String(bundle.get("leaves/1.bin"), StandardCharsets.UTF_8)
			.replace("kind CHAT_EXPORT", "kind APPRAISAL_REPORT").getBytes(StandardCharsets.UTF_8));
		assertThat(run(leaf)).startsWith("1").contains("NOT included");

		Map<String, byte[]> checkpoint = new LinkedHashMap<>(bundle);
		checkpoint.put("checkpoint.txt", new String(bundle.get("checkpoint.txt"), StandardCharsets.UTF_8).replace("\n3\n", "\n4\n")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(run(checkpoint)).startsWith("1").contains("checkpoint");

		Map<String, byte[]> noManifest = new LinkedHashMap<>(bundle);
		noManifest.remove("manifest.txt");
		assertThat(run(noManifest)).startsWith("1").contains("no manifest");

		assertThat(VerifyBundle.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
	}

	@Test
	@DisplayName("a checkpoint's RFC 3161 timestamp verifies, pinned to the TSA's certificate or not; a token over other data, a forged one or another TSA's does not")
	void trustedTime() throws Exception {
		Map<String, byte[]> bundle = bundle();
		TestTsa tsa = new TestTsa();
		Map<String, byte[]> stamped = withTimestamp(bundle, tsa.stamp(bundle.get("checkpoint.txt")));
		assertThat(run(stamped)).startsWith("0").contains("RFC 3161 timestamp of the checkpoint verifies")
			.contains("CN=Fangxin Test TSA").contains("compare this certificate");

		Path pem = dir.resolve("tsa.pem");
		Files.writeString(pem, tsa.pem());
		assertThat(run(stamped, "--tsa-cert", pem.toString())).startsWith("0").contains("given with --tsa-cert");
		Path other = dir.resolve("other.pem");
		Files.writeString(other, new TestTsa().pem());
		assertThat(run(stamped, "--tsa-cert", other.toString())).startsWith("1").contains("not the given TSA certificate");
		assertThat(run(bundle, "--tsa-cert", pem.toString())).startsWith("1").contains("carries no RFC 3161 timestamp");

		assertThat(run(withTimestamp(bundle, tsa.stamp("another checkpoint".getBytes())))).startsWith("1")
			.contains("stamps other data");
		byte[] forged = tsa.stamp(bundle.get("checkpoint.txt"));
		forged[forged.length - 10] ^= 1; // inside the signature value
		assertThat(run(withTimestamp(bundle, forged))).startsWith("1").contains("timestamp");
		Map<String, byte[]> missing = withTimestamp(bundle, new byte[0]);
		missing.remove("checkpoint.tsr");
		assertThat(run(missing)).startsWith("1").contains("lacks");
	}

	private static Map<String, byte[]> withTimestamp(Map<String, byte[]> bundle, byte[] token) {
		Map<String, byte[]> copy = new LinkedHashMap<>(bundle);
		copy.put("manifest.txt", new String(bundle.get("manifest.txt"), StandardCharsets.UTF_8)
			.replace("checkpoint checkpoint.txt\n", "checkpoint checkpoint.txt\ntimestamp checkpoint.tsr\n")
			.getBytes(StandardCharsets.UTF_8));
		copy.put("checkpoint.tsr", token);
		return copy;
	}

	private String run(Map<String, byte[]> entries, String... options) throws IOException {
		Path zip = Files.createTempFile(dir, "bundle", ".zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			for (var e : entries.entrySet()) {
				out.putNextEntry(new ZipEntry(e.getKey()));
				out.write(e.getValue());
				out.closeEntry();
			}
		}
		var text = new ByteArrayOutputStream();
		List<String> args = new ArrayList<>(List.of(options));
		args.add(zip.toString());
		int code = VerifyBundle.run(args.toArray(String[]::new), new PrintStream(text, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream()));
		return code + "\n" + text.toString(StandardCharsets.UTF_8);
	}

	/** Three records in a log of three leaves, a signed checkpoint, proofs: what the service puts in a bundle. */
	private static Map<String, byte[]> bundle() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		byte[] publicKey = SignedNote.raw(keys.getPublic());
		String origin = "fangxin.test/evidence";
		List<byte[]> contents = List.of("order snapshot".getBytes(), "chat export".getBytes(), "logistics".getBytes());
		String[] kinds = { "ORDER_SNAPSHOT", "CHAT_EXPORT", "LOGISTICS_PROOF" };
		List<byte[]> leaves = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			leaves.add(new EvidenceLeaf("evd_" + (i + 1), kinds[i], HexFormat.of().formatHex(Merkle.sha256().digest(contents.get(i))),
					contents.get(i).length, "text/plain", "2026-11-23T01:00:0" + i + ".000Z", null, "ord_1", null, "SYSTEM")
				.encode());
		}
		List<byte[]> hashes = leaves.stream().map(Merkle::leafHash).toList();
		String note = SignedNote.sign(new SignedNote.Checkpoint(origin, 3, Merkle.root(hashes), List.of()).text(), origin,
				keys.getPrivate(), publicKey);
		StringBuilder manifest = new StringBuilder("fangxin-evidence-bundle 1\nsubject ORDER ord_1\norigin " + origin
				+ "\nverifier-key " + SignedNote.verifierKey(origin, publicKey) + "\ncheckpoint checkpoint.txt\n");
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 3; i++) {
			manifest.append("item evd_").append(i + 1).append(' ').append(i).append(" leaves/").append(i).append(".bin files/evd_")
				.append(i + 1).append('\n');
			String proof = Merkle.inclusionProof(i, 3, Merkle.inMemory(hashes)).stream()
				.map(h -> Base64.getEncoder().encodeToString(h)).collect(Collectors.joining(","));
			manifest.append("proof ").append(i).append(' ').append(proof).append('\n');
			entries.put("leaves/" + i + ".bin", leaves.get(i));
			entries.put("files/evd_" + (i + 1), contents.get(i));
		}
		entries.put("manifest.txt", manifest.toString().getBytes(StandardCharsets.UTF_8));
		entries.put("checkpoint.txt", note.getBytes(StandardCharsets.UTF_8));
		return entries;
	}
}
