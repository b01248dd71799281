package cn.fangxin.complaint.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

/** The complaint pages in the web shell. */
@Configuration(proxyBeanMethods = false)
class ComplaintNavigation {

	@Bean
	NavigationItem complaintsNavigationItem() {
		return new NavigationItem("nav.complaints", "nav.complaints.description", "/complaints",
				Set.of("CONSUMER", "MERCHANT", "AGENT", "ARBITRATOR", "ADMIN"), 24);
	}

	@Bean
	NavigationItem arbitrationDeskNavigationItem() {
		return new NavigationItem("nav.arbitrationDesk", "nav.arbitrationDesk.description", "/complaints/desk",
				Set.of("ARBITRATOR"), 25);
	}

	@Bean
	NavigationItem regulatorInboxNavigationItem() {
		return new NavigationItem("nav.regulatorInbox", "nav.regulatorInbox.description", "/regulator/complaints",
				Set.of("REGULATOR"), 26);
	}
}
