package cn.fangxin.complaint.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.platform.SqlTime;

/** Categories staff corrected ({@code triage_correction}): the texts and labels retraining adds to the corpus. */
@Repository
public class TriageRepository {

	private final JdbcClient jdbc;

	TriageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A correction. */
	public record Correction(String complaintId, String text, String predicted, String corrected, String by,
			Instant at) {
	}

	public void insert(String complaintId, String text, String predicted, String corrected, String by, Instant at) {
		jdbc.sql("""
				insert into triage_correction (complaint_id, text, predicted, corrected, corrected_by, at)
				values (:complaint, :text, :predicted, :corrected, :by, :at)""")
			.param("complaint", complaintId)
			.param("text", text)
			.param("predicted", predicted)
			.param("corrected", corrected)
			.param("by", by)
			.param("at", SqlTime.of(at))
			.update();
	}

	/** Deletes the corrections of a consumer's complaints; returns how many. */
	public int deleteForConsumer(String consumerId) {
		return jdbc.sql("""
				delete from triage_correction where complaint_id in (select id from complaint where consumer_id = :consumer)""")
			.param("consumer", consumerId)
			.update();
	}

	public List<Correction> all() {
		return jdbc.sql("select * from triage_correction order by at, seq")
			.query((rs, n) -> new Correction(rs.getString("complaint_id"), rs.getString("text"), rs.getString("predicted"),
					rs.getString("corrected"), rs.getString("corrected_by"), SqlTime.read(rs, "at")))
			.list();
	}
}
