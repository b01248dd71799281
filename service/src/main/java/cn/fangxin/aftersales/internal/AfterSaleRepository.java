package cn.fangxin.aftersales.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.aftersales.AfterSaleReason;
import cn.fangxin.aftersales.AfterSaleStatus;
import cn.fangxin.aftersales.AfterSaleType;
import cn.fangxin.aftersales.AfterSaleView;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.Details;
import cn.fangxin.platform.SqlTime;

/** The {@code after_sale} and {@code after_sale_event} tables. */
@Repository
public class AfterSaleRepository {

	private static final String ADDRESS_FIELD = "afterSale.returnAddress";

	private final JdbcClient jdbc;
	private final cn.fangxin.platform.PersonalDataCipher cipher;
	private final Details details;

	AfterSaleRepository(JdbcClient jdbc, cn.fangxin.platform.PersonalDataCipher cipher, Details details) {
		this.jdbc = jdbc;
		this.details = details;
		this.cipher = cipher;
	}

	/** A return address as it is stored: encrypted. */
	public String sealAddress(String address) {
		return cipher.seal(address, ADDRESS_FIELD);
	}

	private String openAddress(String stored) {
		return cipher.unseal(stored, ADDRESS_FIELD);
	}

	/**
	 * Encrypts return addresses stored in plain text before V19 and clears them from approval events' details; returns
	 * how many cases it rewrote. Several instances may run it at once: a row is rewritten only while still plain.
	 */
	public int sealPlainAddresses() {
		List<String[]> plain = jdbc.sql("select id, return_address from after_sale where return_address is not null "
				+ "and return_address not like 'enc:%'") // not sealed: PersonalDataCipher.seal's mark
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("return_address") })
			.list();
		int done = 0;
		for (String[] row : plain) {
			int sealed = jdbc.sql("update after_sale set return_address = :sealed where id = :id and return_address = :plain")
				.param("sealed", sealAddress(row[1]))
				.param("id", row[0])
				.param("plain", row[1])
				.update();
			// the case's approval repeated the address in its detail: only this case's events, once
			jdbc.sql("update after_sale_event set detail = 'return address given' where after_sale_id = :id "
					+ "and detail like 'return to %'")
				.param("id", row[0])
				.update();
			done += sealed;
		}
		return done;
	}

	/** A case's row. */
	public record Row(String id, String orderId, String consumerId, String merchantId, AfterSaleType type,
			AfterSaleReason reason, AfterSaleStatus status, long amountFen, String description, List<String> evidenceIds,
			String returnShippingPayer, Instant respondBy, String rejectionReason, List<String> rejectionEvidenceIds,
			String returnAddress, String returnCarrier, String returnTrackingNumber, Instant returnShippedAt,
			Instant receiveBy, Instant returnReceivedAt, Instant refundDueBy, long refundedFen, String refundSource,
			boolean compensatedByPlatform, Instant createdAt, String replacementCarrier, String replacementTrackingNumber,
			Instant replacementShippedAt) {
	}

	public void insert(Row r) {
		jdbc.sql("""
				insert into after_sale (id, order_id, consumer_id, merchant_id, type, reason, status, amount_fen, description,
				  evidence_ids, return_shipping_payer, respond_by, refunded_fen, compensated_by_platform, created_at,
				  updated_at)
				values (:id, :order, :consumer, :merchant, :type, :reason, :status, :amount, :description, :evidence, :payer,
				  :respondBy, 0, false, :now, :now)""")
			.param("id", r.id())
			.param("order", r.orderId())
			.param("consumer", r.consumerId())
			.param("merchant", r.merchantId())
			.param("type", r.type().name())
			.param("reason", r.reason().name())
			.param("status", r.status().name())
			.param("amount", r.amountFen())
			.param("description", r.description())
			.param("evidence", String.join(",", r.evidenceIds()))
			.param("payer", r.returnShippingPayer())
			.param("respondBy", SqlTime.of(r.respondBy()))
			.param("now", SqlTime.of(r.createdAt()))
			.update();
	}

	public Optional<Row> find(String id) {
		return jdbc.sql("select * from after_sale where id = :id").param("id", id).query(this::row).optional();
	}

	/** The row, locked until the transaction ends: every change of a case goes through this. */
	public Optional<Row> lock(String id) {
		return jdbc.sql("select * from after_sale where id = :id for update")
			.param("id", id)
			.query(this::row)
			.optional();
	}

	/** The order's cases that are not over, newest first. */
	public List<Row> openOf(String orderId) {
		return jdbc.sql("""
				select * from after_sale where order_id = :order and status not in ('REFUNDED', 'WITHDRAWN')
				order by created_at desc""")
			.param("order", orderId)
			.query(this::row)
			.list();
	}

	public List<Row> ofOrder(String orderId) {
		return jdbc.sql("select * from after_sale where order_id = :order order by created_at desc")
			.param("order", orderId)
			.query(this::row)
			.list();
	}

	/** A consumer's or a shop's cases, newest first. */
	/** How many cases of a consumer or a shop are in one of these statuses (and of these types). */
	public long count(String column, String value, java.util.Collection<String> statuses, java.util.Collection<String> types) {
		if (!column.equals("consumer_id") && !column.equals("merchant_id")) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("select count(*) from after_sale where " + column + " = :v and status in (:statuses)"
				+ " and type in (:types)")
			.param("v", value)
			.param("statuses", statuses)
			.param("types", types)
			.query(Long.class)
			.single();
	}

	public List<Row> listFor(String column, String value, int limit) {
		if (!column.equals("consumer_id") && !column.equals("merchant_id")) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("select * from after_sale where " + column + " = :v order by created_at desc, id desc limit :limit")
			.param("v", value)
			.param("limit", limit)
			.query(this::row)
			.list();
	}

	/** Cases handed to the platform (ESCALATED), oldest first: the staff's queue. */
	public List<Row> escalated(int limit) {
		return jdbc.sql("select * from after_sale where status = 'ESCALATED' order by updated_at, id limit :limit")
			.param("limit", limit)
			.query(this::row)
			.list();
	}

	/** Changes of one case, applied to its locked row. */
	public void update(String id, AfterSaleStatus status, Instant now, Map<String, Object> fields) {
		cn.fangxin.platform.StatusUpdate.apply(jdbc, "after_sale", id, status.name(), now, fields);
	}

	public void event(String id, Instant at, String event, String actor, Detail detail) {
		jdbc.sql("""
				insert into after_sale_event (after_sale_id, seq, at, event, actor, detail, detail_data)
				values (:id, (select coalesce(max(seq), 0) + 1 from after_sale_event where after_sale_id = :id), :at, :event,
				  :actor, :detail, :data)""")
			.param("id", id)
			.param("at", SqlTime.of(at))
			.param("event", event)
			.param("actor", actor)
			.param("detail", details.english(detail), Types.VARCHAR)
			.param("data", details.encode(detail), Types.VARCHAR)
			.update();
	}

	public List<AfterSaleView.Event> timeline(String id) {
		return jdbc.sql("""
				select at, event, actor, detail, detail_data from after_sale_event where after_sale_id = :id order by seq""")
			.param("id", id)
			.query((rs, n) -> new AfterSaleView.Event(SqlTime.read(rs, "at"), rs.getString("event"), rs.getString("actor"),
					rs.getString("detail"), details.decode(rs.getString("detail_data"))))
			.list();
	}

	private static List<String> ids(String joined) {
		return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getString("id"), rs.getString("order_id"), rs.getString("consumer_id"),
				rs.getString("merchant_id"), AfterSaleType.valueOf(rs.getString("type")),
				AfterSaleReason.valueOf(rs.getString("reason")), AfterSaleStatus.valueOf(rs.getString("status")),
				rs.getLong("amount_fen"), rs.getString("description"), ids(rs.getString("evidence_ids")),
				rs.getString("return_shipping_payer"), SqlTime.read(rs, "respond_by"), rs.getString("rejection_reason"),
				rs.getString("rejection_evidence_ids") == null ? null : ids(rs.getString("rejection_evidence_ids")),
				openAddress(rs.getString("return_address")), rs.getString("return_carrier"), rs.getString("return_tracking_number"),
				SqlTime.read(rs, "return_shipped_at"), SqlTime.read(rs, "receive_by"), SqlTime.read(rs, "return_received_at"),
				SqlTime.read(rs, "refund_due_by"), rs.getLong("refunded_fen"), rs.getString("refund_source"),
				rs.getBoolean("compensated_by_platform"), SqlTime.read(rs, "created_at"), rs.getString("replacement_carrier"),
				rs.getString("replacement_tracking_number"), SqlTime.read(rs, "replacement_shipped_at"));
	}
}
