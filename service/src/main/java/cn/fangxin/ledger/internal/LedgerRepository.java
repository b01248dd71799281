package cn.fangxin.ledger.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import org.postgresql.PGStatement;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

import cn.fangxin.ledger.AccountFlag;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.ledger.TransferType;
import cn.fangxin.platform.SqlTime;

/** The ledger's tables: {@code ledger_account}, {@code ledger_balance} (one row per shard), {@code ledger_transfer}. */
@Repository
class LedgerRepository {

	private final NamedParameterJdbcTemplate jdbc;

	LedgerRepository(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the account and its shard rows unless it exists; true when this call created it. */
	boolean insertAccount(String id, AccountKind kind, String owner, Instant now) {
		try {
			jdbc.update("""
					insert into ledger_account (id, kind, owner_ref, flag, shards, created_at)
					values (:id, :kind, :owner, :flag, :shards, :now)""",
					new MapSqlParameterSource().addValue("id", id)
						.addValue("kind", kind.name())
						.addValue("owner", owner)
						.addValue("flag", kind.flag().name())
						.addValue("shards", kind.shards())
						.addValue("now", SqlTime.of(now)));
		}
		catch (DuplicateKeyException exists) {
			return false;
		}
		List<SqlParameterSource> shards = new ArrayList<>();
		for (int shard = 0; shard < kind.shards(); shard++) {
			shards.add(new MapSqlParameterSource().addValue("id", id).addValue("shard", shard));
		}
		jdbc.batchUpdate("""
				insert into ledger_balance (account_id, shard, debits_pending, debits_posted, credits_pending, credits_posted)
				values (:id, :shard, 0, 0, 0, 0)""", shards.toArray(SqlParameterSource[]::new));
		return true;
	}

	Map<String, AccountMeta> findAccounts(Collection<String> ids) {
		Map<String, AccountMeta> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		queryPlannedPerCall("select id, kind, flag, shards from ledger_account where id = any(?)", ids,
				rs -> {
					found.put(rs.getString("id"), new AccountMeta(rs.getString("id"), AccountKind.valueOf(rs.getString("kind")),
							AccountFlag.valueOf(rs.getString("flag")), rs.getInt("shards")));
				});
		return found;
	}

	/**
	 * Locks the balance rows of limited accounts, in id order (so two transactions never wait on each other in a
	 * cycle), and returns their counters.
	 */
	Map<String, Counters> lockBalances(Collection<String> accountIds) {
		Map<String, Counters> balances = new HashMap<>();
		if (accountIds.isEmpty()) {
			return balances;
		}
		queryPlannedPerCall("""
				select account_id, debits_pending, debits_posted, credits_pending, credits_posted
				from ledger_balance where account_id = any(?) order by account_id, shard for update""",
				accountIds, rs -> {
					Counters c = balances.computeIfAbsent(rs.getString("account_id"), k -> new Counters());
					c.add(new Counters(rs.getLong("debits_pending"), rs.getLong("debits_posted"),
							rs.getLong("credits_pending"), rs.getLong("credits_posted")));
				});
		return balances;
	}

	/** Adds deltas to balance rows, in key order. */
	void addToBalances(SortedMap<BalanceKey, Counters> deltas) {
		List<SqlParameterSource> rows = new ArrayList<>();
		deltas.forEach((key, d) -> {
			if (!d.isZero()) {
				rows.add(new MapSqlParameterSource().addValue("id", key.accountId())
					.addValue("shard", key.shard())
					.addValue("dp", d.debitsPending)
					.addValue("dpo", d.debitsPosted)
					.addValue("cp", d.creditsPending)
					.addValue("cpo", d.creditsPosted));
			}
		});
		if (rows.isEmpty()) {
			return;
		}
		int[] updated = jdbc.batchUpdate("""
				update ledger_balance set debits_pending = debits_pending + :dp, debits_posted = debits_posted + :dpo,
				  credits_pending = credits_pending + :cp, credits_posted = credits_posted + :cpo
				where account_id = :id and shard = :shard""", rows.toArray(SqlParameterSource[]::new));
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] == 0) {
				throw new IllegalStateException("no balance row for " + rows.get(i));
			}
		}
	}

	Map<String, StoredTransfer> findTransfers(Collection<String> ids) {
		Map<String, StoredTransfer> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		queryPlannedPerCall("select * from ledger_transfer where id = any(?)", ids,
				rs -> {
					StoredTransfer t = map(rs);
					found.put(t.id(), t);
				});
		return found;
	}

	/**
	 * Locks pending transfers about to be posted or voided, in id order, so that two transactions resolving the same
	 * one (a post racing its expiry, say) take turns: the second then reads the first's resolution and is refused.
	 */
	void lockPending(Collection<String> pendingIds) {
		if (pendingIds.isEmpty()) {
			return;
		}
		queryPlannedPerCall("select id from ledger_transfer where id = any(?) order by id for update", pendingIds,
				rs -> {
				});
	}

	/** For each of these pending transfers that was posted or voided: how. */
	Map<String, TransferType> findResolutions(Collection<String> pendingIds) {
		Map<String, TransferType> found = new HashMap<>();
		if (pendingIds.isEmpty()) {
			return found;
		}
		queryPlannedPerCall("select pending_id, type from ledger_transfer where pending_id = any(?)", pendingIds,
				rs -> {
					found.put(rs.getString("pending_id"), TransferType.valueOf(rs.getString("type")));
				});
		return found;
	}

	void insertTransfers(List<StoredTransfer> transfers) {
		if (transfers.isEmpty()) {
			return;
		}
		SqlParameterSource[] rows = transfers.stream()
			.map(t -> new MapSqlParameterSource().addValue("id", t.id())
				.addValue("debit", t.debit())
				.addValue("credit", t.credit())
				.addValue("amount", t.amount())
				.addValue("type", t.type().name())
				.addValue("pending", t.pendingId())
				.addValue("code", t.code().name())
				.addValue("orderRef", t.orderRef())
				.addValue("caseRef", t.caseRef())
				.addValue("timeout", SqlTime.of(t.timeoutAt()))
				.addValue("created", SqlTime.of(t.createdAt())))
			.toArray(SqlParameterSource[]::new);
		jdbc.batchUpdate("""
				insert into ledger_transfer (id, debit_account_id, credit_account_id, amount, type, pending_id, code,
				  order_ref, case_ref, timeout_at, created_at)
				values (:id, :debit, :credit, :amount, :type, :pending, :code, :orderRef, :caseRef, :timeout, :created)""",
				rows);
	}

	Optional<AccountMeta> findAccount(String id) {
		return findAccounts(List.of(id)).values().stream().findFirst();
	}

	/** The sum of an account's shards. */
	Optional<Counters> balance(String accountId) {
		List<Counters> rows = jdbc.query("""
				select sum(debits_pending) dp, sum(debits_posted) dpo, sum(credits_pending) cp, sum(credits_posted) cpo,
				  count(*) n from ledger_balance where account_id = :id""", Map.of("id", accountId),
				(rs, n) -> rs.getLong("n") == 0 ? null
						: new Counters(rs.getLong("dp"), rs.getLong("dpo"), rs.getLong("cp"), rs.getLong("cpo")));
		return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
	}

	List<StoredTransfer> transfersOf(String accountId, int limit) {
		return jdbc.query("""
				select * from ledger_transfer where debit_account_id = :id or credit_account_id = :id
				order by seq desc limit :limit""", Map.of("id", accountId, "limit", limit), (rs, n) -> map(rs));
	}

	List<StoredTransfer> transfersOf(String accountId, Instant from, Instant to, int limit) {
		return jdbc.query("""
				select * from ledger_transfer where (debit_account_id = :id or credit_account_id = :id)
				  and created_at >= :from and created_at < :to and type in ('SINGLE', 'POST_PENDING')
				order by seq desc limit :limit""",
				Map.of("id", accountId, "from", SqlTime.of(from), "to", SqlTime.of(to), "limit", limit),
				(rs, n) -> map(rs));
	}

	/**
	 * The sums debited and credited to an account by the transfers booked in {@code [from, to)} and at or after
	 * {@code to}, in one pass over its transfers since {@code from}: posted ones (a pending transfer moves nothing until
	 * it is posted, and then its POST_PENDING row carries the amount).
	 */
	long[] moved(String accountId, Instant from, Instant to) {
		return jdbc.queryForObject("""
				select coalesce(sum(case when debit_account_id = :id and created_at < :to then amount else 0 end), 0) d,
				  coalesce(sum(case when credit_account_id = :id and created_at < :to then amount else 0 end), 0) c,
				  coalesce(sum(case when debit_account_id = :id and created_at >= :to then amount else 0 end), 0) ld,
				  coalesce(sum(case when credit_account_id = :id and created_at >= :to then amount else 0 end), 0) lc
				from ledger_transfer where (debit_account_id = :id or credit_account_id = :id) and created_at >= :from
				  and type in ('SINGLE', 'POST_PENDING')""",
				Map.of("id", accountId, "from", SqlTime.of(from), "to", SqlTime.of(to)),
				(rs, n) -> new long[] { rs.getLong("d"), rs.getLong("c"), rs.getLong("ld"), rs.getLong("lc") });
	}

	List<StoredTransfer> transfersOfOrder(String orderRef) {
		return jdbc.query("select * from ledger_transfer where order_ref = :ref order by seq",
				Map.of("ref", orderRef), (rs, n) -> map(rs));
	}

	/**
	 * A set-based lookup: one array parameter ({@code = any(?)}) rather than an IN list of varying length, so there is
	 * one statement shape. On PostgreSQL it is planned for the array it is given on every call (the driver never makes
	 * it a named prepared statement, so the server never caches a generic plan for it): a generic plan for
	 * {@code = any(?)} guesses the array's length, and one made while the table was small scans it sequentially for as
	 * long as the connection lives (measured on the checkout benchmark: the balance lock went from 0.06 to 1.7 ms).
	 */
	private void queryPlannedPerCall(String sql, Collection<String> ids, RowCallbackHandler rows) {
		String[] array = ids.toArray(String[]::new);
		jdbc.getJdbcTemplate().query(connection -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			if (statement.isWrapperFor(PGStatement.class)) {
				statement.unwrap(PGStatement.class).setPrepareThreshold(0);
			}
			StatementCreatorUtils.setParameterValue(statement, 1, SqlTypeValue.TYPE_UNKNOWN, array);
			return statement;
		}, rows);
	}

	NamedParameterJdbcTemplate jdbc() {
		return jdbc;
	}

	static StoredTransfer map(ResultSet rs) throws SQLException {
		return new StoredTransfer(rs.getString("id"), rs.getString("debit_account_id"),
				rs.getString("credit_account_id"), rs.getLong("amount"), TransferType.valueOf(rs.getString("type")),
				rs.getString("pending_id"), TransferCode.valueOf(rs.getString("code")), rs.getString("order_ref"),
				rs.getString("case_ref"), SqlTime.read(rs, "timeout_at"), SqlTime.read(rs, "created_at"));
	}

	/** A balance row: an account's shard. Sorted by account id, then shard: the order rows are locked in. */
	record BalanceKey(String accountId, int shard) implements Comparable<BalanceKey> {

		@Override
		public int compareTo(BalanceKey other) {
			int byAccount = accountId.compareTo(other.accountId);
			return byAccount != 0 ? byAccount : Integer.compare(shard, other.shard);
		}
	}
}
