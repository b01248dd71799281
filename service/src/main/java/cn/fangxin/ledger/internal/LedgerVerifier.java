package cn.fangxin.ledger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.LedgerReports.Line;
import cn.fangxin.ledger.LedgerReports.TrialBalance;
import cn.fangxin.ledger.LedgerReports.Verification;
import cn.fangxin.ledger.LedgerReports.Violation;
import cn.fangxin.platform.SnapshotReads;

/**
 * Checks the ledger's invariants on one consistent snapshot: debits equal credits; no limited
 * account past its limit; every account's counters equal what its transfers add up to; every post within its
 * pending amount; every escrow equal to paid − released − refunded.
 */
@Component
public class LedgerVerifier {

	private final NamedParameterJdbcTemplate jdbc;

	private final SnapshotReads snapshots;

	LedgerVerifier(LedgerRepository repository, SnapshotReads snapshots) {
		this.jdbc = repository.jdbc();
		this.snapshots = snapshots;
	}

	/** Checks every invariant on one snapshot of the database (see {@link SnapshotReads}). */
	public Verification verify() {
		return snapshots.read(this::check);
	}

	private Verification check() {
		List<Violation> violations = new ArrayList<>();
		Map<String, long[]> counters = new HashMap<>();
		Map<String, String> flags = new HashMap<>();
		Map<String, AccountKind> kinds = new HashMap<>();
		jdbc.query("""
				select a.id, a.kind, a.flag, coalesce(sum(b.debits_pending), 0) dp, coalesce(sum(b.debits_posted), 0) dpo,
				  coalesce(sum(b.credits_pending), 0) cp, coalesce(sum(b.credits_posted), 0) cpo
				from ledger_account a left join ledger_balance b on b.account_id = a.id group by a.id, a.kind, a.flag""",
				Map.of(), rs -> {
					String id = rs.getString("id");
					counters.put(id, new long[] { rs.getLong("dp"), rs.getLong("dpo"), rs.getLong("cp"), rs.getLong("cpo") });
					flags.put(id, rs.getString("flag"));
					kinds.put(id, AccountKind.valueOf(rs.getString("kind")));
				});

		long[] total = new long[4];
		counters.values().forEach(c -> {
			for (int i = 0; i < 4; i++) {
				total[i] += c[i];
			}
		});
		if (total[1] != total[3]) {
			violations.add(new Violation("DEBITS_EQUAL_CREDITS", "ledger",
					"posted debits " + total[1] + " ≠ posted credits " + total[3]));
		}
		if (total[0] != total[2]) {
			violations.add(new Violation("DEBITS_EQUAL_CREDITS", "ledger",
					"pending debits " + total[0] + " ≠ pending credits " + total[2]));
		}

		counters.forEach((id, c) -> {
			String flag = flags.get(id);
			if ("DEBITS_MUST_NOT_EXCEED_CREDITS".equals(flag) && c[0] + c[1] > c[3]) {
				violations.add(new Violation("ACCOUNT_LIMIT", id,
						"debits " + (c[0] + c[1]) + " exceed posted credits " + c[3]));
			}
			if ("CREDITS_MUST_NOT_EXCEED_DEBITS".equals(flag) && c[2] + c[3] > c[1]) {
				violations.add(new Violation("ACCOUNT_LIMIT", id,
						"credits " + (c[2] + c[3]) + " exceed posted debits " + c[1]));
			}
		});

		Map<String, long[]> expected = new HashMap<>();
		jdbc.query("""
				select account_id, sum(dp) dp, sum(dpo) dpo, sum(cp) cp, sum(cpo) cpo from (
				  select debit_account_id account_id, 0 dp, amount dpo, 0 cp, 0 cpo from ledger_transfer
				    where type in ('SINGLE', 'POST_PENDING')
				  union all
				  select credit_account_id, 0, 0, 0, amount from ledger_transfer where type in ('SINGLE', 'POST_PENDING')
				  union all
				  select t.debit_account_id, t.amount, 0, 0, 0 from ledger_transfer t
				    where t.type = 'PENDING' and not exists (select 1 from ledger_transfer r where r.pending_id = t.id)
				  union all
				  select t.credit_account_id, 0, 0, t.amount, 0 from ledger_transfer t
				    where t.type = 'PENDING' and not exists (select 1 from ledger_transfer r where r.pending_id = t.id)
				) x group by account_id""", Map.of(), rs -> {
					expected.put(rs.getString("account_id"),
							new long[] { rs.getLong("dp"), rs.getLong("dpo"), rs.getLong("cp"), rs.getLong("cpo") });
				});
		Set<String> all = new HashSet<>(counters.keySet());
		all.addAll(expected.keySet());
		String[] names = { "debits_pending", "debits_posted", "credits_pending", "credits_posted" };
		for (String id : all) {
			long[] have = counters.get(id);
			long[] want = expected.getOrDefault(id, new long[4]);
			if (have == null) {
				violations.add(new Violation("TRANSFER_ACCOUNT_EXISTS", id, "transfers name an account that does not exist"));
				continue;
			}
			for (int i = 0; i < 4; i++) {
				if (have[i] != want[i]) {
					violations.add(new Violation("COUNTERS_MATCH_TRANSFERS", id,
							names[i] + " is " + have[i] + " but its transfers add up to " + want[i]));
				}
			}
		}

		jdbc.query("""
				select r.id, r.amount, p.amount pending_amount, p.type pending_type from ledger_transfer r
				join ledger_transfer p on p.id = r.pending_id
				where p.type <> 'PENDING' or (r.type = 'POST_PENDING' and r.amount > p.amount)
				  or r.debit_account_id <> p.debit_account_id or r.credit_account_id <> p.credit_account_id""",
				Map.of(), rs -> {
					violations.add(new Violation("RESOLUTION_MATCHES_PENDING", rs.getString("id"),
							"posts " + rs.getLong("amount") + " of a " + rs.getString("pending_type") + " transfer of "
									+ rs.getLong("pending_amount")));
				});

		Map<String, long[]> escrow = new HashMap<>();
		jdbc.query("""
				select account_id, sum(paid) paid, sum(released) released, sum(refunded) refunded, sum(other) other from (
				  select credit_account_id account_id, case when code = 'PAYMENT' then amount else 0 end paid, 0 released,
				    0 refunded, case when code <> 'PAYMENT' then amount else 0 end other
				  from ledger_transfer where credit_account_id like 'escrow:%' and type in ('SINGLE', 'POST_PENDING')
				  union all
				  select debit_account_id, 0, case when code = 'RELEASE' then amount else 0 end,
				    case when code = 'REFUND' then amount else 0 end,
				    case when code not in ('RELEASE', 'REFUND') then amount else 0 end
				  from ledger_transfer where debit_account_id like 'escrow:%' and type in ('SINGLE', 'POST_PENDING')
				) x group by account_id""", Map.of(), rs -> {
					escrow.put(rs.getString("account_id"), new long[] { rs.getLong("paid"), rs.getLong("released"),
							rs.getLong("refunded"), rs.getLong("other") });
				});
		escrow.forEach((id, e) -> {
			long[] c = counters.get(id);
			if (c == null) {
				return;
			}
			long held = c[3] - c[1];
			if (e[3] != 0) {
				violations.add(new Violation("ESCROW_MOVEMENTS", id,
						e[3] + " fen moved by transfers that are neither payment, release nor refund"));
			}
			if (held != e[0] - e[1] - e[2]) {
				violations.add(new Violation("ESCROW_EQUALS_PAID_MINUS_RELEASED_MINUS_REFUNDED", id, "holds " + held
						+ " but paid " + e[0] + " − released " + e[1] + " − refunded " + e[2] + " = " + (e[0] - e[1] - e[2])));
			}
		});

		Long transfers = jdbc.queryForObject("select count(*) from ledger_transfer", Map.of(), Long.class);
		return new Verification(violations.isEmpty(), counters.size() + (transfers == null ? 0 : transfers),
				List.copyOf(violations));
	}

