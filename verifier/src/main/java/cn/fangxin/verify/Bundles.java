package cn.fangxin.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Verifies an evidence bundle, a ZIP made by Fangxin for an order or complaint:
 *
 * <pre>
 * manifest.txt              the index (format below)
 * checkpoint.txt            a C2SP signed checkpoint of the log
 * leaves/&lt;index&gt;.bin       each record's canonical leaf bytes ({@link EvidenceLeaf})
 * files/&lt;evidence id&gt;       each record's content, where the bundle carries it
 * checkpoint.tsr            an RFC 3161 timestamp token over checkpoint.txt, when the platform has a TSA
 * </pre>
 *
 * manifest.txt, one entry a line:
 *
 * <pre>
 * fangxin-evidence-bundle 1
 * subject &lt;ORDER|COMPLAINT&gt; &lt;id&gt;
 * origin &lt;log origin&gt;
 * verifier-key &lt;name+keyid+key&gt;
 * checkpoint checkpoint.txt
 * timestamp checkpoint.tsr   (optional)
 * item &lt;evidence id&gt; &lt;leaf index&gt; &lt;leaf file&gt; &lt;content file or -&gt;
 * proof &lt;leaf index&gt; &lt;base64 hash&gt;,... (or -)
 * </pre>
 *
 * Checks: the checkpoint's Ed25519 signature by the verifier key (which a court compares with the log's published
 * key), each leaf's inclusion in the checkpoint's tree (RFC 9162 §2.1.3.2), each leaf naming its evidence id, and each
 * content file's SHA-256 and size against its leaf, and the checkpoint's RFC 3161 timestamp ({@link TrustedTime}).
 */
public final class Bundles {

	private static final long MAX_ENTRY = 64L * 1024 * 1024;

	private Bundles() {
	}

	public static BundleReport verify(Path zip) {
		return verify(zip, java.util.Optional.empty());
	}

	/**
	 * Verifies a bundle; when {@code tsaCertificate} is given, the checkpoint's RFC 3161 timestamp must be signed by that
	 * certificate or one it issued.
	 */
	public static BundleReport verify(Path zip, java.util.Optional<java.security.cert.X509Certificate> tsaCertificate) {
		BundleReport report = new BundleReport();
		Map<String, byte[]> entries;
		try {
			entries = read(zip);
		}
		catch (IOException | RuntimeException e) {
			report.bad("cannot read " + zip + ": " + e.getMessage());
			return report;
		}
		return verify(entries, report, tsaCertificate);
	}

	static BundleReport verify(Map<String, byte[]> entries, BundleReport report,
			java.util.Optional<java.security.cert.X509Certificate> tsaCertificate) {
		byte[] manifestBytes = entries.get("manifest.txt");
		if (manifestBytes == null) {
			report.bad("the bundle has no manifest.txt");
			return report;
		}
		List<String[]> manifest = new ArrayList<>();
		for (String line : new String(manifestBytes, StandardCharsets.UTF_8).split("\n")) {
			if (!line.isBlank()) {
				manifest.add(line.split(" "));
			}
		}
		if (manifest.isEmpty() || !String.join(" ", manifest.get(0)).equals("fangxin-evidence-bundle 1")) {
			report.bad("manifest.txt is not a Fangxin evidence bundle manifest, version 1");
			return report;
		}
		Map<String, String> header = new HashMap<>();
		List<String[]> items = new ArrayList<>();
		Map<String, List<byte[]>> proofs = new HashMap<>();
		for (String[] entry : manifest.subList(1, manifest.size())) {
			switch (entry[0]) {
				case "item" -> items.add(entry);
				case "proof" -> proofs.put(entry[1], decodeProof(entry.length > 2 ? entry[2] : "-"));
				default -> header.put(entry[0], String.join(" ", java.util.Arrays.copyOfRange(entry, 1, entry.length)));
			}
		}
		report.info("Fangxin evidence bundle for " + header.getOrDefault("subject", "?"));
		report.info("Log: " + header.get("origin"));
		report.info("Log key: " + header.get("verifier-key"));
		report.info("  (compare this key with the one the platform publishes at /api/v1/log/public-key)");

		SignedNote.Checkpoint checkpoint;
		try {
			String note = new String(entries.getOrDefault(header.getOrDefault("checkpoint", "checkpoint.txt"), new byte[0]),
					StandardCharsets.UTF_8);
			checkpoint = SignedNote.Checkpoint.parse(SignedNote.verify(note, header.getOrDefault("verifier-key", "")));
			if (!checkpoint.origin().equals(header.get("origin"))) {
				report.bad("the checkpoint is for another log: " + checkpoint.origin());
				return report;
			}
			report.good("checkpoint signed by the log: tree size " + checkpoint.size() + ", root "
					+ Base64.getEncoder().encodeToString(checkpoint.rootHash()));
		}
		catch (RuntimeException e) {
			report.bad("checkpoint: " + e.getMessage());
			return report;
		}

		byte[] noteBytes = entries.getOrDefault(header.getOrDefault("checkpoint", "checkpoint.txt"), new byte[0]);
		if (header.containsKey("timestamp")) {
			byte[] token = entries.get(header.get("timestamp"));
			if (token == null) {
				report.bad("the manifest names a timestamp, " + header.get("timestamp") + ", that the bundle lacks");
				return report;
			}
			try {
				TrustedTime.Stamp stamp = TrustedTime.verify(token, noteBytes, tsaCertificate);
				List<String> lines = TrustedTime.describe(stamp);
				report.good("RFC 3161 timestamp of the checkpoint verifies: " + lines.get(0));
				lines.subList(1, lines.size()).forEach(report::info);
				report.info(stamp.pinned() ? "  (the TSA certificate is the one given with --tsa-cert, or issued by it)"
						: "  (compare this certificate with the one the time-stamping authority publishes, or pass it with --tsa-cert)");
			}
			catch (RuntimeException e) {
				report.bad("timestamp: " + e.getMessage());
				return report;
			}
		}
		else if (tsaCertificate.isPresent()) {
			report.bad("a TSA certificate was given, but the bundle's checkpoint carries no RFC 3161 timestamp");
			return report;
		}
		else {
			report.info("The checkpoint carries no RFC 3161 timestamp (the platform had no time-stamping authority configured).");
		}
		for (String[] item : items) {
			verifyItem(item, entries, proofs, checkpoint, report);
		}
		if (items.isEmpty()) {
			report.bad("the bundle lists no evidence");
		}
		return report;
	}

