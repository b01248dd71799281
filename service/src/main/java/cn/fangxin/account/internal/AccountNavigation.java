package cn.fangxin.account.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class AccountNavigation {

	@Bean
	NavigationItem myAccountNavigation() {
		return new NavigationItem("nav.account", "nav.account.description", "/account", Set.of(), 10);
	}

	@Bean
	NavigationItem accountsNavigation() {
		return new NavigationItem("nav.accounts", "nav.accounts.description", "/admin/accounts", Set.of("ADMIN"), 700);
	}
}
