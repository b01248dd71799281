package cn.fangxin.evidence.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class EvidenceNavigation {

	@Bean
	NavigationItem evidenceNavigationItem() {
		return new NavigationItem("nav.evidence", "nav.evidence.description", "/evidence", Set.of(), 50);
	}

	@Bean
	NavigationItem logNavigationItem() {
		return new NavigationItem("nav.log", "nav.log.description", "/public/log", Set.of(), 850);
	}
}