	private static void verifyItem(String[] item, Map<String, byte[]> entries, Map<String, List<byte[]>> proofs,
			SignedNote.Checkpoint checkpoint, BundleReport report) {
		if (item.length != 5) {
			report.bad("malformed item line: " + String.join(" ", item));
			return;
		}
		String id = item[1];
		long index;
		try {
			index = Long.parseLong(item[2]);
		}
		catch (NumberFormatException e) {
			report.bad(id + ": bad leaf index " + item[2]);
			return;
		}
		byte[] leafBytes = entries.get(item[3]);
		if (leafBytes == null) {
			report.bad(id + ": leaf file " + item[3] + " is missing");
			return;
		}
		EvidenceLeaf leaf;
		try {
			leaf = EvidenceLeaf.parse(leafBytes);
		}
		catch (RuntimeException e) {
			report.bad(id + ": " + e.getMessage());
			return;
		}
		if (!id.equals(leaf.id())) {
			report.bad(id + ": its leaf names another record, " + leaf.id());
			return;
		}
		List<byte[]> proof = proofs.get(item[2]);
		if (proof == null
				|| !Merkle.verifyInclusion(index, checkpoint.size(), Merkle.leafHash(leafBytes), proof, checkpoint.rootHash())) {
			report.bad(id + " (" + leaf.kind() + "): NOT included in the signed tree at index " + index);
			return;
		}
		report.good(id + " (" + leaf.kind() + ", recorded " + leaf.recordedAt() + "): included in the log at index "
				+ index);
		if (!"-".equals(item[4])) {
			byte[] content = entries.get(item[4]);
			if (content == null) {
				report.bad(id + ": content file " + item[4] + " is missing");
				return;
			}
			String sha = HexFormat.of().formatHex(Merkle.sha256().digest(content));
			if (!sha.equals(leaf.sha256()) || content.length != leaf.size()) {
				report.bad(id + ": the content of " + item[4] + " is not what was logged (SHA-256 " + sha + ")");
				return;
			}
			report.good(id + ": content " + item[4] + " matches its logged SHA-256 " + sha);
		}
	}

	private static List<byte[]> decodeProof(String text) {
		List<byte[]> proof = new ArrayList<>();
		if (!"-".equals(text)) {
			for (String part : text.split(",")) {
				proof.add(Base64.getDecoder().decode(part));
			}
		}
		return proof;
	}

	private static Map<String, byte[]> read(Path zip) throws IOException {
		Map<String, byte[]> entries = new HashMap<>();
		try (InputStream in = Files.newInputStream(zip); ZipInputStream zin = new ZipInputStream(in)) {
			ZipEntry entry;
			while ((entry = zin.getNextEntry()) != null) {
				if (entry.isDirectory()) {
					continue;
				}
				byte[] bytes = zin.readNBytes((int) MAX_ENTRY + 1);
				if (bytes.length > MAX_ENTRY) {
					throw new IOException(entry.getName() + " is larger than " + MAX_ENTRY + " bytes");
				}
				entries.put(entry.getName(), bytes);
			}
		}
		return entries;
	}
}
