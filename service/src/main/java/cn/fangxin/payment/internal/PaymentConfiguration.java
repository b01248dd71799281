package cn.fangxin.payment.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.payment.PaymentProvider;

@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

	/** Every provider's clearing account, and the bank's for refunds paid by hand, exist from the first start. */
	@Bean
	ApplicationRunner clearingAccounts(Ledger ledger) {
		return (ApplicationArguments args) -> {
			for (PaymentProvider provider : PaymentProvider.values()) {
				ledger.open(AccountKind.GATEWAY_CLEARING, provider.name());
			}
			ledger.open(AccountKind.GATEWAY_CLEARING, cn.fangxin.payment.PaidByHand.BANK_TRANSFER.name());
		};
	}

	@Bean
	cn.fangxin.platform.NavigationItem refundsNavigationItem() {
		return new cn.fangxin.platform.NavigationItem("nav.refunds", "nav.refunds.description", "/staff/refunds",
				java.util.Set.of("AGENT", "ARBITRATOR", "ADMIN"), 630);
	}
}
