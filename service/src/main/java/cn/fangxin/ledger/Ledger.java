package cn.fangxin.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.ledger.LedgerReports.TrialBalance;
import cn.fangxin.ledger.LedgerReports.Verification;
import cn.fangxin.ledger.internal.GroupCommitWriter;
import cn.fangxin.ledger.internal.LedgerStore;
import cn.fangxin.ledger.internal.LedgerVerifier;
import cn.fangxin.ledger.internal.TransferProcessor;

/**
 * The ledger's use cases. Other modules move money with {@link #execute} or {@link #executeOrThrow} inside their own
 * transaction, so the money and their state change commit together; {@link #submit} is the group-commit path for
 * callers that only need durable transfers fast.
 */
@Service
public class Ledger {

	private final TransferProcessor processor;
	private final GroupCommitWriter writer;
	private final LedgerStore store;
	private final LedgerVerifier verifier;
	private final Clock clock;

	Ledger(TransferProcessor processor, GroupCommitWriter writer, LedgerStore store, LedgerVerifier verifier,
			Clock clock) {
		this.processor = processor;
		this.writer = writer;
		this.store = store;
		this.verifier = verifier;
		this.clock = clock;
	}

	/** Opens the account of this kind for this owner, or finds it if it is open already. */
	@Transactional
	public LedgerAccountId open(AccountKind kind, String owner) {
		LedgerAccountId id = kind.idFor(owner);
		store.open(id, kind, owner, clock.instant());
		return id;
	}

	/**
	 * Opens the account of this kind for an owner created in the caller's transaction (so the account cannot exist yet),
	 * without looking it up first.
	 */
	@Transactional
	public LedgerAccountId openNew(AccountKind kind, String owner) {
		LedgerAccountId id = kind.idFor(owner);
		store.openNew(id, kind, owner, clock.instant());
		return id;
	}

	/**
	 * Applies transfers in the caller's transaction, each linked chain all or nothing.
	 *
	 * @return a result per transfer, in order
	 */
	@Transactional
	public List<TransferResult> execute(List<Transfer> transfers) {
		if (transfers.isEmpty()) {
			return List.of();
		}
		return processor.process(List.of(transfers), shardHint(transfers)).get(0);
	}

	private static int shardHint(List<Transfer> transfers) {
		return transfers.get(0).id() == null ? 0 : transfers.get(0).id().hashCode();
	}

	/** The transfers linked into one chain. */
	private static List<Transfer> chain(Transfer... transfers) {
		List<Transfer> chain = new ArrayList<>(Arrays.asList(transfers));
		for (int i = 0; i < chain.size() - 1; i++) {
			chain.set(i, chain.get(i).linkedToNext());
		}
		return chain;
	}

	/**
	 * {@link #executeOrThrow} for transfers whose ids the caller made in this transaction from an id nobody had before
	 * (a payment it just wrote, say): they cannot exist yet, so they are not looked up. Should one exist after all, the
	 * transfer table's key refuses it and the caller's transaction fails.
	 */
	@Transactional
	public List<TransferResult> executeNewOrThrow(Transfer... transfers) {
		List<Transfer> chain = chain(transfers);
		return succeededOrThrow(processor.process(List.of(chain), shardHint(chain), true).get(0));
	}

	/**
	 * Applies the transfers all together or not at all (they are linked into one chain), in the caller's transaction;
	 * throws {@link TransferRefused} when any is refused, which rolls the caller's transaction back too.
	 */
	@Transactional
	public List<TransferResult> executeOrThrow(Transfer... transfers) {
		return succeededOrThrow(execute(chain(transfers)));
	}

	private static List<TransferResult> succeededOrThrow(List<TransferResult> results) {
		if (results.stream().anyMatch(r -> !r.succeeded())) {
			throw new TransferRefused(results);
		}
		return results;
	}

	/**
	 * Queues transfers for the group-commit writer; the future completes with their results once they are durable.
	 * Not part of any caller transaction.
	 */
	public CompletableFuture<List<TransferResult>> submit(List<Transfer> transfers) {
		return writer.submit(transfers);
	}

	/** An account's counters, including what the current transaction has not yet written. */
	@Transactional(readOnly = true)
	public Optional<Balance> balance(LedgerAccountId account) {
		return store.balance(account);
	}

	/**
	 * An account's counters with its balance rows locked until the caller's transaction ends, for a decision taken from
	 * them (which account pays a refund): a concurrent transfer on the account waits, so what was read still holds when
	 * the transfer decided on is booked. Only in the caller's transaction.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public Optional<Balance> lockedBalance(LedgerAccountId account) {
		return store.lockedBalance(account);
	}

	@Transactional(readOnly = true)
	public Optional<TransferView> transfer(String id) {
		return store.transfer(id);
	}

	/** An account's transfers, newest first. */
	@Transactional(readOnly = true)
	public List<TransferView> transfersOf(LedgerAccountId account, int limit) {
		return store.transfersOf(account, limit);
	}

	/** An account's transfers booked in {@code [from, to)}, newest first, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<TransferView> transfersOf(LedgerAccountId account, java.time.Instant from, java.time.Instant to,
			int limit) {
		return store.transfersOf(account, from, to, limit);
	}

	/**
	 * What an account's posted transfers debited and credited in a period {@code [from, to)}, and since its end: the
	 * balance at {@code to} is the balance now less what moved since (read both in one snapshot).
	 *
	 * @param debitsFen debited in the period
	 * @param creditsFen credited in the period
	 * @param laterDebitsFen debited since the period's end
	 * @param laterCreditsFen credited since the period's end
	 */
	public record Moved(long debitsFen, long creditsFen, long laterDebitsFen, long laterCreditsFen) {
	}

	/** See {@link Moved}. */
	@Transactional(readOnly = true)
	public Moved moved(LedgerAccountId account, java.time.Instant from, java.time.Instant to) {
		long[] sums = store.moved(account, from, to);
		return new Moved(sums[0], sums[1], sums[2], sums[3]);
	}

	/** An order's transfers, oldest first. */
	@Transactional(readOnly = true)
	public List<TransferView> transfersOfOrder(String orderRef) {
		return store.transfersOfOrder(orderRef);
	}

	public Verification verify() {
		return verifier.verify();
	}

	public TrialBalance trialBalance(AccountKind kind, int limit) {
		return verifier.trialBalance(kind, limit);
	}
}
