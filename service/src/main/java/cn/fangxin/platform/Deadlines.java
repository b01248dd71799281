package cn.fangxin.platform;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.platform.internal.DeadlineRepository;

/**
 * Durable deadlines: stored in the database, fired once each, in due order, on whichever instance claims them first.
 * Scheduling joins the caller's transaction, so a deadline exists exactly when the state that needs it was committed.
 */
@Service
public class Deadlines {

	private final DeadlineRepository repository;

	Deadlines(DeadlineRepository repository) {
		this.repository = repository;
	}

	/** Schedules a new deadline. */
	@Transactional
	public Deadline schedule(String kind, String subjectId, Instant dueAt) {
		return schedule(kind, subjectId, dueAt, null);
	}

	/** Schedules a new deadline carrying a small payload for its handler. */
	@Transactional
	public Deadline schedule(String kind, String subjectId, Instant dueAt, String payload) {
		return repository.insert(kind, subjectId, dueAt, payload);
	}

	/**
	 * Moves the pending deadline of this kind for this subject to a new time, or schedules one if there is none. Not
	 * under a lock the deadline's handler takes: the scheduler claims the deadline's row and then runs the handler, so
	 * a caller holding the subject's row and waiting here for the claimed row deadlocks with it. Under such a lock,
	 * schedule a new deadline and let the handler ignore the stale one.
	 */
	@Transactional
	public Deadline reschedule(String kind, String subjectId, Instant dueAt) {
		return repository.findPending(kind, subjectId)
			.map(existing -> repository.moveDue(existing, dueAt))
			.orElseGet(() -> repository.insert(kind, subjectId, dueAt, null));
	}

	/**
	 * Cancels the pending deadlines of this kind for this subject; returns how many there were. Like
	 * {@link #reschedule}, not under a lock the deadline's handler takes.
	 */
	@Transactional
	public int cancel(String kind, String subjectId) {
		return repository.cancelPending(kind, subjectId);
	}

	/**
	 * How long before it is due a deadline may still be {@linkplain #cancelNotDue cancelled under its handler's lock}:
	 * far more than instances' clocks differ by.
	 */
	public static final java.time.Duration NOT_DUE_MARGIN = java.time.Duration.ofMinutes(1);

	/**
	 * Cancels the pending deadlines of this kind for this subject that are due more than {@link #NOT_DUE_MARGIN} from
	 * now; returns how many. Unlike {@link #cancel}, safe under a lock the deadline's handler takes: the scheduler
	 * claims only deadlines that are due, so none of these is held by a handler, and nothing here waits for one. One
	 * due sooner is left to fire, and its handler finds nothing to do. For a change after which the deadline's firing
	 * would change nothing (a paid order's payment deadline), so that the scheduler does not claim it later for nothing.
	 */
	@Transactional
	public int cancelNotDue(String kind, String subjectId) {
		return repository.cancelPendingDueAfter(kind, subjectId, NOT_DUE_MARGIN);
	}

	/** The pending deadline of this kind for this subject, if any. */
	@Transactional(readOnly = true)
	public Optional<Deadline> pending(String kind, String subjectId) {
		return repository.findPending(kind, subjectId);
	}

	/** Every pending deadline about a subject, earliest first. */
	@Transactional(readOnly = true)
	public List<Deadline> pendingFor(String subjectId) {
		return repository.findPendingFor(subjectId);
	}
}
