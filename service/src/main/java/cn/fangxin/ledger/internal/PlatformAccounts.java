package cn.fangxin.ledger.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;

/** The platform's own accounts exist from the first start: the compensation fund and revenue. */
@Component
class PlatformAccounts implements ApplicationRunner {

	private final Ledger ledger;

	PlatformAccounts(Ledger ledger) {
		this.ledger = ledger;
	}

	@Override
	public void run(ApplicationArguments args) {
		ledger.open(AccountKind.COMPENSATION_FUND, AccountKind.PLATFORM);
		ledger.open(AccountKind.PLATFORM_REVENUE, AccountKind.PLATFORM);
	}
}
