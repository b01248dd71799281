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

	/** Every provider's clearing account exists from the first start. */
	@Bean
	ApplicationRunner clearingAccounts(Ledger ledger) {
		return (ApplicationArguments args) -> {
			for (PaymentProvider provider : PaymentProvider.values()) {
				ledger.open(AccountKind.GATEWAY_CLEARING, provider.name());
			}
		};
	}

	@Bean
	cn.fangxin.platform.NavigationItem refundsNavigationItem() {
		return new cn.fangxin.platform.NavigationItem("nav.refunds", "nav.refunds.description", "/staff/refunds",
				java.util.Set.of("AGENT", "ARBITRATOR", "ADMIN"), 630);
	}
}
