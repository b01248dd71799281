package cn.fangxin.evidence.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.platform.SqlTime;

/** The {@code evidence} table. Rows are never updated, but for the leaf index given at commit. */
@Repository
public class EvidenceRepository {

	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate named;

	EvidenceRepository(JdbcClient jdbc, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate named) {
		this.jdbc = jdbc;
		this.named = named;
	}

	/** A stored record with who may read it and its leaf bytes. */
	public record Row(EvidenceView view, List<String> parties, String leaf) {
	}

	/**
	 * A record to insert, with its leaf bytes, its index in the log (null: numbered in the same transaction) and its
	 * content when the database keeps it (null: the content is in the blob store).
	 */
	public record NewRow(EvidenceView view, List<String> parties, byte[] leaf, Long leafIndex, byte[] content) {
	}

	/** The columns of a record, without its content (read on its own, when asked for). */
	private static final String COLUMNS = "id, kind, sha256, size, media_type, occurred_at, recorded_at, submitter, "
			+ "order_ref, complaint_ref, parties, leaf, leaf_index";

	/** Inserts records in one batch (at commit, by the log). */
	void insertAll(List<NewRow> rows) {
		var params = rows.stream()
			.map(r -> new org.springframework.jdbc.core.namedparam.MapSqlParameterSource().addValue("id", r.view().id())
				.addValue("kind", r.view().kind().name())
				.addValue("sha", r.view().sha256())
				.addValue("size", r.view().size())
				.addValue("media", r.view().mediaType())
				.addValue("occurred", SqlTime.of(r.view().occurredAt()))
				.addValue("recorded", SqlTime.of(r.view().recordedAt()))
				.addValue("submitter", r.view().submitter())
				.addValue("order", r.view().orderId())
				.addValue("complaint", r.view().complaintId())
				.addValue("parties", String.join(",", r.parties()))
				.addValue("leaf", new String(r.leaf(), java.nio.charset.StandardCharsets.UTF_8))
				.addValue("index", r.leafIndex()))
			.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new);
		named.batchUpdate("""
				insert into evidence (id, kind, sha256, size, media_type, occurred_at, recorded_at, submitter, order_ref,
				  complaint_ref, parties, leaf, leaf_index)
				values (:id, :kind, :sha, :size, :media, :occurred, :recorded, :submitter, :order, :complaint, :parties, :leaf,
				  :index)""", params);
		var contents = rows.stream()
			.filter(r -> r.content() != null)
			.map(r -> new org.springframework.jdbc.core.namedparam.MapSqlParameterSource().addValue("id", r.view().id())
				.addValue("content", r.content(), java.sql.Types.VARBINARY))
			.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new);
		if (contents.length > 0) {
			named.batchUpdate("insert into evidence_content (evidence_id, content) values (:id, :content)", contents);
		}
	}

	/** The content the database keeps for a record, if it does (else it is in the blob store). */
	public Optional<byte[]> content(String id) {
		return jdbc.sql("select content from evidence_content where evidence_id = :id")
			.param("id", id)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	/** The leaf bytes of indices {@code from} (inclusive) to {@code to} (exclusive), in order. */
	List<byte[]> leaves(long from, long to) {
		return jdbc.sql("select leaf from evidence where leaf_index >= :from and leaf_index < :to order by leaf_index")
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.list();
	}

	public Optional<Row> find(String id) {
		return jdbc.sql("select " + COLUMNS + " from evidence where id = :id").param("id", id).query(EvidenceRepository::map).optional();
	}

	public Optional<Row> byLeafIndex(long index) {
		return jdbc.sql("select " + COLUMNS + " from evidence where leaf_index = :index")
			.param("index", index)
			.query(EvidenceRepository::map)
			.optional();
	}

	public List<Row> ofOrder(String orderId) {
		return jdbc.sql("select " + COLUMNS + " from evidence where order_ref = :id and leaf_index is not null order by leaf_index")
			.param("id", orderId)
			.query(EvidenceRepository::map)
			.list();
	}

	/** The records a person submitted, numbered in the log, newest first: below {@code beforeLeaf} when given. */
	public List<Row> bySubmitter(String submitter, Long beforeLeaf, int limit) {
		return jdbc.sql("select " + COLUMNS + " from evidence where submitter = :submitter and leaf_index is not null"
				+ " and (:before is null or leaf_index < :before) order by leaf_index desc limit :limit")
			.param("submitter", submitter)
			.param("before", beforeLeaf, java.sql.Types.BIGINT)
			.param("limit", limit)
			.query(EvidenceRepository::map)
			.list();
	}

	public List<Row> ofComplaint(String complaintId) {
		return jdbc.sql("select " + COLUMNS + " from evidence where complaint_ref = :id and leaf_index is not null order by leaf_index")
			.param("id", complaintId)
			.query(EvidenceRepository::map)
			.list();
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		long index = rs.getLong("leaf_index");
		Long leafIndex = rs.wasNull() ? null : index;
		EvidenceView view = new EvidenceView(rs.getString("id"), EvidenceKind.valueOf(rs.getString("kind")),
				rs.getString("sha256"), rs.getLong("size"), rs.getString("media_type"), leafIndex,
				SqlTime.read(rs, "recorded_at"), SqlTime.read(rs, "occurred_at"), rs.getString("order_ref"),
				rs.getString("complaint_ref"), rs.getString("submitter"));
		String parties = rs.getString("parties");
		return new Row(view, parties.isEmpty() ? List.of() : Arrays.asList(parties.split(",")), rs.getString("leaf"));
	}

}
