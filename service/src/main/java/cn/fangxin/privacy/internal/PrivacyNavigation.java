package cn.fangxin.privacy.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class PrivacyNavigation {

	@Bean
	NavigationItem accessAuditNavigationItem() {
		return new NavigationItem("nav.accessAudit", "nav.accessAudit.description", "/admin/access-audit",
				Set.of("ADMIN"), 650);
	}
}
