package cn.fangxin.ledger.internal;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.fangxin.ledger.internal.LedgerRepository.BalanceKey;

/**
 * Changes to the shards of unlimited accounts (gateway clearing, compensation fund, revenue), held until just before
 * the transaction commits and then written in key order. So the rows every payment touches are locked last and
 * briefly, always in the same order, whatever else the transaction did: no deadlock cycle can run through them, and a
 * transaction that calls the ledger several times writes each hot shard once. The buffer lives in the transaction's
 * own synchronization, so a nested REQUIRES_NEW transaction keeps a buffer of its own.
 */
@Component
class HotBalanceBuffer {

	private final LedgerRepository repository;

	HotBalanceBuffer(LedgerRepository repository) {
		this.repository = repository;
	}

	void add(Map<BalanceKey, Counters> deltas) {
		if (deltas.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			repository.addToBalances(new TreeMap<>(deltas));
			return;
		}
		SortedMap<BalanceKey, Counters> buffer = current().buffer;
		deltas.forEach((key, delta) -> buffer.computeIfAbsent(key, k -> new Counters()).add(delta));
	}

	/** What the current transaction has buffered for one account (zero outside a transaction). */
	Counters bufferedFor(String accountId) {
		Counters sum = new Counters();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			for (TransactionSynchronization sync : TransactionSynchronizationManager.getSynchronizations()) {
				if (sync instanceof Flush flush && flush.owner == this) {
					flush.buffer.forEach((key, delta) -> {
						if (key.accountId().equals(accountId)) {
							sum.add(delta);
						}
					});
				}
			}
		}
		return sum;
	}

	private Flush current() {
		for (TransactionSynchronization sync : TransactionSynchronizationManager.getSynchronizations()) {
			if (sync instanceof Flush flush && flush.owner == this) {
				return flush;
			}
		}
		Flush flush = new Flush(this);
		TransactionSynchronizationManager.registerSynchronization(flush);
		return flush;
	}

	private static final class Flush implements TransactionSynchronization {

		private final HotBalanceBuffer owner;
		private final SortedMap<BalanceKey, Counters> buffer = new TreeMap<>();

		Flush(HotBalanceBuffer owner) {
			this.owner = owner;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			owner.repository.addToBalances(buffer);
		}
	}
}
