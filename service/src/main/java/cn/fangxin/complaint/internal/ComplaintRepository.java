package cn.fangxin.complaint.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.complaint.Channel;
import cn.fangxin.complaint.ComplaintCategory;
import cn.fangxin.complaint.ComplaintStatus;
import cn.fangxin.complaint.ComplaintView;
import cn.fangxin.complaint.Tier;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.Details;
import cn.fangxin.platform.SqlTime;
import cn.fangxin.platform.StatusUpdate;

/** The complaint tables: complaint, complaint_event, complaint_deadline, complaint_referral, collective_case. */
@Repository
public class ComplaintRepository {

	private final JdbcClient jdbc;

	private final Details details;

	ComplaintRepository(JdbcClient jdbc, Details details) {
		this.jdbc = jdbc;
		this.details = details;
	}

	/** A complaint's row. */
	public record Row(String id, String consumerId, String merchantId, String orderId, String listingId, Channel channel,
			ComplaintCategory category, Tier tier, ComplaintStatus status, String priority, String text,
			List<String> claims, Long amountFen, Long priceFen, List<String> evidenceIds, String enteredBy, String dueStep,
			Instant dueAt, Instant firstResponseAt, Long offerRefundFen, Long offerCompensationFen, String offerAction,
			String offerMessage, String decidedBy, String outcome, Long decisionRefundFen, Long decisionCompensationFen,
			String sanction, String reasoning, Instant decidedAt, Instant appealBy, String appealedBy, long refundedFen,
			long compensatedFen, String resolution, Instant resolvedAt, String collectiveCaseId, Instant createdAt,
			String categorySource, Double triageConfidence, String letter) {

		public boolean hasOffer() {
			return offerAction != null;
		}
	}

	public void insert(Row r) {
		jdbc.sql("""
				insert into complaint (id, consumer_id, merchant_id, order_id, listing_id, channel, category, tier, status,
				  priority, text, claims, amount_fen, price_fen, evidence_ids, entered_by, refunded_fen, compensated_fen,
				  created_at, updated_at, category_source, triage_confidence, letter)
				values (:id, :consumer, :merchant, :order, :listing, :channel, :category, :tier, :status, 'NORMAL', :text,
				  :claims, :amount, :price, :evidence, :enteredBy, 0, 0, :now, :now, :source, :confidence, :letter)""")
			.param("source", r.categorySource())
			.param("confidence", r.triageConfidence(), Types.DOUBLE)
			.param("letter", r.letter(), Types.VARCHAR)
			.param("id", r.id())
			.param("consumer", r.consumerId())
			.param("merchant", r.merchantId())
			.param("order", r.orderId(), Types.VARCHAR)
			.param("listing", r.listingId(), Types.VARCHAR)
			.param("channel", r.channel().name())
			.param("category", r.category().name())
			.param("tier", r.tier().name())
			.param("status", r.status().name())
			.param("text", r.text())
			.param("claims", String.join(",", r.claims()))
			.param("amount", r.amountFen(), Types.BIGINT)
			.param("price", r.priceFen(), Types.BIGINT)
			.param("evidence", String.join(",", r.evidenceIds()))
			.param("enteredBy", r.enteredBy(), Types.VARCHAR)
			.param("now", SqlTime.of(r.createdAt()))
			.update();
	}

	public Optional<Row> find(String id) {
		return jdbc.sql("select * from complaint where id = :id").param("id", id).query(ComplaintRepository::row).optional();
	}

	/** The row, locked until the transaction ends: every change of a complaint goes through this. */
	public Optional<Row> lock(String id) {
		return jdbc.sql("select * from complaint where id = :id for update")
			.param("id", id)
			.query(ComplaintRepository::row)
			.optional();
	}

	/** Changes of one complaint, applied to its locked row. */
	public void update(String id, ComplaintStatus status, Instant now, Map<String, Object> fields) {
		StatusUpdate.apply(jdbc, "complaint", id, status.name(), now, fields);
	}

