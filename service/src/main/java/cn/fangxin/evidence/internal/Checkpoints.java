package cn.fangxin.evidence.internal;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.platform.SqlTime;
import cn.fangxin.verify.SignedNote;

/**
 * Numbers any committed record its instance left without an index, integrates the leaves sequenced since the last
 * round into the stored tree and signs a checkpoint of the log whenever it has grown, every {@code fangxin.log.checkpoint-interval} (500 ms), so a
 * record is inside a signed checkpoint within about a second. Checkpoints come from the one stored tree, so no two can
 * disagree; two instances signing the same size produce the same note (Ed25519 is deterministic) and the second is
 * ignored.
 */
@Component
public class Checkpoints implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

	private final JdbcClient jdbc;
	private final TransparencyLog tree;
	private final LogSequencer sequencer;
	private final LogKeys keys;
	private final TimestampAuthority tsa;
	private final TaskScheduler scheduler;
	private final Clock clock;
	private final TransactionTemplate transactions;
	private final java.util.concurrent.locks.ReentrantLock signing = new java.util.concurrent.locks.ReentrantLock();
	private final java.time.Duration interval;
	private volatile ScheduledFuture<?> task;

	Checkpoints(JdbcClient jdbc, TransparencyLog tree, LogSequencer sequencer, LogKeys keys, TimestampAuthority tsa,
			TaskScheduler scheduler, Clock clock, PlatformTransactionManager transactionManager,
			@Value("${fangxin.log.checkpoint-interval:500ms}") java.time.Duration interval) {
		this.jdbc = jdbc;
		this.tree = tree;
		this.sequencer = sequencer;
		this.keys = keys;
		this.tsa = tsa;
		this.scheduler = scheduler;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.interval = interval;
	}

	/**
	 * Signs a checkpoint for the current size if there is none yet; returns the latest checkpoint. Integrating and
	 * signing run in a transaction of their own, so that a reader in a read-only transaction (a bundle) can ask for one,
	 * and integrators on several instances queue on the integration row. The time-stamping authority is asked after
	 * that transaction has committed: a slow or unreachable authority holds no lock the other instances wait on.
	 */
	public Optional<Signed> signNow() {
		// one signer at a time in this instance; a lock, not a monitor, so that a virtual thread waiting for it (a
		// request asking for a checkpoint) does not pin its carrier while the holder waits on the TSA (JDK 21 to 23)
		signing.lock();
		try {
			Optional<Signed> signed = transactions.execute(status -> integrateAndSign());
			signed.ifPresent(this::stampIfMissing);
			return signed;
		}
		finally {
			signing.unlock();
		}
	}

	private Optional<Signed> integrateAndSign() {
		long size = tree.integrate();
		Optional<Signed> latest = latest();
		if (latest.isPresent() && latest.get().size() >= size) {
			return latest;
		}
		byte[] root = tree.root(size);
		String note = keys.sign(new SignedNote.Checkpoint(keys.origin(), size, root, List.of()).text());
		try {
			jdbc.sql("""
					insert into log_checkpoint (size, root, note, signed_at) values (:size, :root, :note, :at)""")
				.param("size", size)
				.param("root", HexFormat.of().formatHex(root))
				.param("note", note)
				.param("at", SqlTime.of(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException anotherInstanceSignedIt) {
			// The same size, the same root, the same deterministic signature.
		}
		return latest();
	}

	/**
	 * Stamps a checkpoint by the time-stamping authority unless it carries a token already; a checkpoint signed by an
	 * instance without one, or while the authority was down, is stamped on the next round. The token is stored in a
	 * transaction of its own; two instances stamping the same checkpoint keep the first token.
	 */
	private void stampIfMissing(Signed checkpoint) {
		if (!tsa.configured() || timestamp(checkpoint.size()).isPresent()) {
			return;
		}
		tsa.stamp(checkpoint.note().getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.ifPresent(token -> transactions.executeWithoutResult(status -> jdbc
				.sql("update log_checkpoint set timestamp_token = :token where size = :size and timestamp_token is null")
				.param("token", java.util.Base64.getEncoder().encodeToString(token))
				.param("size", checkpoint.size())
				.update()));
	}

	/** The latest signed checkpoint. */
	public Optional<Signed> latest() {
		return jdbc.sql("select size, root, note, signed_at from log_checkpoint order by size desc limit 1")
			.query((rs, n) -> new Signed(rs.getLong("size"), rs.getString("root"), rs.getString("note"),
					SqlTime.read(rs, "signed_at")))
			.optional();
	}

	/** The checkpoint signed for exactly this size, if any. */
	public Optional<Signed> at(long size) {
		return jdbc.sql("select size, root, note, signed_at from log_checkpoint where size = :size")
			.param("size", size)
			.query((rs, n) -> new Signed(rs.getLong("size"), rs.getString("root"), rs.getString("note"),
					SqlTime.read(rs, "signed_at")))
			.optional();
	}

	/** The RFC 3161 token (DER) of the checkpoint of this size, if it was stamped. */
	public Optional<byte[]> timestamp(long size) {
		return jdbc.sql("select timestamp_token from log_checkpoint where size = :size and timestamp_token is not null")
			.param("size", size)
			.query(String.class)
			.optional()
			.map(java.util.Base64.getDecoder()::decode);
	}

	/** Every checkpoint, oldest first (for audits). */
	public List<Signed> all() {
		return jdbc.sql("select size, root, note, signed_at from log_checkpoint order by size")
			.query((rs, n) -> new Signed(rs.getLong("size"), rs.getString("root"), rs.getString("note"),
					SqlTime.read(rs, "signed_at")))
			.list();
	}

	/**
	 * A signed checkpoint.
	 *
	 * @param size tree size
	 * @param rootHex root hash, hex
	 * @param note the signed note
	 * @param signedAt when
	 */
	public record Signed(long size, String rootHex, String note, java.time.Instant signedAt) {
	}

	/**
	 * One round of the signer, as its schedule runs it: numbers records left without an index, then integrates and signs
	 * ({@link #signNow()}). The transaction is opened in code, not by an annotation's proxy, which the schedule (calling
	 * this object) would bypass: integration would then take the integration row's lock for one statement only, and a
	 * round racing another instance could store a subtree twice and fail, or store the subtrees and die before moving
	 * the integrated size, leaving every later round to fail on them.
	 */
	public void signRound() {
		sequencer.sweep();
		signNow();
	}

	@Override
	public void start() {
		task = scheduler.scheduleWithFixedDelay(() -> {
			try {
				signRound();
			}
			catch (RuntimeException e) {
				log.warn("could not sign a checkpoint", e);
			}
		}, interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = task;
		if (running != null) {
			running.cancel(false);
			task = null;
		}
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}
}
