package cn.fangxin.platform.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.SqlTime;

/** The {@code deadline} table. */
@Repository
public class DeadlineRepository {

	static final String PENDING = "PENDING";
	static final String FIRED = "FIRED";
	static final String CANCELLED = "CANCELLED";
	static final String FAILED = "FAILED";

	private final JdbcClient jdbc;
	private final Clock clock;

	DeadlineRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Deadline insert(String kind, String subjectId, Instant dueAt, String payload) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into deadline (kind, subject_id, due_at, payload, status, attempts, created_at)
				values (:kind, :subject, :due, :payload, 'PENDING', 0, :now)""")
			.param("kind", kind)
			.param("subject", subjectId)
			.param("due", SqlTime.of(dueAt))
			.param("payload", payload)
			.param("now", SqlTime.of(clock.instant()))
			.update(keys, "id");
		return new Deadline(keys.getKey().longValue(), kind, subjectId, dueAt, payload);
	}

	public Deadline moveDue(Deadline deadline, Instant dueAt) {
		jdbc.sql("update deadline set due_at = :due where id = :id and status = 'PENDING'")
			.param("due", SqlTime.of(dueAt))
			.param("id", deadline.id())
			.update();
		return new Deadline(deadline.id(), deadline.kind(), deadline.subjectId(), dueAt, deadline.payload());
	}

	public int cancelPending(String kind, String subjectId) {
		return jdbc.sql("""
				update deadline set status = 'CANCELLED', fired_at = :now
				where kind = :kind and subject_id = :subject and status = 'PENDING'""")
			.param("now", SqlTime.of(clock.instant()))
			.param("kind", kind)
			.param("subject", subjectId)
			.update();
	}

	/** {@link #cancelPending} of those due after {@code after} only. */
	public int cancelPendingDueAfter(String kind, String subjectId, java.time.Duration after) {
		Instant now = clock.instant();
		return jdbc.sql("""
				update deadline set status = 'CANCELLED', fired_at = :now
				where kind = :kind and subject_id = :subject and status = 'PENDING' and due_at > :after""")
			.param("now", SqlTime.of(now))
			.param("kind", kind)
			.param("subject", subjectId)
			.param("after", SqlTime.of(now.plus(after)))
			.update();
	}

	public Optional<Deadline> findPending(String kind, String subjectId) {
		return jdbc.sql("""
				select * from deadline where kind = :kind and subject_id = :subject and status = 'PENDING'
				order by due_at, id""")
			.param("kind", kind)
			.param("subject", subjectId)
			.query(DeadlineRepository::map)
			.list()
			.stream()
			.findFirst();
	}

	public List<Deadline> findPendingFor(String subjectId) {
		return jdbc.sql("select * from deadline where subject_id = :subject and status = 'PENDING' order by due_at, id")
			.param("subject", subjectId)
			.query(DeadlineRepository::map)
			.list();
	}

	/** Ids of pending deadlines due at or before {@code now}, in due order. */
	List<Long> dueIds(Instant now, int limit) {
		return jdbc.sql("""
				select id from deadline where status = 'PENDING' and due_at <= :now
				order by due_at, id limit :limit""")
			.param("now", SqlTime.of(now))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/** Like {@link #dueIds(Instant, int)}, of the given kinds only ({@code among}) or of every other kind. */
	List<Long> dueIds(Instant now, int limit, java.util.Set<String> kinds, boolean among) {
		if (kinds.isEmpty()) {
			return among ? List.of() : dueIds(now, limit);
		}
		return jdbc.sql("select id from deadline where status = 'PENDING' and due_at <= :now and kind "
				+ (among ? "in" : "not in") + " (:kinds) order by due_at, id limit :limit")
			.param("now", SqlTime.of(now))
			.param("kinds", kinds)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/** The earliest due time of a pending deadline at or before {@code horizon}. */
	Optional<Instant> nextDueAtOrBefore(Instant horizon) {
		return jdbc.sql("select min(due_at) as due_at from deadline where status = 'PENDING' and due_at <= :horizon")
			.param("horizon", SqlTime.of(horizon))
			.query((rs, n) -> Optional.ofNullable(SqlTime.read(rs, "due_at")))
			.single();
	}

	/**
	 * Claims a pending deadline for this instance. Exactly one concurrent caller gets it: the conditional update
	 * takes the row lock, and a second claimant re-reads the row after the first commits and finds it no longer
	 * pending. Must run in the transaction that also runs the handler.
	 */
	Optional<Deadline> claim(long id, Instant now, String instance) {
		int claimed = jdbc.sql("""
				update deadline set status = 'FIRED', fired_at = :now, fired_by = :instance
				where id = :id and status = 'PENDING' and due_at <= :now""")
			.param("now", SqlTime.of(now))
			.param("instance", instance)
			.param("id", id)
			.update();
		if (claimed == 0) {
			return Optional.empty();
		}
		return jdbc.sql("select * from deadline where id = :id").param("id", id).query(DeadlineRepository::map).optional();
	}

	/** Records a failed attempt: retried at {@code retryAt}, or FAILED after the last attempt. */
	void recordFailure(long id, String error, Instant retryAt, int maxAttempts) {
		jdbc.sql("""
				update deadline set attempts = attempts + 1, last_error = :error,
				  due_at = :retry,
				  status = case when attempts + 1 >= :max then 'FAILED' else 'PENDING' end
				where id = :id and status = 'PENDING'""")
			.param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
			.param("retry", SqlTime.of(retryAt))
			.param("max", maxAttempts)
			.param("id", id)
			.update();
	}

	int attempts(long id) {
		return jdbc.sql("select attempts from deadline where id = :id").param("id", id).query(Integer.class).single();
	}

	/** Deadlines in a given status, latest due first, for staff. */
	public List<DeadlineView> findByStatus(String status, int limit) {
		return jdbc.sql("""
				select * from deadline where status = :status order by due_at desc, id desc limit :limit""")
			.param("status", status)
			.param("limit", limit)
			.query((rs, n) -> new DeadlineView(rs.getLong("id"), rs.getString("kind"), rs.getString("subject_id"),
					SqlTime.read(rs, "due_at"), rs.getString("status"), rs.getInt("attempts"),
					rs.getString("last_error"), SqlTime.read(rs, "fired_at"), rs.getString("fired_by")))
			.list();
	}

	private static Deadline map(ResultSet rs, int row) throws SQLException {
		return new Deadline(rs.getLong("id"), rs.getString("kind"), rs.getString("subject_id"),
				SqlTime.read(rs, "due_at"), rs.getString("payload"));
	}

	/** A deadline as staff see it. */
	public record DeadlineView(long id, String kind, String subjectId, Instant dueAt, String status, int attempts,
			String lastError, Instant firedAt, String firedBy) {
	}
}