	public void event(String id, Instant at, String event, String actor, Tier tier, Detail detail) {
		jdbc.sql("""
				insert into complaint_event (complaint_id, seq, at, event, actor, tier, detail, detail_data)
				values (:id, (select coalesce(max(seq), 0) + 1 from complaint_event where complaint_id = :id), :at, :event,
				  :actor, :tier, :detail, :data)""")
			.param("id", id)
			.param("at", SqlTime.of(at))
			.param("event", event)
			.param("actor", actor)
			.param("tier", tier.name())
			.param("detail", details.english(detail), Types.VARCHAR)
			.param("data", details.encode(detail), Types.VARCHAR)
			.update();
	}

	public List<ComplaintView.Event> timeline(String id) {
		return jdbc.sql("""
				select at, event, actor, tier, detail, detail_data from complaint_event where complaint_id = :id order by seq""")
			.param("id", id)
			.query((rs, n) -> new ComplaintView.Event(SqlTime.read(rs, "at"), rs.getString("event"), rs.getString("actor"),
					Tier.valueOf(rs.getString("tier")), rs.getString("detail"), details.decode(rs.getString("detail_data"))))
			.list();
	}

	// ------------------------------------------------------------------------------------------------ deadlines kept

	/** A deadline set on the complaint, for the statistics. */
	public void deadlineSet(String id, String step, Instant dueAt) {
		jdbc.sql("insert into complaint_deadline (complaint_id, step, due_at) values (:id, :step, :due)")
			.param("id", id)
			.param("step", step)
			.param("due", SqlTime.of(dueAt))
			.update();
	}

	/** The open deadline of a step was met (acted before it) or missed (the scheduler got there first). */
	public void deadlineClosed(String id, String step, Instant at, boolean met) {
		jdbc.sql("""
				update complaint_deadline set closed_at = :at, met = :met
				where complaint_id = :id and step = :step and closed_at is null""")
			.param("id", id)
			.param("step", step)
			.param("at", SqlTime.of(at))
			.param("met", met)
			.update();
	}

	/** Open deadlines of a complaint become moot (the complaint left their tier); neither met nor missed. */
	public void deadlinesMoot(String id, Instant at) {
		jdbc.sql("update complaint_deadline set closed_at = :at where complaint_id = :id and closed_at is null")
			.param("id", id)
			.param("at", SqlTime.of(at))
			.update();
	}

	/** Deadlines met and missed: [met, missed]. */
	public long[] deadlineCounts() {
		return jdbc.sql("""
				select coalesce(sum(case when met = true then 1 else 0 end), 0) m,
				  coalesce(sum(case when met = false then 1 else 0 end), 0) x from complaint_deadline""")
			.query((rs, n) -> new long[] { rs.getLong("m"), rs.getLong("x") })
			.single();
	}

	// ------------------------------------------------------------------------------------------------ lists

	/** A consumer's or a shop's complaints, newest first. */
	/** How many complaints against a shop are in one of these statuses. */
	public long countForMerchant(String merchantId, java.util.Collection<String> statuses) {
		return jdbc.sql("select count(*) from complaint where merchant_id = :m and status in (:statuses)")
			.param("m", merchantId)
			.param("statuses", statuses)
			.query(Long.class)
			.single();
	}

	public List<Row> listFor(String column, String value, int limit) {
		if (!column.equals("consumer_id") && !column.equals("merchant_id")) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("select * from complaint where " + column + " = :v order by created_at desc, id desc limit :limit")
			.param("v", value)
			.param("limit", limit)
			.query(ComplaintRepository::row)
			.list();
	}

	/** Complaints in the given statuses, raised priority first, then by deadline: the staff's queues. */
	public List<Row> queue(List<ComplaintStatus> statuses, int limit) {
		return jdbc.sql("""
				select * from complaint where status in (:statuses)
				order by case when priority = 'HIGH' then 0 else 1 end, due_at, created_at, id limit :limit""")
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.param("limit", limit)
			.query(ComplaintRepository::row)
			.list();
	}

	/** Complaints referred to the regulator or that came from it, newest first. */
	public List<Row> forRegulator(int limit) {
		return jdbc.sql("""
				select * from complaint c where c.channel = 'REGULATOR_12315' or exists (select 1 from complaint_referral r
				  where r.complaint_id = c.id and r.destination = 'REGULATOR_12315')
				order by c.updated_at desc, c.id limit :limit""")
			.param("limit", limit)
			.query(ComplaintRepository::row)
			.list();
	}

