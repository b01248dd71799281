package cn.fangxin.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.fangxin.ledger.AccountKind;

/** The account cache of a long-running instance stays bounded although every order opens an escrow account. */
class AccountRegistryTests {

	@Test
	void accountsOpenedHereDoNotGrowTheCacheWithoutBound() {
		// no database: an account that is not cached would be looked up and fail
		AccountRegistry registry = new AccountRegistry(null, 4);
		for (int i = 0; i < 10; i++) {
			AccountKind kind = AccountKind.ESCROW;
			registry.rememberAfterCommit(new AccountMeta(kind.idFor("ord-" + i).value(), kind, kind.flag(), kind.shards()));
		}
		assertThat(registry.cachedCount()).isLessThanOrEqualTo(4);
		String last = AccountKind.ESCROW.idFor("ord-9").value();
		assertThat(registry.find(List.of(last))).containsOnlyKeys(last);
	}
}
