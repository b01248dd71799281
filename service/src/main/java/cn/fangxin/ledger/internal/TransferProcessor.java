package cn.fangxin.ledger.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import cn.fangxin.ledger.AccountFlag;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.ledger.TransferResult;
import cn.fangxin.ledger.TransferStatus;
import cn.fangxin.ledger.TransferType;
import cn.fangxin.ledger.internal.LedgerRepository.BalanceKey;
import cn.fangxin.platform.Deadlines;

/**
 * Applies submissions of transfers inside the caller's transaction, as TigerBeetle does: each transfer in order, each
 * linked chain all or nothing, a refused transfer changing nothing. It reads what it needs in a few set-based queries
 * (existing ids, pending transfers and their resolutions, account metadata), locks the balance rows of limited
 * accounts in id order, decides everything in memory, and then writes the new transfers and the counter changes in
 * batches. Changes to unlimited (sharded) accounts go to the {@link HotBalanceBuffer}, written at commit.
 */
@Component
public class TransferProcessor {

	static final String EXPIRY_DEADLINE = "LEDGER_PENDING_EXPIRY";
	private static final int MAX_ID_LENGTH = 100;

	private final LedgerRepository repository;
	private final AccountRegistry accounts;
	private final HotBalanceBuffer hot;
	private final Deadlines deadlines;
	private final Clock clock;

	TransferProcessor(LedgerRepository repository, AccountRegistry accounts, HotBalanceBuffer hot, Deadlines deadlines,
			Clock clock) {
		this.repository = repository;
		this.accounts = accounts;
		this.hot = hot;
		this.deadlines = deadlines;
		this.clock = clock;
	}

	/**
	 * Applies submissions, each a list of transfers whose linked chains end within it. Must run in a transaction.
	 *
	 * @param submissions the submissions, in order
	 * @param shardHint picks the shard of unlimited accounts that this call writes to
	 * @return per submission, a result per transfer
	 */
	public List<List<TransferResult>> process(List<List<Transfer>> submissions, int shardHint) {
		return process(submissions, shardHint, false);
	}

	/**
	 * {@link #process(List, int)}; with {@code newIds}, the transfers' own ids are not looked up: the caller made them
	 * in this transaction from an id nobody had before. Should one exist after all, its insert is refused by the
	 * table's key and the transaction fails: money never moves twice.
	 */
	public List<List<TransferResult>> process(List<List<Transfer>> submissions, int shardHint, boolean newIds) {
		Instant now = clock.instant();
		Batch batch = new Batch(now, shardHint);
		batch.load(submissions, newIds);
		List<List<TransferResult>> results = new ArrayList<>(submissions.size());
		for (List<Transfer> submission : submissions) {
			results.add(batch.applySubmission(submission));
		}
		batch.write();
		return results;
	}

	/** The state of one call: what was read, what is decided, and how to undo a failed chain. */
	private final class Batch {

		private final Instant now;
		private final int shardHint;
		private final Map<String, StoredTransfer> byId = new HashMap<>();
		private final Map<String, TransferType> resolutions = new HashMap<>();
		private final Map<String, AccountMeta> metas = new HashMap<>();
		private final Map<String, Counters> limited = new HashMap<>();
		private final Map<String, Counters> limitedDeltas = new HashMap<>();
		private final Map<BalanceKey, Counters> hotDeltas = new HashMap<>();
		private final List<StoredTransfer> accepted = new ArrayList<>();
		private final List<Runnable> undo = new ArrayList<>();

		Batch(Instant now, int shardHint) {
			this.now = now;
			this.shardHint = shardHint;
		}

		void load(List<List<Transfer>> submissions, boolean newIds) {
			Set<String> ids = new HashSet<>();
			Set<String> pendingIds = new HashSet<>();
			Set<String> accountIds = new HashSet<>();
			for (List<Transfer> submission : submissions) {
				for (Transfer t : submission) {
					if (t.id() != null && !newIds) {
						ids.add(t.id());
					}
					if (t.pendingId() != null) {
						pendingIds.add(t.pendingId());
					}
					if (t.debit() != null) {
						accountIds.add(t.debit().value());
					}
					if (t.credit() != null) {
						accountIds.add(t.credit().value());
					}
				}
			}
			repository.lockPending(pendingIds);
			Set<String> lookup = new HashSet<>(ids);
			lookup.addAll(pendingIds);
			byId.putAll(repository.findTransfers(lookup));
			resolutions.putAll(repository.findResolutions(pendingIds));
			for (String pendingId : pendingIds) {
				StoredTransfer pending = byId.get(pendingId);
				if (pending != null) {
					accountIds.add(pending.debit());
					accountIds.add(pending.credit());
				}
			}
			metas.putAll(accounts.find(accountIds));
			List<String> toLock = metas.values().stream().filter(AccountMeta::limited).map(AccountMeta::id).toList();
			limited.putAll(repository.lockBalances(toLock));
		}