	public boolean referredToRegulator(String id) {
		return jdbc.sql("""
				select count(*) from complaint_referral where complaint_id = :id and destination = 'REGULATOR_12315'""")
			.param("id", id)
			.query(Long.class)
			.single() > 0;
	}

	/** Every complaint, for the statistics (oversight's numbers are small next to orders). */
	public List<Row> all() {
		return jdbc.sql("select * from complaint").query(ComplaintRepository::row).list();
	}

	// ------------------------------------------------------------------------------------------------ referrals

	/** A referral. */
	public record Referral(String id, String complaintId, Tier destination, String status, String createdBy,
			Instant createdAt, Instant acceptBy, Instant acceptedAt, Instant mediateBy, Instant closedAt, String note) {
	}

	public void insertReferral(Referral r) {
		jdbc.sql("""
				insert into complaint_referral (id, complaint_id, destination, status, created_by, created_at, accept_by,
				  mediate_by)
				values (:id, :complaint, :destination, :status, :by, :at, :acceptBy, :mediateBy)""")
			.param("id", r.id())
			.param("complaint", r.complaintId())
			.param("destination", r.destination().name())
			.param("status", r.status())
			.param("by", r.createdBy())
			.param("at", SqlTime.of(r.createdAt()))
			.param("acceptBy", SqlTime.of(r.acceptBy()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("mediateBy", SqlTime.of(r.mediateBy()), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	public void updateReferral(String id, String status, Instant acceptedAt, Instant mediateBy, Instant closedAt,
			String note) {
		jdbc.sql("""
				update complaint_referral set status = :status, accepted_at = coalesce(:acceptedAt, accepted_at),
				  mediate_by = coalesce(:mediateBy, mediate_by), closed_at = :closedAt, note = coalesce(:note, note)
				where id = :id""")
			.param("id", id)
			.param("status", status)
			.param("acceptedAt", SqlTime.of(acceptedAt), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("mediateBy", SqlTime.of(mediateBy), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("closedAt", SqlTime.of(closedAt), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("note", note, Types.VARCHAR)
			.update();
	}

	public List<Referral> referrals(String complaintId) {
		return jdbc.sql("select * from complaint_referral where complaint_id = :id order by created_at, id")
			.param("id", complaintId)
			.query((rs, n) -> new Referral(rs.getString("id"), rs.getString("complaint_id"),
					Tier.valueOf(rs.getString("destination")), rs.getString("status"), rs.getString("created_by"),
					SqlTime.read(rs, "created_at"), SqlTime.read(rs, "accept_by"), SqlTime.read(rs, "accepted_at"),
					SqlTime.read(rs, "mediate_by"), SqlTime.read(rs, "closed_at"), rs.getString("note")))
			.list();
	}

	// ------------------------------------------------------------------------------------------------ collective

	/** Distinct consumers complaining about one merchant in one category (one listing, when given) since a time. */
	public long consumersSince(String merchantId, String category, String listingId, Instant since) {
		return jdbc.sql("select count(distinct consumer_id) from complaint where merchant_id = :m and category = :c"
				+ " and created_at >= :since" + (listingId == null ? "" : " and listing_id = :l"))
			.param("m", merchantId)
			.param("c", category)
			.param("since", SqlTime.of(since))
			.param("l", listingId, Types.VARCHAR)
			.query(Long.class)
			.single();
	}

	/** The collective case for the key whose latest member joined since the given time, if any. */
	public Optional<String> collectiveCase(String merchantId, String category, String listingId, Instant since) {
		// without a listing the key is the shop and category, whatever listings its members name
		return jdbc.sql("select c.id from collective_case c where c.merchant_id = :m and c.category = :cat"
				+ (listingId == null ? "" : " and c.listing_id = :l")
				+ " and exists (select 1 from complaint p where p.collective_case_id = c.id and p.created_at >= :since)"
				+ " order by case when c.listing_id is null then 0 else 1 end, c.created_at desc")
			.param("m", merchantId)
			.param("cat", category)
			.param("l", listingId, Types.VARCHAR)
			.param("since", SqlTime.of(since))
			.query(String.class)
			.list()
			.stream()
			.findFirst();
	}

	public void insertCollective(String id, String merchantId, String category, String listingId, Instant at) {
		jdbc.sql("""
				insert into collective_case (id, merchant_id, category, listing_id, created_at)
				values (:id, :m, :c, :l, :at)""")
			.param("id", id)
			.param("m", merchantId)
			.param("c", category)
			.param("l", listingId, Types.VARCHAR)
			.param("at", SqlTime.of(at))
			.update();
	}

	/** Puts the key's complaints since the time that are in no collective case yet into this one; returns their ids. */
	public List<String> joinCollective(String caseId, String merchantId, String category, String listingId,
			Instant since) {
		String where = " where merchant_id = :m and category = :c and created_at >= :since and collective_case_id is null"
				+ (listingId == null ? "" : " and listing_id = :l");
		List<String> ids = jdbc.sql("select id from complaint" + where + " order by created_at")
			.param("m", merchantId)
			.param("c", category)
			.param("since", SqlTime.of(since))
			.param("l", listingId, Types.VARCHAR)
			.query(String.class)
			.list();
		jdbc.sql("update complaint set collective_case_id = :case" + where)
			.param("case", caseId)
			.param("m", merchantId)
			.param("c", category)
			.param("since", SqlTime.of(since))
			.param("l", listingId, Types.VARCHAR)
			.update();
		return ids;
	}

	/** A collective case. */
	public record Collective(String id, String merchantId, String category, String listingId, Instant createdAt) {
	}

	public List<Collective> collectives(int limit) {
		return jdbc.sql("select * from collective_case order by created_at desc, id limit :limit")
			.param("limit", limit)
			.query((rs, n) -> new Collective(rs.getString("id"), rs.getString("merchant_id"), rs.getString("category"),
					rs.getString("listing_id"), SqlTime.read(rs, "created_at")))
			.list();
	}

	public List<Row> members(String caseId) {
		return jdbc.sql("select * from complaint where collective_case_id = :id order by created_at, id")
			.param("id", caseId)
			.query(ComplaintRepository::row)
			.list();
	}

	// ------------------------------------------------------------------------------------------------ mapping

	private static List<String> list(String joined) {
		return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
	}

	private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : v;
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long v = rs.getLong(column);
		return rs.wasNull() ? null : v;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getString("id"), rs.getString("consumer_id"), rs.getString("merchant_id"),
				rs.getString("order_id"), rs.getString("listing_id"), Channel.valueOf(rs.getString("channel")),
				ComplaintCategory.valueOf(rs.getString("category")), Tier.valueOf(rs.getString("tier")),
				ComplaintStatus.valueOf(rs.getString("status")), rs.getString("priority"), rs.getString("text"),
				list(rs.getString("claims")), nullableLong(rs, "amount_fen"), nullableLong(rs, "price_fen"),
				list(rs.getString("evidence_ids")), rs.getString("entered_by"), rs.getString("due_step"),
				SqlTime.read(rs, "due_at"), SqlTime.read(rs, "first_response_at"), nullableLong(rs, "offer_refund_fen"),
				nullableLong(rs, "offer_compensation_fen"), rs.getString("offer_action"), rs.getString("offer_message"),
				rs.getString("decided_by"), rs.getString("outcome"), nullableLong(rs, "decision_refund_fen"),
				nullableLong(rs, "decision_compensation_fen"), rs.getString("sanction"), rs.getString("reasoning"),
				SqlTime.read(rs, "decided_at"), SqlTime.read(rs, "appeal_by"), rs.getString("appealed_by"),
				rs.getLong("refunded_fen"), rs.getLong("compensated_fen"), rs.getString("resolution"),
				SqlTime.read(rs, "resolved_at"), rs.getString("collective_case_id"), SqlTime.read(rs, "created_at"),
				rs.getString("category_source"), nullableDouble(rs, "triage_confidence"), rs.getString("letter"));
	}
}
