package cn.fangxin.verify;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical bytes of one evidence record in the transparency log: UTF-8 text, one {@code key value} per line in
 * this fixed order, each line ending in {@code \n}, absent values written {@code -}. Only hashes, ids, kinds and times:
 * never personal data.
 *
 * <pre>
 * fangxin-evidence-leaf/v1
 * id evd_01...
 * kind SCREENSHOT
 * sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * size 1234
 * media image/png
 * recorded 2026-11-23T01:00:00.000Z
 * occurred 2026-11-22T09:30:00Z
 * order ord_01...
 * complaint -
 * submitter acc_01...
 * </pre>
 *
 * @param id evidence id
 * @param kind evidence kind
 * @param sha256 hex SHA-256 of the content
 * @param size content size in bytes
 * @param mediaType detected media type
 * @param recordedAt server time of recording (RFC 3339, UTC)
 * @param occurredAt claimed time of the event, or null
 * @param orderId order reference, or null
 * @param complaintId complaint reference, or null
 * @param submitter submitting account id (or SYSTEM)
 */
public record EvidenceLeaf(String id, String kind, String sha256, long size, String mediaType, String recordedAt,
		String occurredAt, String orderId, String complaintId, String submitter) {

	public static final String HEADER = "fangxin-evidence-leaf/v1";

	public byte[] encode() {
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		line(text, "id", id);
		line(text, "kind", kind);
		line(text, "sha256", sha256);
		line(text, "size", Long.toString(size));
		line(text, "media", mediaType);
		line(text, "recorded", recordedAt);
		line(text, "occurred", occurredAt);
		line(text, "order", orderId);
		line(text, "complaint", complaintId);
		line(text, "submitter", submitter);
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Parses canonical leaf bytes; refuses anything not in canonical form. */
	public static EvidenceLeaf parse(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		String[] lines = text.split("\n", -1);
		if (lines.length != 12 || !lines[0].equals(HEADER) || !lines[11].isEmpty()) {
			throw new IllegalArgumentException("not a canonical evidence leaf");
		}
		Map<String, String> values = new LinkedHashMap<>();
		String[] keys = { "id", "kind", "sha256", "size", "media", "recorded", "occurred", "order", "complaint",
				"submitter" };
		for (int i = 0; i < keys.length; i++) {
			String prefix = keys[i] + " ";
			if (!lines[i + 1].startsWith(prefix)) {
				throw new IllegalArgumentException("line " + (i + 2) + " of the leaf is not '" + keys[i] + "'");
			}
			String value = lines[i + 1].substring(prefix.length());
			values.put(keys[i], value.equals("-") ? null : value);
		}
		EvidenceLeaf leaf = new EvidenceLeaf(values.get("id"), values.get("kind"), values.get("sha256"),
				Long.parseLong(values.get("size")), values.get("media"), values.get("recorded"), values.get("occurred"),
				values.get("order"), values.get("complaint"), values.get("submitter"));
		if (!java.util.Arrays.equals(leaf.encode(), bytes)) {
			throw new IllegalArgumentException("the leaf is not in canonical form");
		}
		return leaf;
	}

	private static void line(StringBuilder text, String key, String value) {
		String v = value == null || value.isEmpty() ? "-" : value;
		if (v.contains("\n") || v.contains(" ")) {
			throw new IllegalArgumentException(key + " may not contain spaces or newlines");
		}
		text.append(key).append(' ').append(v).append('\n');
	}
}
