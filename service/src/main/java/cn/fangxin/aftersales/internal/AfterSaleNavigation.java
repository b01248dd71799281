package cn.fangxin.aftersales.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class AfterSaleNavigation {

	@Bean
	NavigationItem afterSalesNavigationItem() {
		return new NavigationItem("nav.afterSales", "nav.afterSales.description", "/after-sales",
				Set.of("CONSUMER", "MERCHANT", "AGENT", "ARBITRATOR", "ADMIN"), 22);
	}
}