	/** The trial balance, read on one snapshot. */
	public TrialBalance trialBalance(AccountKind kind, int limit) {
		return snapshots.read(() -> readTrialBalance(kind, limit));
	}

	private TrialBalance readTrialBalance(AccountKind kind, int limit) {
		List<Line> lines = jdbc.query("""
				select a.id, a.kind, sum(b.debits_posted) dpo, sum(b.credits_posted) cpo, sum(b.debits_pending) dp,
				  sum(b.credits_pending) cp
				from ledger_account a join ledger_balance b on b.account_id = a.id
				where (:kind is null or a.kind = :kind)
				group by a.id, a.kind order by a.kind, a.id limit :limit""",
				new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
					.addValue("kind", kind == null ? null : kind.name(), java.sql.Types.VARCHAR)
					.addValue("limit", limit),
				(rs, n) -> new Line(rs.getString("id"), AccountKind.valueOf(rs.getString("kind")), rs.getLong("dpo"),
						rs.getLong("cpo"), rs.getLong("dp"), rs.getLong("cp")));
		List<Line> byKind = jdbc.query("""
				select a.kind, sum(b.debits_posted) dpo, sum(b.credits_posted) cpo, sum(b.debits_pending) dp,
				  sum(b.credits_pending) cp
				from ledger_account a join ledger_balance b on b.account_id = a.id group by a.kind order by a.kind""",
				Map.of(), (rs, n) -> new Line(null, AccountKind.valueOf(rs.getString("kind")), rs.getLong("dpo"),
						rs.getLong("cpo"), rs.getLong("dp"), rs.getLong("cp")));
		Long accounts = jdbc.queryForObject("select count(*) from ledger_account", Map.of(), Long.class);
		long debits = byKind.stream().mapToLong(Line::debitsFen).sum();
		long credits = byKind.stream().mapToLong(Line::creditsFen).sum();
		long pendingDebits = byKind.stream().mapToLong(Line::pendingDebitsFen).sum();
		long pendingCredits = byKind.stream().mapToLong(Line::pendingCreditsFen).sum();
		return new TrialBalance(lines, accounts == null ? 0 : accounts, byKind, debits, credits, pendingDebits,
				pendingCredits, debits == credits && pendingDebits == pendingCredits);
	}
}
