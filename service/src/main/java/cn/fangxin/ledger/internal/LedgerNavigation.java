package cn.fangxin.ledger.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class LedgerNavigation {

	@Bean
	NavigationItem ledgerPageNavigation() {
		return new NavigationItem("nav.ledger", "nav.ledger.description", "/admin/ledger", Set.of("ADMIN"), 600);
	}
}
