package cn.fangxin.ledger.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Account metadata, cached: an account's kind, limit and shard count never change once it exists, so every instance
 * may keep what it has read. Missing accounts are not cached (they may be opened a moment later).
 */
@Component
class AccountRegistry {

	private static final int MAX_CACHED = 200_000;

	private final LedgerRepository repository;
	private final int maxCached;
	private final Map<String, AccountMeta> cache = new ConcurrentHashMap<>();

	@org.springframework.beans.factory.annotation.Autowired
	AccountRegistry(LedgerRepository repository) {
		this(repository, MAX_CACHED);
	}

	AccountRegistry(LedgerRepository repository, int maxCached) {
		this.repository = repository;
		this.maxCached = maxCached;
	}

	Map<String, AccountMeta> find(Collection<String> ids) {
		Map<String, AccountMeta> found = new HashMap<>();
		List<String> missing = new java.util.ArrayList<>();
		for (String id : ids) {
			AccountMeta meta = cache.get(id);
			if (meta != null) {
				found.put(id, meta);
			}
			else {
				missing.add(id);
			}
		}
		if (!missing.isEmpty()) {
			Map<String, AccountMeta> loaded = repository.findAccounts(missing);
			loaded.values().forEach(this::remember);
			found.putAll(loaded);
		}
		return found;
	}

	/**
	 * Remembers an account this instance just created, once its transaction has committed (a rolled-back account must
	 * not be remembered).
	 */
	void rememberAfterCommit(AccountMeta meta) {
		if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			remember(meta);
			return;
		}
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCommit() {
					remember(meta);
				}
			});
	}

	/**
	 * Every order opens an escrow account, so the cache is emptied when it is full: it would otherwise grow by one entry
	 * per order for as long as the instance runs.
	 */
	private void remember(AccountMeta meta) {
		if (cache.size() >= maxCached) {
			cache.clear();
		}
		cache.put(meta.id(), meta);
	}

	/** How many accounts are cached now. */
	int cachedCount() {
		return cache.size();
	}
}
