package cn.fangxin.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.fangxin.evidence.BlobStore;
import cn.fangxin.platform.SnapshotReads;
import cn.fangxin.verify.EvidenceLeaf;
import cn.fangxin.verify.Merkle;
import cn.fangxin.verify.SignedNote;

/**
 * The vault's self-audit: every blob re-hashed against its record, every record against its leaf bytes, every leaf
 * against the stored leaf hash, every stored subtree recomputed from the leaves, and every signed checkpoint's
 * signature and root recomputed from the leaves — so that a changed byte of a file, a changed row or a changed stored
 * hash is found, and named; and no stored record may stay out of the log for more than a minute.
 */
@Component
public class EvidenceAudit {

	private static final HexFormat HEX = HexFormat.of();

	/** A stored record still without a leaf index after this long was missed by the sequencer and its sweep. */
	private static final java.time.Duration NUMBERING_LIMIT = java.time.Duration.ofMinutes(1);

	private final JdbcClient jdbc;
	private final BlobStore blobs;
	private final LogKeys keys;
	private final java.time.Clock clock;
	private final SnapshotReads snapshots;

	EvidenceAudit(JdbcClient jdbc, BlobStore blobs, LogKeys keys, java.time.Clock clock, SnapshotReads snapshots) {
		this.snapshots = snapshots;
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * @param ok whether everything checks out
	 * @param records records checked
	 * @param nodes stored subtrees checked
	 * @param checkpoints checkpoints checked
	 * @param violations what does not
	 */
	public record Report(boolean ok, long records, long nodes, long checkpoints, List<String> violations) {
	}

	/** Runs the audit on one snapshot of the database (see {@link SnapshotReads}). */
	public Report run() {
		return snapshots.read(this::audit);
	}

	private Report audit() {
		List<String> violations = new ArrayList<>();
		long size = jdbc.sql("select size from log_state where id = 1").query(Long.class).single();
		long integrated = jdbc.sql("select size from log_integrated where id = 1").query(Long.class).single();
		if (integrated > size) {
			violations.add("the integrated tree (" + integrated + ") is larger than the log (" + size + ")");
		}
		byte[][] leafHashes = new byte[(int) size][];
		long[] records = { 0 };
		jdbc.sql("""
				select e.id, e.kind, e.sha256, e.size, e.leaf, e.leaf_index, c.content
				  from evidence e left join evidence_content c on c.evidence_id = e.id
				 where e.leaf_index is not null order by e.leaf_index""")
			.query(rs -> {
				records[0]++;
				String id = rs.getString("id");
				long index = rs.getLong("leaf_index");
				byte[] leaf = rs.getString("leaf").getBytes(StandardCharsets.UTF_8);
				if (index >= size) {
					violations.add(id + ": leaf index " + index + " is beyond the log's size " + size);
					return;
				}
				leafHashes[(int) index] = Merkle.leafHash(leaf);
				try {
					EvidenceLeaf parsed = EvidenceLeaf.parse(leaf);
					if (!parsed.id().equals(id) || !parsed.sha256().equals(rs.getString("sha256"))
							|| parsed.size() != rs.getLong("size") || !parsed.kind().equals(rs.getString("kind"))) {
						violations.add(id + ": the record no longer matches its logged leaf");
					}
					checkContent(id, parsed, rs.getBytes("content"), violations);
				}
				catch (IllegalArgumentException e) {
					violations.add(id + ": its leaf bytes are not canonical: " + e.getMessage());
				}
			});
		for (int i = 0; i < size; i++) {
			if (leafHashes[i] == null) {
				violations.add("leaf " + i + ": no record holds it");
			}
		}
		jdbc.sql("select id from evidence where leaf_index is null and recorded_at < :cutoff order by recorded_at")
			.param("cutoff", cn.fangxin.platform.SqlTime.of(clock.instant().minus(NUMBERING_LIMIT)))
			.query(String.class)
			.list()
			.forEach(id -> violations.add(id + ": stored more than a minute ago and still not in the log"));
		if (!violations.isEmpty() && violations.stream().anyMatch(v -> v.startsWith("leaf "))) {
			return new Report(false, records[0], 0, 0, violations);
		}

		long[] nodes = { 0 };
		List<byte[]> level0 = Arrays.asList(leafHashes);
		jdbc.sql("select level, idx, hash from log_node order by level, idx").query(rs -> {
			nodes[0]++;
			int level = rs.getInt("level");
			long idx = rs.getLong("idx");
			long start = idx << level;
			long end = start + (1L << level);
			if (end > integrated) {
				violations.add("stored node (" + level + ", " + idx + ") lies beyond the integrated tree");
				return;
			}
			byte[] expected = Merkle.inMemory(level0).hash(start, end);
			if (!Arrays.equals(expected, HEX.parseHex(rs.getString("hash")))) {
				violations.add("stored node (" + level + ", " + idx + ") does not match the leaves it covers");
			}
		});

		long[] checkpoints = { 0 };
		jdbc.sql("select size, root, note from log_checkpoint order by size").query(rs -> {
			checkpoints[0]++;
			long checkpointSize = rs.getLong("size");
			try {
				SignedNote.Checkpoint checkpoint = SignedNote.Checkpoint
					.parse(SignedNote.verify(rs.getString("note"), keys.verifierKey()));
				byte[] recomputed = checkpointSize <= integrated ? Merkle.root(level0.subList(0, (int) checkpointSize)) : null;
				if (checkpoint.size() != checkpointSize || recomputed == null
						|| !Arrays.equals(recomputed, checkpoint.rootHash())) {
					violations.add("checkpoint " + checkpointSize + ": its root is not the root of the stored leaves");
				}
			}
			catch (IllegalArgumentException e) {
				violations.add("checkpoint " + checkpointSize + ": " + e.getMessage());
			}
		});
		return new Report(violations.isEmpty(), records[0], nodes[0], checkpoints[0], List.copyOf(violations));
	}

	/** The content, kept in the database ({@code inDatabase}) or in the blob store, still hashes to what was logged. */
	private void checkContent(String id, EvidenceLeaf leaf, byte[] inDatabase, List<String> violations) {
		if (inDatabase != null) {
			if (!HEX.formatHex(Merkle.sha256().digest(inDatabase)).equals(leaf.sha256())
					|| inDatabase.length != leaf.size()) {
				violations.add(id + ": its content in the database has changed");
			}
			return;
		}
		try {
			var content = blobs.open(leaf.sha256());
			if (content.isEmpty()) {
				violations.add(id + ": its content is missing from the blob store");
				return;
			}
			MessageDigest sha = Merkle.sha256();
			long bytes = 0;
			try (InputStream in = content.get()) {
				byte[] buffer = new byte[64 * 1024];
				int n;
				while ((n = in.read(buffer)) > 0) {
					sha.update(buffer, 0, n);
					bytes += n;
				}
			}
			if (!HEX.formatHex(sha.digest()).equals(leaf.sha256()) || bytes != leaf.size()) {
				violations.add(id + ": its content in the blob store has changed");
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