		/** Applies one submission chain by chain; a failing transfer fails its whole chain and nothing else. */
		List<TransferResult> applySubmission(List<Transfer> submission) {
			int n = submission.size();
			TransferStatus[] statuses = new TransferStatus[n];
			int start = 0;
			while (start < n) {
				int end = start;
				while (end < n - 1 && submission.get(end).linked()) {
					end++;
				}
				chainMark = accepted.size();
				undo.clear();
				int failedAt = -1;
				TransferStatus failure = null;
				if (submission.get(end).linked()) {
					failedAt = end;
					failure = TransferStatus.LINKED_EVENT_CHAIN_OPEN;
				}
				else {
					for (int i = start; i <= end; i++) {
						statuses[i] = apply(submission.get(i));
						if (!statuses[i].succeeded()) {
							failedAt = i;
							failure = statuses[i];
							break;
						}
					}
				}
				if (failedAt >= 0) {
					rollbackChain();
					for (int i = start; i <= end; i++) {
						statuses[i] = i == failedAt ? failure : TransferStatus.LINKED_EVENT_FAILED;
					}
				}
				start = end + 1;
			}
			List<TransferResult> results = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				results.add(new TransferResult(submission.get(i).id(), statuses[i]));
			}
			return results;
		}

		/** Where the current chain's accepted transfers begin. */
		private int chainMark;

		private void rollbackChain() {
			for (int k = undo.size() - 1; k >= 0; k--) {
				undo.get(k).run();
			}
			undo.clear();
			while (accepted.size() > chainMark) {
				StoredTransfer removed = accepted.remove(accepted.size() - 1);
				byId.remove(removed.id());
				if (removed.pendingId() != null) {
					resolutions.remove(removed.pendingId());
				}
			}
		}

		private TransferStatus apply(Transfer t) {
			if (t.id() == null || t.id().isBlank() || t.id().length() > MAX_ID_LENGTH) {
				return TransferStatus.ID_INVALID;
			}
			StoredTransfer existing = byId.get(t.id());
			if (existing != null) {
				return sameFields(existing, t) ? TransferStatus.EXISTS : TransferStatus.EXISTS_WITH_DIFFERENT_FIELDS;
			}
			return switch (t.type()) {
				case SINGLE, PENDING -> applyNew(t);
				case POST_PENDING, VOID_PENDING -> applyResolution(t);
			};
		}

		private TransferStatus applyNew(Transfer t) {
			if (t.amount() == null || !t.amount().isPositive()) {
				return TransferStatus.AMOUNT_MUST_BE_POSITIVE;
			}
			if (t.code() == null) {
				return TransferStatus.CODE_REQUIRED;
			}
			if (t.debit() == null || !metas.containsKey(t.debit().value())) {
				return TransferStatus.DEBIT_ACCOUNT_NOT_FOUND;
			}
			if (t.credit() == null || !metas.containsKey(t.credit().value())) {
				return TransferStatus.CREDIT_ACCOUNT_NOT_FOUND;
			}
			if (t.debit().equals(t.credit())) {
				return TransferStatus.ACCOUNTS_MUST_BE_DIFFERENT;
			}
			boolean pending = t.type() == TransferType.PENDING;
			if (t.timeout() != null && (!pending || t.timeout().isNegative() || t.timeout().isZero())) {
				return TransferStatus.TIMEOUT_INVALID;
			}
			long amount = t.amount().fen();
			AccountMeta debit = metas.get(t.debit().value());
			AccountMeta credit = metas.get(t.credit().value());
			if (debit.flag() == AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS) {
				Counters c = limited.get(debit.id());
				if (Math.addExact(Math.addExact(c.debitsPending, c.debitsPosted), amount) > c.creditsPosted) {
					return TransferStatus.EXCEEDS_CREDITS;
				}
			}
			if (credit.flag() == AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS) {
				Counters c = limited.get(credit.id());
				if (Math.addExact(Math.addExact(c.creditsPending, c.creditsPosted), amount) > c.debitsPosted) {
					return TransferStatus.EXCEEDS_DEBITS;
				}
			}
			change(debit, pending ? new Counters(amount, 0, 0, 0) : new Counters(0, amount, 0, 0));
			change(credit, pending ? new Counters(0, 0, amount, 0) : new Counters(0, 0, 0, amount));
			Instant timeoutAt = pending && t.timeout() != null ? now.plus(t.timeout()) : null;
			accept(new StoredTransfer(t.id(), debit.id(), credit.id(), amount, t.type(), null, t.code(), t.orderRef(),
					t.caseRef(), timeoutAt, now));
			return TransferStatus.OK;
		}

