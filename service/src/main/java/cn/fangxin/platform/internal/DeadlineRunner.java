package cn.fangxin.platform.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.platform.AdjustableClock;
import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.DeadlineHandler;
import cn.fangxin.platform.FangxinProperties;

/**
 * Fires due deadlines. Each deadline is claimed and handled in one transaction of its own (see
 * {@link DeadlineRepository#claim}), so with any number of instances on one database a deadline's effects happen
 * once. Used by the background poller and by the test clock, which steps through due times in order.
 */
@Component
public class DeadlineRunner {

	private static final Logger log = LoggerFactory.getLogger(DeadlineRunner.class);

	private final DeadlineRepository repository;
	private final AdjustableClock clock;
	private final Map<String, DeadlineHandler> handlers;
	private final Set<String> waitingKinds;
	private final TransactionTemplate transactions;
	private final FangxinProperties.Deadlines settings;
	private final String instance;

	DeadlineRunner(DeadlineRepository repository, AdjustableClock clock, List<DeadlineHandler> handlers,
			PlatformTransactionManager transactionManager, FangxinProperties properties) {
		this.repository = repository;
		this.clock = clock;
		this.handlers = handlers.stream().collect(Collectors.toMap(DeadlineHandler::kind, Function.identity()));
		this.waitingKinds = handlers.stream()
			.filter(DeadlineHandler::waitsOnOthers)
			.map(DeadlineHandler::kind)
			.collect(Collectors.toUnmodifiableSet());
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.settings = properties.deadlines();
		this.instance = ManagementFactory.getRuntimeMXBean().getName();
	}

	/**
	 * Fires every deadline due at the clock's current time, in due order, until none is left that this instance can
	 * claim.
	 *
	 * @return how many this call fired
	 */
	public int fireDue() {
		return fireAllDue(null).fired();
	}

	/**
	 * Which deadlines a poll fires: those whose handlers act on the platform's own data, or those whose handlers wait
	 * on a party outside ({@link DeadlineHandler#waitsOnOthers()}). The poller runs the two on threads of their own.
	 */
	public enum Lane {
		OWN, OUTSIDE
	}

	/** {@link #fireDue()} for the deadlines of one lane. */
	public int fireDue(Lane lane) {
		return fireAllDue(lane).fired();
	}

	/** Whether any handler waits on a party outside, so that the {@link Lane#OUTSIDE} lane has work. */
	boolean hasOutsideWork() {
		return !waitingKinds.isEmpty();
	}

	private Round fireAllDue(Lane lane) {
		Round total = new Round(0, 0);
		while (true) {
			List<Long> due = lane == null ? repository.dueIds(clock.instant(), settings.batchSize())
					: repository.dueIds(clock.instant(), settings.batchSize(), waitingKinds, lane == Lane.OUTSIDE);
			int fired = 0;
			int failed = 0;
			for (long id : due) {
				switch (fireOne(id)) {
					case FIRED -> fired++;
					case FAILED -> failed++;
					case NOT_CLAIMED -> {
					}
				}
			}
			total = new Round(total.fired() + fired, total.failed() + failed);
			if (fired + failed == 0) {
				// Nothing due, or what is left is held by another instance.
				return total;
			}
		}
	}

	/**
	 * Moves the clock to {@code target} through every due time on the way, firing each deadline with the clock at its
	 * due time, so that what a handler records carries the time it would have had in real life, and deadlines created
	 * by handlers on the way fire too. A failing handler is retried at its back-off times on the way, like in real
	 * time.
	 */
	public synchronized void advanceTo(Instant target) {
		int roundsWithoutProgress = 0;
		while (roundsWithoutProgress < 3) {
			Optional<Instant> next = repository.nextDueAtOrBefore(target);
			if (next.isEmpty()) {
				break;
			}
			clock.moveTo(next.get());
			Round round = fireAllDue(null);
			// No progress means another instance holds the due claims; this call waited for its commit already.
			roundsWithoutProgress = round.fired() + round.failed() == 0 ? roundsWithoutProgress + 1 : 0;
		}
		clock.moveTo(target);
		fireDue();
	}

	private Outcome fireOne(long id) {
		Instant now = clock.instant();
		try {
			Boolean fired = transactions.execute(status -> {
				Optional<Deadline> claimed = repository.claim(id, now, instance);
				claimed.ifPresent(this::handle);
				return claimed.isPresent();
			});
			return Boolean.TRUE.equals(fired) ? Outcome.FIRED : Outcome.NOT_CLAIMED;
		}
		catch (RuntimeException failure) {
			return recordFailure(id, now, failure) ? Outcome.FAILED : Outcome.NOT_CLAIMED;
		}
	}

	private void handle(Deadline deadline) {
		DeadlineHandler handler = handlers.get(deadline.kind());
		if (handler == null) {
			throw new IllegalStateException("no handler for deadline kind " + deadline.kind());
		}
		handler.onDue(deadline);
	}

	/** Records a handler failure for a retry; false when the failure was only another instance holding the claim. */
	private boolean recordFailure(long id, Instant now, RuntimeException failure) {
		if (failure instanceof DataAccessException && isLockTimeout(failure)) {
			// Another instance holds the claim; it will fire or release the deadline.
			return false;
		}
		try {
			int attempts = repository.attempts(id) + 1;
			Duration backoff = Duration.ofSeconds(Math.min(3600, 10L << Math.min(attempts, 20)));
			transactions.executeWithoutResult(status -> repository.recordFailure(id,
					failure.getClass().getSimpleName() + ": " + failure.getMessage(), now.plus(backoff),
					settings.maxAttempts()));
			log.warn("deadline {} failed (attempt {} of {}), retry in {}", id, attempts, settings.maxAttempts(),
					backoff, failure);
			return true;
		}
		catch (RuntimeException again) {
			log.error("could not record the failure of deadline {}", id, again);
			return false;
		}
	}

	private enum Outcome {
		FIRED, FAILED, NOT_CLAIMED
	}

	private record Round(int fired, int failed) {
	}

	private static boolean isLockTimeout(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof java.sql.SQLException sql && ("HYT00".equals(sql.getSQLState())
					|| "55P03".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}
}
