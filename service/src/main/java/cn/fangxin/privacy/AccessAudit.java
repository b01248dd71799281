package cn.fangxin.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonIgnore;

import cn.fangxin.account.Caller;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.Details;
import cn.fangxin.platform.SqlTime;

/**
 * The access audit log (PIPL arts. 51, 54: access control and audits of personal information handling). Written in
 * the reader's transaction, so an unmasked read that fails leaves no entry and one that succeeds always does.
 */
@Service
public class AccessAudit {

	private final JdbcClient jdbc;
	private final Details details;

	private final Clock clock;

	AccessAudit(JdbcClient jdbc, Details details, Clock clock) {
		this.jdbc = jdbc;
		this.details = details;
		this.clock = clock;
	}

	/**
	 * Records that {@code reader} saw personal data unmasked.
	 *
	 * @param subjectType what kind of record ({@code MERCHANT})
	 * @param subjectId which one
	 * @param fields which fields were shown in full
	 * @param purpose why (the screen or API that showed them), kept as data so that each reader reads it in their
	 *     language, and in English beside it
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void unmaskedRead(Caller reader, String subjectType, String subjectId, List<String> fields, Detail purpose) {
		String english = details.english(purpose);
		jdbc.sql("""
				insert into access_audit (reader_account_id, reader_username, reader_role, subject_type, subject_id, fields,
				  purpose, purpose_data, at) values (:id, :username, :role, :type, :subject, :fields, :purpose, :data, :at)""")
			.param("id", reader.id().value())
			.param("username", reader.username())
			.param("role", reader.role().name())
			.param("type", subjectType)
			.param("subject", subjectId)
			.param("fields", String.join(",", fields))
			.param("purpose", english.length() > 200 ? english.substring(0, 200) : english)
			.param("data", details.encode(purpose))
			.param("at", SqlTime.of(clock.instant()))
			.update();
	}

	/**
	 * Records that {@code reader} found records by a piece of someone's personal data (staff's search by a recipient's
	 * mobile number): one entry per record found. In a transaction of its own, so that a search, which only reads, is
	 * on the record too.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void searched(Caller reader, String subjectType, List<String> subjectIds, List<String> fields, Detail purpose) {
		for (String subjectId : subjectIds) {
			unmaskedRead(reader, subjectType, subjectId, fields, purpose);
		}
	}

	/** An erased account's own readings keep its pseudonym, not its username (which another person may take later). */
	@Transactional(propagation = Propagation.MANDATORY)
	public int pseudonymiseReader(String accountId, String pseudonym) {
		return jdbc.sql("update access_audit set reader_username = :pseudonym where reader_account_id = :id")
			.param("pseudonym", pseudonym)
			.param("id", accountId)
			.update();
	}

	/** Entries about any of these records, newest first: who saw a person's data, for that person's own copy. */
	@Transactional(readOnly = true)
	public List<Entry> entriesAbout(java.util.Collection<String> subjectIds) {
		if (subjectIds.isEmpty()) {
			return List.of();
		}
		List<Entry> found = new java.util.ArrayList<>();
		List<String> ids = List.copyOf(subjectIds);
		for (int from = 0; from < ids.size(); from += 500) {
			List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
			found.addAll(jdbc.sql("select * from access_audit where subject_id in (:subjects)")
				.param("subjects", part)
				.query(this::entry)
				.list());
		}
		found.sort(java.util.Comparator.comparingLong(Entry::seq).reversed());
		return found;
	}

	/** Entries, newest first, optionally about one subject. */
	@Transactional(readOnly = true)
	public List<Entry> entries(String subjectId, int limit) {
		return jdbc.sql("""
				select * from access_audit where (:subject is null or subject_id = :subject) order by seq desc limit :limit""")
			.param("subject", subjectId, java.sql.Types.VARCHAR)
			.param("limit", limit)
			.query(this::entry)
			.list();
	}

	private Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Entry(rs.getLong("seq"), rs.getString("reader_account_id"), rs.getString("reader_username"),
				rs.getString("reader_role"), rs.getString("subject_type"), rs.getString("subject_id"),
				List.of(rs.getString("fields").split(",")), rs.getString("purpose"),
				details.decode(rs.getString("purpose_data")), SqlTime.read(rs, "at"));
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
	 * @param purpose why, in English
	 * @param purposeData why, as data (null for entries written before it was kept)
	 * @param at when
	 */
	public record Entry(long seq, String readerAccountId, String readerUsername, String readerRole, String subjectType,
			String subjectId, List<String> fields, String purpose, @JsonIgnore Detail purposeData, Instant at) {
	}
}
