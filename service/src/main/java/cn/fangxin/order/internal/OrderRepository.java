package cn.fangxin.order.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.fangxin.order.OrderStatus;
import cn.fangxin.order.OrderSummary;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.PaymentMode;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.Details;
import cn.fangxin.platform.SqlTime;

/** The {@code orders}, {@code order_item}, {@code order_event}, {@code order_hold} and {@code order_debt} tables. */
@Repository
public class OrderRepository {

	private final JdbcClient jdbc;

	private final Details details;

	private final javax.sql.DataSource dataSource;

	OrderRepository(JdbcClient jdbc, Details details, javax.sql.DataSource dataSource) {
		this.details = details;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** An order's row. */
	public record OrderRow(String id, String consumerId, String merchantId, OrderStatus status, PaymentMode mode,
			long totalFen, String snapshotEvidenceId, int shipWithinHours, String addressCipher, String addressMasked,
			String paymentId, String carrier, String trackingNumber, Instant payBy, Instant shipBy, Instant shippedAt,
			Instant deliveredAt, Instant confirmBy, Instant completedAt, String closedReason, Instant createdAt) {

		/**
		 * The row after {@link #update} wrote these changes, or null when it cannot be told without reading it (a column
		 * not kept here, or an instant finer than the microseconds the database keeps).
		 */
		OrderRow changed(OrderStatus newStatus, java.util.Map<String, Object> fields) {
			String payment = paymentId;
			String carrierNow = carrier;
			String tracking = trackingNumber;
			String reason = closedReason;
			Instant[] times = { payBy, shipBy, shippedAt, deliveredAt, confirmBy, completedAt };
			for (var e : fields.entrySet()) {
				Object value = e.getValue();
				int time = switch (e.getKey()) {
					case "pay_by" -> 0;
					case "ship_by" -> 1;
					case "shipped_at" -> 2;
					case "delivered_at" -> 3;
					case "confirm_by" -> 4;
					case "completed_at" -> 5;
					default -> -1;
				};
				if (time >= 0) {
					if (value != null && !(value instanceof Instant i && i.getNano() % 1000 == 0)) {
						return null;
					}
					times[time] = (Instant) value;
					continue;
				}
				if (value != null && !(value instanceof String)) {
					return null;
				}
				switch (e.getKey()) {
					case "payment_id" -> payment = (String) value;
					case "carrier" -> carrierNow = (String) value;
					case "tracking_number" -> tracking = (String) value;
					case "closed_reason" -> reason = (String) value;
					default -> {
						return null;
					}
				}
			}
			return new OrderRow(id, consumerId, merchantId, newStatus, mode, totalFen, snapshotEvidenceId, shipWithinHours,
					addressCipher, addressMasked, payment, carrierNow, tracking, times[0], times[1], times[2], times[3],
					times[4], times[5], reason, createdAt);
		}
	}

	/** A new order's row and items. */
	public record NewOrder(String id, String consumerId, String merchantId, OrderStatus status, PaymentMode mode,
			long totalFen, String snapshotEvidenceId, int shipWithinHours, String addressCipher, String addressMasked,
			String phoneIndex, Instant payBy, Instant shipBy, List<OrderView.Item> items) {
	}

	private static final String COLUMNS = """
			id, consumer_id, merchant_id, status, payment_mode, total_fen, snapshot_evidence_id, ship_within_hours,
			address_cipher, address_masked, payment_id, carrier, tracking_number, pay_by, ship_by, shipped_at,
			delivered_at, confirm_by, completed_at, closed_reason, created_at""";

	public void insert(NewOrder o, Instant now) {
		jdbc.sql("""
				insert into orders (id, consumer_id, merchant_id, status, payment_mode, total_fen, snapshot_evidence_id,
				  ship_within_hours, address_cipher, address_masked, phone_index, pay_by, ship_by, created_at, updated_at)
				values (:id, :consumer, :merchant, :status, :mode, :total, :snapshot, :hours, :cipher, :masked, :phone,
				  :payBy, :shipBy, :now, :now)""")
			.param("id", o.id())
			.param("consumer", o.consumerId())
			.param("merchant", o.merchantId())
			.param("status", o.status().name())
			.param("mode", o.mode().name())
			.param("total", o.totalFen())
			.param("snapshot", o.snapshotEvidenceId())
			.param("hours", o.shipWithinHours())
			.param("cipher", o.addressCipher())
			.param("masked", o.addressMasked())
			.param("phone", o.phoneIndex())
			.param("payBy", SqlTime.of(o.payBy()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("shipBy", SqlTime.of(o.shipBy()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("now", SqlTime.of(now))
			.update();
		int line = 0;
		for (OrderView.Item item : o.items()) {
			jdbc.sql("""
					insert into order_item (order_id, line, listing_id, listing_version, title, unit_price_fen, quantity,
					  seven_day_no_reason, exclusion_reason, confirmed_no_return)
					values (:order, :line, :listing, :version, :title, :price, :quantity, :sevenDays, :exclusion,
					  :confirmed)""")
				.param("order", o.id())
				.param("line", ++line)
				.param("listing", item.listingId())
				.param("version", item.listingVersion())
				.param("title", item.title())
				.param("price", item.unitPriceFen())
				.param("quantity", item.quantity())
				.param("sevenDays", item.sevenDayNoReason())
				.param("exclusion", item.exclusionReason(), Types.VARCHAR)
				.param("confirmed", item.confirmedNoReturn())
				.update();
		}
	}

	public Optional<OrderRow> find(String id) {
		return jdbc.sql("select " + COLUMNS + " from orders where id = :id").param("id", id).query(OrderRepository::row)
			.optional();
	}

	/** Orders stored before V26, without the blind index of their phone: [order id, address cipher]. */
	public List<String[]> withoutPhoneIndex(int limit) {
		return jdbc.sql("select id, address_cipher from orders where phone_index is null order by id limit :limit")
			.param("limit", limit)
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("address_cipher") })
			.list();
	}

	public void setPhoneIndex(String orderId, String phoneIndex) {
		jdbc.sql("update orders set phone_index = :phone where id = :id and phone_index is null")
			.param("phone", phoneIndex)
			.param("id", orderId)
			.update();
	}

	/** Every order of a consumer, oldest first: [order id, status, address cipher]. */
	public List<String[]> ofConsumer(String consumerId) {
		return jdbc.sql("""
				select id, status, address_cipher from orders where consumer_id = :consumer order by created_at, id""")
			.param("consumer", consumerId)
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("status"), rs.getString("address_cipher") })
			.list();
	}

	/**
	 * Replaces the shipping address of every order of a consumer that is over (erasure on request); the empty phone
	 * index matches no search and is not indexed again.
	 */
	public int eraseAddresses(String consumerId, String erasedCipher, String erasedMasked) {
		return jdbc.sql("""
				update orders set address_cipher = :cipher, address_masked = :masked, phone_index = ''
				where consumer_id = :consumer and status in ('COMPLETED', 'CANCELLED', 'REFUNDED') and address_masked <> :masked""")
			.param("cipher", erasedCipher)
			.param("masked", erasedMasked)
			.param("consumer", consumerId)
			.update();
	}

	/** A consumer's latest orders' encrypted addresses, newest first: [order id, address cipher]. */
	public List<String[]> latestAddresses(String consumerId, int limit) {
		return jdbc.sql("""
				select id, address_cipher from orders where consumer_id = :consumer
				order by created_at desc, id desc limit :limit""")
			.param("consumer", consumerId)
			.param("limit", limit)
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("address_cipher") })
			.list();
	}

	/**
	 * The row, locked until the transaction ends: every change of an order's state goes through this. A second lock of
	 * the same order in one transaction (the payment's listener, after the payment path locked it) answers the row this
	 * transaction already holds, as its own {@link #update}s left it: nobody else can have changed it.
	 */
	public Optional<OrderRow> lock(String id) {
		java.util.Map<String, OrderRow> held = heldRows(true);
		OrderRow known = held == null ? null : held.get(id);
		if (known != null) {
			return Optional.of(known);
		}
		Optional<OrderRow> row = jdbc.sql("select " + COLUMNS + " from orders where id = :id for update")
			.param("id", id)
			.query(OrderRepository::row)
			.optional();
		if (held != null) {
			row.ifPresent(r -> held.put(id, r));
		}
		return row;
	}

	/** Changes of one order, applied to its locked row. */
	public void update(String id, OrderStatus status, Instant now, java.util.Map<String, Object> fields) {
		cn.fangxin.platform.StatusUpdate.apply(jdbc, "orders", id, status.name(), now, fields);
		java.util.Map<String, OrderRow> held = heldRows(false);
		if (held != null) {
			// the row as this transaction just wrote it; when that cannot be told here, the next lock reads it again
			// (the lock itself stays with this transaction)
			OrderRow before = held.remove(id);
			OrderRow after = before == null ? null : before.changed(status, fields);
			if (after != null) {
				held.put(id, after);
			}
		}
	}

	/**
	 * The rows this transaction has locked and not changed since, or null outside a transaction (or, unless
	 * {@code create}, when it has locked none). Kept under the transaction's own connection holder, so that a
	 * transaction started inside another (REQUIRES_NEW) has its own.
	 */
	@SuppressWarnings("unchecked")
	private java.util.Map<String, OrderRow> heldRows(boolean create) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Object connection = TransactionSynchronizationManager.getResource(dataSource);
		if (connection == null) {
			return null;
		}
		var key = new HeldRowsKey(connection);
		var held = (java.util.Map<String, OrderRow>) TransactionSynchronizationManager.getResource(key);
		if (held == null && create) {
			java.util.Map<String, OrderRow> fresh = new java.util.HashMap<>();
			TransactionSynchronizationManager.bindResource(key, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
			held = fresh;
		}
		return held;
	}

	/** The resource key of one transaction's held rows: its connection holder, compared by identity. */
	private record HeldRowsKey(Object connection) {

		@Override
		public boolean equals(Object other) {
			return other instanceof HeldRowsKey key && key.connection == connection;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(connection);
		}
	}

	public List<OrderView.Item> items(String orderId) {
		return jdbc.sql("""
				select listing_id, listing_version, title, unit_price_fen, quantity, seven_day_no_reason, exclusion_reason,
				  confirmed_no_return
				  from order_item where order_id = :id order by line""")
			.param("id", orderId)
			.query((rs, n) -> new OrderView.Item(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
					rs.getBoolean(6), rs.getString(7), rs.getBoolean(8)))
			.list();
	}

	/** Appends to the order's timeline; answers the English text it stored (what the API shows as {@code detail}). */
	public String event(String orderId, Instant at, String event, String actor, Detail detail) {
		String english = details.english(detail);
		jdbc.sql("""
				insert into order_event (order_id, seq, at, event, actor, detail, detail_data)
				values (:order, (select coalesce(max(seq), 0) + 1 from order_event where order_id = :order), :at, :event,
				  :actor, :detail, :data)""")
			.param("order", orderId)
			.param("at", SqlTime.of(at))
			.param("event", event)
			.param("actor", actor)
			.param("detail", english, Types.VARCHAR)
			.param("data", details.encode(detail), Types.VARCHAR)
			.update();
		return english;
	}

	public List<OrderView.Event> timeline(String orderId) {
		return jdbc.sql("select at, event, actor, detail, detail_data from order_event where order_id = :id order by seq")
			.param("id", orderId)
			.query((rs, n) -> new OrderView.Event(SqlTime.read(rs, "at"), rs.getString("event"), rs.getString("actor"),
					rs.getString("detail"), details.decode(rs.getString("detail_data"))))
			.list();
	}

	/** Places a hold; false when this reference holds the order already. */
	public boolean hold(String orderId, String ref, Detail reason, Instant now) {
		int lifted = jdbc.sql("""
				update order_hold set lifted_at = null, reason = :reason, reason_data = :data, placed_at = :now
				 where order_id = :order and ref = :ref and lifted_at is not null""")
			.param("reason", details.english(reason))
			.param("data", details.encode(reason))
			.param("now", SqlTime.of(now))
			.param("order", orderId)
			.param("ref", ref)
			.update();
		if (lifted > 0) {
			return true;
		}
		boolean exists = jdbc.sql("select count(*) from order_hold where order_id = :order and ref = :ref")
			.param("order", orderId)
			.param("ref", ref)
			.query(Long.class)
			.single() > 0;
		if (exists) {
			return false;
		}
		jdbc.sql("""
				insert into order_hold (order_id, ref, reason, reason_data, placed_at)
				values (:order, :ref, :reason, :data, :now)""")
			.param("order", orderId)
			.param("ref", ref)
			.param("reason", details.english(reason))
			.param("data", details.encode(reason))
			.param("now", SqlTime.of(now))
			.update();
		return true;
	}

	/** Lifts a hold; false when this reference did not hold the order. */
	public boolean lift(String orderId, String ref, Instant now) {
		return jdbc.sql("update order_hold set lifted_at = :now where order_id = :order and ref = :ref and lifted_at is null")
			.param("now", SqlTime.of(now))
			.param("order", orderId)
			.param("ref", ref)
			.update() > 0;
	}

	public List<OrderView.Hold> holds(String orderId) {
		return jdbc.sql("""
				select ref, reason, reason_data, placed_at from order_hold
				 where order_id = :id and lifted_at is null order by placed_at""")
			.param("id", orderId)
			.query((rs, n) -> new OrderView.Hold(rs.getString("ref"), rs.getString("reason"), SqlTime.read(rs, "placed_at"),
					details.decode(rs.getString("reason_data"))))
			.list();
	}

	public void openDebt(String orderId, long amountFen, String reason, Instant now) {
		int updated = jdbc.sql("""
				update order_debt set status = 'OPEN', reason = :reason, amount_fen = :amount, opened_at = :now, settled_at = null
				 where order_id = :order""")
			.param("reason", reason)
			.param("amount", amountFen)
			.param("now", SqlTime.of(now))
			.param("order", orderId)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into order_debt (order_id, amount_fen, reason, status, opened_at)
					values (:order, :amount, :reason, 'OPEN', :now)""")
				.param("order", orderId)
				.param("amount", amountFen)
				.param("reason", reason)
				.param("now", SqlTime.of(now))
				.update();
		}
	}

	public void settleDebt(String orderId, Instant now) {
		jdbc.sql("update order_debt set status = 'SETTLED', settled_at = :now where order_id = :order and status = 'OPEN'")
			.param("now", SqlTime.of(now))
			.param("order", orderId)
			.update();
	}

	public Optional<OrderView.Debt> debt(String orderId) {
		return jdbc.sql("select amount_fen, reason, status, opened_at from order_debt where order_id = :id")
			.param("id", orderId)
			.query((rs, n) -> new OrderView.Debt(rs.getLong(1), rs.getString(2), rs.getString(3), SqlTime.read(rs, "opened_at")))
			.optional();
	}

	/**
	 * A filter for order lists; null fields do not filter.
	 *
	 * @param idPrefix staff's search: an order, consumer or merchant id, or a tracking number
	 * @param phoneIndex staff's search: the blind index of a recipient's mobile number
	 */
	public record Filter(String consumerId, String merchantId, List<OrderStatus> statuses, String idPrefix,
			String phoneIndex) {
	}

	/** How many orders of a consumer ({@code consumer_id}) or a shop ({@code merchant_id}) are in these statuses. */
	public long count(String column, String value, List<OrderStatus> statuses) {
		if (!column.equals("consumer_id") && !column.equals("merchant_id")) {
			throw new IllegalArgumentException(column);
		}
		return jdbc.sql("select count(*) from orders where " + column + " = :v and status in (:statuses)")
			.param("v", value)
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.query(Long.class)
			.single();
	}

	/**
	 * Orders newest first, after the cursor (created at, id) when given.
	 */
	public List<OrderSummary> list(Filter filter, Instant beforeAt, String beforeId, int limit,
			java.util.function.Function<String, String> shopNames) {
		StringBuilder sql = new StringBuilder("""
				select o.id, o.status, o.merchant_id, o.consumer_id, o.total_fen, o.payment_mode, o.pay_by, o.ship_by,
				  o.confirm_by, o.created_at, i.title, (select count(*) from order_item c where c.order_id = o.id) items,
				  exists (select 1 from order_hold h where h.order_id = o.id and h.lifted_at is null) held
				  from orders o join order_item i on i.order_id = o.id and i.line = 1
				 where 1 = 1""");
		var params = new java.util.HashMap<String, Object>();
		if (filter.consumerId() != null) {
			sql.append(" and o.consumer_id = :consumer");
			params.put("consumer", filter.consumerId());
		}
		if (filter.merchantId() != null) {
			sql.append(" and o.merchant_id = :merchant");
			params.put("merchant", filter.merchantId());
		}
		if (filter.statuses() != null && !filter.statuses().isEmpty()) {
			sql.append(" and o.status in (:statuses)");
			params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
		}
		if (filter.idPrefix() != null) {
			// tracking numbers are kept in capitals; ids are lower case
			sql.append(" and (o.id = :q or o.consumer_id = :q or o.merchant_id = :q or o.tracking_number = :tracking");
			params.put("q", filter.idPrefix());
			params.put("tracking", filter.idPrefix().toUpperCase(java.util.Locale.ROOT));
			if (filter.phoneIndex() != null) {
				sql.append(" or o.phone_index = :phone");
				params.put("phone", filter.phoneIndex());
			}
			sql.append(')');
		}
		if (beforeAt != null) {
			sql.append(" and (o.created_at < :at or (o.created_at = :at and o.id < :beforeId))");
			params.put("at", SqlTime.of(beforeAt));
			params.put("beforeId", beforeId);
		}
		sql.append(" order by o.created_at desc, o.id desc limit :limit");
		params.put("limit", limit);
		return jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
			int items = rs.getInt("items");
			String title = rs.getString("title") + (items > 1 ? " +" + (items - 1) : "");
			OrderStatus status = OrderStatus.valueOf(rs.getString("status"));
			return new OrderSummary(rs.getString("id"), status, rs.getString("merchant_id"),
					shopNames.apply(rs.getString("merchant_id")), rs.getString("consumer_id"), title, rs.getLong("total_fen"),
					PaymentMode.valueOf(rs.getString("payment_mode")),
					status == OrderStatus.AWAITING_PAYMENT ? SqlTime.read(rs, "pay_by") : null,
					status == OrderStatus.PAID || status == OrderStatus.AWAITING_SHIPMENT ? SqlTime.read(rs, "ship_by") : null,
					status == OrderStatus.DELIVERED && !rs.getBoolean("held") ? SqlTime.read(rs, "confirm_by") : null,
					SqlTime.read(rs, "created_at"));
		}).list();
	}

	/** The merchant's orders whose money is in escrow now. */
	public List<String> escrowedOrders(String merchantId) {
		return jdbc.sql("""
				select id from orders where merchant_id = :merchant and payment_mode = 'ESCROW'
				   and status in ('PAID', 'SHIPPED', 'DELIVERED')""")
			.param("merchant", merchantId)
			.query(String.class)
			.list();
	}

	/** Open debts of failed pay-after-receipt charges, oldest first. */
	public List<String> openDebts(int limit) {
		return jdbc.sql("select order_id from order_debt where status = 'OPEN' order by opened_at limit :limit")
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	private static OrderRow row(ResultSet rs, int n) throws SQLException {
		return new OrderRow(rs.getString("id"), rs.getString("consumer_id"), rs.getString("merchant_id"),
				OrderStatus.valueOf(rs.getString("status")), PaymentMode.valueOf(rs.getString("payment_mode")),
				rs.getLong("total_fen"), rs.getString("snapshot_evidence_id"), rs.getInt("ship_within_hours"),
				rs.getString("address_cipher"), rs.getString("address_masked"), rs.getString("payment_id"),
				rs.getString("carrier"), rs.getString("tracking_number"), SqlTime.read(rs, "pay_by"),
				SqlTime.read(rs, "ship_by"), SqlTime.read(rs, "shipped_at"), SqlTime.read(rs, "delivered_at"),
				SqlTime.read(rs, "confirm_by"), SqlTime.read(rs, "completed_at"), rs.getString("closed_reason"),
				SqlTime.read(rs, "created_at"));
	}
}