		private TransferStatus applyResolution(Transfer t) {
			if (t.pendingId() == null || t.pendingId().isBlank()) {
				return TransferStatus.PENDING_ID_REQUIRED;
			}
			if (t.timeout() != null) {
				return TransferStatus.TIMEOUT_INVALID;
			}
			StoredTransfer p = byId.get(t.pendingId());
			if (p == null) {
				return TransferStatus.PENDING_TRANSFER_NOT_FOUND;
			}
			if (p.type() != TransferType.PENDING) {
				return TransferStatus.PENDING_TRANSFER_NOT_PENDING;
			}
			if ((t.debit() != null && !t.debit().value().equals(p.debit()))
					|| (t.credit() != null && !t.credit().value().equals(p.credit()))) {
				return TransferStatus.PENDING_TRANSFER_NOT_FOUND;
			}
			TransferType resolved = resolutions.get(p.id());
			if (resolved == TransferType.POST_PENDING) {
				return TransferStatus.PENDING_TRANSFER_ALREADY_POSTED;
			}
			if (resolved == TransferType.VOID_PENDING) {
				return TransferStatus.PENDING_TRANSFER_ALREADY_VOIDED;
			}
			boolean post = t.type() == TransferType.POST_PENDING;
			if (post && p.timeoutAt() != null && !now.isBefore(p.timeoutAt())) {
				return TransferStatus.PENDING_TRANSFER_EXPIRED;
			}
			long amount = p.amount();
			if (post && t.amount() != null) {
				if (!t.amount().isPositive()) {
					return TransferStatus.AMOUNT_MUST_BE_POSITIVE;
				}
				if (t.amount().fen() > p.amount()) {
					return TransferStatus.EXCEEDS_PENDING_TRANSFER_AMOUNT;
				}
				amount = t.amount().fen();
			}
			AccountMeta debit = metas.get(p.debit());
			AccountMeta credit = metas.get(p.credit());
			long posted = post ? amount : 0;
			change(debit, new Counters(-p.amount(), posted, 0, 0));
			change(credit, new Counters(0, 0, -p.amount(), posted));
			TransferCode code = t.code() != null ? t.code() : p.code();
			accept(new StoredTransfer(t.id(), p.debit(), p.credit(), amount, t.type(), p.id(), code,
					t.orderRef() != null ? t.orderRef() : p.orderRef(), t.caseRef() != null ? t.caseRef() : p.caseRef(),
					null, now));
			resolutions.put(p.id(), t.type());
			return TransferStatus.OK;
		}

		private void accept(StoredTransfer stored) {
			accepted.add(stored);
			byId.put(stored.id(), stored);
		}

		/** Applies a change to an account's counters, remembering how to undo it if its chain fails. */
		private void change(AccountMeta account, Counters delta) {
			Counters negative = new Counters(-delta.debitsPending, -delta.debitsPosted, -delta.creditsPending,
					-delta.creditsPosted);
			if (account.limited()) {
				Counters current = limited.get(account.id());
				Counters pendingDelta = limitedDeltas.computeIfAbsent(account.id(), k -> new Counters());
				current.add(delta);
				pendingDelta.add(delta);
				undo.add(() -> {
					current.add(negative);
					pendingDelta.add(negative);
				});
			}
			else {
				BalanceKey key = new BalanceKey(account.id(), Math.floorMod(shardHint, account.shards()));
				Counters hotDelta = hotDeltas.computeIfAbsent(key, k -> new Counters());
				hotDelta.add(delta);
				undo.add(() -> hotDelta.add(negative));
			}
		}

		void write() {
			repository.insertTransfers(accepted);
			TreeMap<BalanceKey, Counters> limitedRows = new TreeMap<>();
			limitedDeltas.forEach((id, delta) -> limitedRows.put(new BalanceKey(id, 0), delta));
			repository.addToBalances(limitedRows);
			hot.add(hotDeltas);
			for (StoredTransfer t : accepted) {
				if (t.type() == TransferType.PENDING && t.timeoutAt() != null) {
					deadlines.schedule(EXPIRY_DEADLINE, t.id(), t.timeoutAt());
				}
				else if (t.pendingId() != null) {
					// posted or voided before it timed out: its expiry is moot (one already due fires as a no-op)
					deadlines.cancelNotDue(EXPIRY_DEADLINE, t.pendingId());
				}
			}
		}
	}

	private static boolean sameFields(StoredTransfer stored, Transfer t) {
		if (stored.type() != t.type() || !Objects.equals(stored.pendingId(), t.pendingId())) {
			return false;
		}
		boolean resolution = t.type() == TransferType.POST_PENDING || t.type() == TransferType.VOID_PENDING;
		return (t.debit() == null ? resolution : t.debit().value().equals(stored.debit()))
				&& (t.credit() == null ? resolution : t.credit().value().equals(stored.credit()))
				&& (t.amount() == null ? resolution : t.amount().fen() == stored.amount())
				&& (t.code() == null ? resolution : t.code() == stored.code())
				&& (t.orderRef() == null || t.orderRef().equals(stored.orderRef()))
				&& (t.caseRef() == null || t.caseRef().equals(stored.caseRef()));
	}
}
