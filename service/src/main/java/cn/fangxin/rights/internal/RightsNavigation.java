package cn.fangxin.rights.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

/** "My personal data" in the menu of consumers and merchants. */
@Configuration(proxyBeanMethods = false)
class RightsNavigation {

	@Bean
	NavigationItem personalDataNavigationItem() {
		return new NavigationItem("nav.personalData", "nav.personalData.description", "/me/privacy",
				Set.of("CONSUMER", "MERCHANT"), 840);
	}
}
