package cn.fangxin.evidence.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.fangxin.evidence.internal.LogNodes.Key;
import cn.fangxin.verify.Merkle;

/**
 * The append-only RFC 9162 tree behind the evidence vault, in two steps.
 * <p>
 * <b>Sequencing.</b> A record's leaf is queued in its transaction and stored, without an index, just before that
 * transaction commits; once it has committed, the {@link LogSequencer} numbers it (with the records other transactions
 * committed meanwhile, in one short transaction on the log's size row) and the committing caller waits for the index,
 * so an acknowledged record has its final index, a rolled-back one leaves no hole, and transactions that record
 * evidence do not queue on the size row while they commit.
 * <p>
 * <b>Integration.</b> {@link #integrate()} (run by the checkpoint signer before it signs) reads the leaves sequenced
 * since the last integration, hashes every complete subtree they close from the right edge of the tree, stores them in
 * {@code log_node}, and moves the integrated size on, under a lock of its own. Roots, proofs, tiles and checkpoints
 * cover the integrated tree: subtree hashes are read from the stored nodes, a proof in one query for its O(log n)
 * nodes.
 */
@Component
public class TransparencyLog {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TransparencyLog.class);
	/** How long a committing transaction waits for its records' indices. */
	private static final java.time.Duration SEQUENCING_WAIT = java.time.Duration.ofSeconds(10);

	private final JdbcClient jdbc;
	private final LogNodes nodes;
	private final EvidenceRepository records;
	private final LogSequencer sequencer;

	TransparencyLog(JdbcClient jdbc, LogNodes nodes, EvidenceRepository records, LogSequencer sequencer) {
		this.jdbc = jdbc;
		this.nodes = nodes;
		this.records = records;
		this.sequencer = sequencer;
	}

	/**
	 * Queues an evidence record and its leaf; both are written, in one batch with the transaction's other records, just
	 * before the transaction commits, and numbered once it has. With {@code content} (not null), the database keeps the
	 * record's content, written in the same batch and committed with it; else the content is in the blob store.
	 */
	public void appendAtCommit(cn.fangxin.evidence.EvidenceView record, List<String> parties, byte[] leaf,
			byte[] content) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("evidence is recorded inside a transaction");
		}
		current().leaves.add(new Pending(record, parties, leaf, content));
	}

	/**
	 * The leaf indices this transaction's records will get, by record id: empty until the transaction has committed and
	 * its records are numbered.
	 */
	public Map<String, Long> indicesAtCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("evidence is recorded inside a transaction");
		}
		return current().assigned;
	}

	/** The size of the integrated tree: the leaves whose subtree hashes are stored, which proofs can cover. */
	public long size() {
		return jdbc.sql("select size from log_integrated where id = 1").query(Long.class).single();
	}

	/** The number of leaves sequenced (committed with an index), integrated or not. */
	public long sequencedSize() {
		return jdbc.sql("select size from log_state where id = 1").query(Long.class).single();
	}

	/** Leaves integrated per round: bounds the memory and the transaction of one integration. */
	private static final int INTEGRATION_CHUNK = 20_000;

	/**
	 * Integrates every sequenced leaf into the stored tree; returns the integrated size. Call inside a transaction:
	 * integrators on several instances queue on the integration row, and each integrates what the last one left.
	 */
	public long integrate() {
		long integrated = jdbc.sql("select size from log_integrated where id = 1 for update").query(Long.class).single();
		long sequenced = sequencedSize();
		while (integrated < sequenced) {
			long to = Math.min(sequenced, integrated + INTEGRATION_CHUNK);
			List<byte[]> leaves = records.leaves(integrated, to);
			if (leaves.size() != to - integrated) {
				throw new IllegalStateException("leaves " + integrated + ".." + to + " are not all stored");
			}
			Map<Key, byte[]> known = new HashMap<>(rightEdge(integrated));
			Map<Key, byte[]> created = new HashMap<>();
			long index = integrated;
			for (byte[] leaf : leaves) {
				byte[] hash = Merkle.leafHash(leaf);
				int level = 0;
				long i = index;
				put(known, created, new Key(0, i), hash);
				while ((i & 1) == 1) {
					byte[] left = known.get(new Key(level, i - 1));
					hash = Merkle.nodeHash(left, hash);
					i >>= 1;
					level++;
					put(known, created, new Key(level, i), hash);
				}
				index++;
			}
			nodes.insert(created);
			integrated = to;
		}
		jdbc.sql("update log_integrated set size = :size where id = 1").param("size", integrated).update();
		return integrated;
	}

	/** The root hash of the tree of the given size (at most the integrated size). */
	public byte[] root(long size) {
		if (size == 0) {
			return Merkle.emptyRoot();
		}
		return fetched(size).hash(0, size);
	}

	/** The inclusion proof of a leaf in the tree of {@code treeSize}. */
	public List<byte[]> inclusionProof(long index, long treeSize) {
		return Merkle.inclusionProof(index, treeSize, fetched(treeSize, h -> Merkle.inclusionProof(index, treeSize, h)));
	}

	/** The consistency proof between two tree sizes. */
	public List<byte[]> consistencyProof(long from, long to) {
		return Merkle.consistencyProof(from, to, fetched(to, h -> Merkle.consistencyProof(from, to, h)));
	}

	/**
	 * A C2SP tlog-tiles hash tile: level {@code tileLevel} holds the tree's nodes at height 8·L; tile N covers node
	 * indices [256·N, 256·N + width). Empty when the tree (of the committed size) does not have that many nodes yet.
	 */
	public java.util.Optional<List<byte[]>> tile(int tileLevel, long n, int width) {
		if (tileLevel < 0 || tileLevel > 7 || n < 0 || width < 1 || width > 256) {
			return java.util.Optional.empty();
		}
		long available = size() >> (8 * tileLevel);
		if (256 * n + width > available) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(nodes.range(8 * tileLevel, 256 * n, 256 * n + width));
	}

	/** The stored hash of a complete subtree, if it exists. */
	public java.util.Optional<byte[]> node(int level, long index) {
		return java.util.Optional.ofNullable(nodes.find(List.of(new Key(level, index))).get(new Key(level, index)));
	}

	/** Subtree hashes for a tree of {@code size}, every node they need read in one query. */
	Merkle.SubtreeHashes fetched(long size) {
		return fetched(size, h -> h.hash(0, size));
	}

	/**
	 * Runs {@code computation} once against a recorder to learn which stored nodes it needs, reads them in one query,
	 * and returns subtree hashes backed by them.
	 */
	private Merkle.SubtreeHashes fetched(long size, java.util.function.Consumer<Merkle.SubtreeHashes> computation) {
		Set<Key> needed = new LinkedHashSet<>();
		Merkle.SubtreeHashes recorder = (start, end) -> {
			perfect(start, end, needed);
			return new byte[32];
		};
		computation.accept(recorder);
		Map<Key, byte[]> found = nodes.find(needed);
		if (found.size() != needed.size()) {
			throw new IllegalStateException("the log is missing stored nodes for a tree of size " + size);
		}
		return new Merkle.SubtreeHashes() {
			@Override
			public byte[] hash(long start, long end) {
				long n = end - start;
				if (Long.bitCount(n) == 1 && start % n == 0) {
					return found.get(new Key(Long.numberOfTrailingZeros(n), start / n));
				}
				long k = Merkle.split(n);
				return Merkle.nodeHash(hash(start, start + k), hash(start + k, end));
			}
		};
	}

	/** The complete, aligned subtrees that make up {@code [start, end)} along RFC 9162's splits. */
	static void perfect(long start, long end, Set<Key> out) {
		long n = end - start;
		if (Long.bitCount(n) == 1 && start % n == 0) {
			out.add(new Key(Long.numberOfTrailingZeros(n), start / n));
			return;
		}
		long k = Merkle.split(n);
		perfect(start, start + k, out);
		perfect(start + k, end, out);
	}

	/** Stores this transaction's records, still without their indices; called just before it commits. */
	private void store(List<Pending> leaves) {
		if (leaves.isEmpty()) {
			return;
		}
		List<EvidenceRepository.NewRow> rows = new ArrayList<>(leaves.size());
		for (Pending leaf : leaves) {
			rows.add(new EvidenceRepository.NewRow(leaf.record(), leaf.parties(), leaf.bytes(), null, leaf.content()));
		}
		records.insertAll(rows);
	}

	/**
	 * Has the records of a transaction that just committed numbered, and waits for their indices. Should the sequencer
	 * not answer in time, the records keep waiting in the table and the next sweep numbers them.
	 */
	private void number(List<Pending> leaves, Map<String, Long> assigned) {
		if (leaves.isEmpty()) {
			return;
		}
		try {
			assigned.putAll(sequencer.submit(leaves.stream().map(l -> l.record().id()).toList())
				.get(SEQUENCING_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
			log.warn("{} committed evidence records are not numbered yet; the checkpoint signer's sweep will number them",
					leaves.size(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void put(Map<Key, byte[]> known, Map<Key, byte[]> created, Key key, byte[] hash) {
		known.put(key, hash);
		created.put(key, hash);
	}

	/** The complete subtrees on the right edge of a tree of {@code size}: the left siblings new leaves will meet. */
	private Map<Key, byte[]> rightEdge(long size) {
		List<Key> keys = new ArrayList<>();
		for (int level = 0; level < 63; level++) {
			if (((size >> level) & 1) == 1) {
				keys.add(new Key(level, (size >> level) - 1));
			}
		}
		return nodes.find(keys);
	}

	private Batch current() {
		for (TransactionSynchronization sync : TransactionSynchronizationManager.getSynchronizations()) {
			if (sync instanceof Batch batch && batch.owner == this) {
				return batch;
			}
		}
		Batch batch = new Batch(this);
		TransactionSynchronizationManager.registerSynchronization(batch);
		return batch;
	}

	private record Pending(cn.fangxin.evidence.EvidenceView record, List<String> parties, byte[] bytes, byte[] content) {
	}

	private static final class Batch implements TransactionSynchronization {

		private final TransparencyLog owner;
		private final List<Pending> leaves = new ArrayList<>();
		private final Map<String, Long> assigned = new java.util.concurrent.ConcurrentHashMap<>();

		Batch(TransparencyLog owner) {
			this.owner = owner;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			owner.store(leaves);
		}

		@Override
		public void afterCommit() {
			owner.number(leaves, assigned);
		}
	}
}
