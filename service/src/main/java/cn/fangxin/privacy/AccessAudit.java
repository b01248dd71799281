package cn.fangxin.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.platform.SqlTime;

/**
 * The access audit log (PIPL arts. 51, 54: access control and audits of personal information handling). Written in
 * the reader's transaction, so an unmasked read that fails leaves no entry and one that succeeds always does.
 */
@Service
public class AccessAudit {

	private final JdbcClient jdbc;
	private final Clock clock;

	AccessAudit(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records that {@code reader} saw personal data unmasked.
	 *
	 * @param subjectType what kind of record ({@code MERCHANT})
	 * @param subjectId which one
	 * @param fields which fields were shown in full
	 * @param purpose why (the screen or API that showed them)
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void unmaskedRead(Caller reader, String subjectType, String subjectId, List<String> fields, String purpose) {
		jdbc.sql("""
				insert into access_audit (reader_account_id, reader_username, reader_role, subject_type, subject_id, fields,
				  purpose, at) values (:id, :username, :role, :type, :subject, :fields, :purpose, :at)""")
			.param("id", reader.id().value())
			.param("username", reader.username())
			.param("role", reader.role().name())
			.param("type", subjectType)
			.param("subject", subjectId)
			.param("fields", String.join(",", fields))
			.param("purpose", purpose)
			.param("at", SqlTime.of(clock.instant()))
			.update();
	}

	/** Entries, newest first, optionally about one subject. */
	@Transactional(readOnly = true)
	public List<Entry> entries(String subjectId, int limit) {
		return jdbc.sql("""
				select * from access_audit where (:subject is null or subject_id = :subject) order by seq desc limit :limit""")
			.param("subject", subjectId, java.sql.Types.VARCHAR)
			.param("limit", limit)
			.query((rs, n) -> new Entry(rs.getLong("seq"), rs.getString("reader_account_id"), rs.getString("reader_username"),
					rs.getString("reader_role"), rs.getString("subject_type"), rs.getString("subject_id"),
					List.of(rs.getString("fields").split(",")), rs.getString("purpose"), SqlTime.read(rs, "at")))
			.list();
	}

	/**
	 * One unmasked read.
	 *
	 * @param seq its number
	 * @param readerAccountId who read
	 * @param readerUsername their username
	 * @param readerRole their role
	 * @param subjectType record kind
	 * @param subjectId record id
	 * @param fields fields shown in full
	 * @param purpose why
	 * @param at when
	 */
	public record Entry(long seq, String readerAccountId, String readerUsername, String readerRole, String subjectType,
			String subjectId, List<String> fields, String purpose, Instant at) {
	}
}
