package cn.fangxin.complaint.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.NavigationItem;

/** The complaint pages in the web shell. */
@Configuration(proxyBeanMethods = false)
class ComplaintNavigation {

	/** A shop's complaints waiting for its answer, on its home page: silence sends them to arbitration. */
	@Bean
	cn.fangxin.platform.HomeNotices complaintHomeNotices(cn.fangxin.complaint.Complaints complaints,
			cn.fangxin.account.Accounts accounts) {
		return () -> accounts.current()
			.map(caller -> cn.fangxin.platform.HomeNotices.Notice.counted(complaints.waitingForShop(caller),
					"home.notice.complaintsToAnswer", "/complaints"))
			.orElse(java.util.List.of());
	}

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
