package cn.fangxin.ledger.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Balance;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.TransferView;

/** Reads and account creation for the {@link cn.fangxin.ledger.Ledger} API. */
@Component
public class LedgerStore {

	private final LedgerRepository repository;
	private final AccountRegistry registry;
	private final HotBalanceBuffer hot;

	LedgerStore(LedgerRepository repository, AccountRegistry registry, HotBalanceBuffer hot) {
		this.repository = repository;
		this.registry = registry;
		this.hot = hot;
	}

	public void open(LedgerAccountId id, AccountKind kind, String owner, Instant now) {
		if (registry.find(List.of(id.value())).isEmpty()) {
			repository.insertAccount(id.value(), kind, owner, now);
		}
	}

	/** Opens an account that cannot exist yet (its owner is new in this transaction): no lookup first. */
	public void openNew(LedgerAccountId id, AccountKind kind, String owner, Instant now) {
		repository.insertAccount(id.value(), kind, owner, now);
		registry.rememberAfterCommit(new AccountMeta(id.value(), kind, kind.flag(), kind.shards()));
	}

	public Optional<Balance> balance(LedgerAccountId id) {
		var meta = registry.find(List.of(id.value())).get(id.value());
		if (meta == null) {
			return Optional.empty();
		}
		return repository.balance(id.value()).map(c -> {
			c.add(hot.bufferedFor(id.value()));
			return new Balance(id, meta.kind(), c.debitsPending, c.debitsPosted, c.creditsPending, c.creditsPosted);
		});
	}

	/** The counters of a limited account with its balance rows locked until the transaction ends. */
	public Optional<Balance> lockedBalance(LedgerAccountId id) {
		var meta = registry.find(List.of(id.value())).get(id.value());
		if (meta == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(repository.lockBalances(List.of(id.value())).get(id.value())).map(c -> {
			c.add(hot.bufferedFor(id.value()));
			return new Balance(id, meta.kind(), c.debitsPending, c.debitsPosted, c.creditsPending, c.creditsPosted);
		});
	}

	public Optional<TransferView> transfer(String id) {
		return repository.findTransfers(List.of(id)).values().stream().findFirst().map(LedgerStore::view);
	}

	public List<TransferView> transfersOf(LedgerAccountId account, int limit) {
		return repository.transfersOf(account.value(), limit).stream().map(LedgerStore::view).toList();
	}

	public List<TransferView> transfersOf(LedgerAccountId account, java.time.Instant from, java.time.Instant to,
			int limit) {
		return repository.transfersOf(account.value(), from, to, limit).stream().map(LedgerStore::view).toList();
	}

	public long[] moved(LedgerAccountId account, java.time.Instant from, java.time.Instant to) {
		return repository.moved(account.value(), from, to);
	}

	public List<TransferView> transfersOfOrder(String orderRef) {
		return repository.transfersOfOrder(orderRef).stream().map(LedgerStore::view).toList();
	}

	private static TransferView view(StoredTransfer t) {
		return new TransferView(t.id(), t.debit(), t.credit(), t.amount(), t.type(), t.pendingId(), t.code(),
				t.orderRef(), t.caseRef(), t.timeoutAt(), t.createdAt());
	}
}
