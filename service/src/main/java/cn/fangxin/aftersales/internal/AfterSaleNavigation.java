package cn.fangxin.aftersales.internal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.account.Accounts;
import cn.fangxin.account.Role;
import cn.fangxin.aftersales.AfterSaleStatus;
import cn.fangxin.aftersales.AfterSaleType;
import cn.fangxin.aftersales.AfterSales;
import cn.fangxin.platform.HomeNotices;
import cn.fangxin.platform.NavigationItem;

@Configuration(proxyBeanMethods = false)
class AfterSaleNavigation {

	/**
	 * A shop closes only when none of its after-sales cases waits on it: requested, approved, or a return on its way
	 * or received. A rejected case the consumer escalates later, and an escalated one, are complaints' business.
	 */
	@Bean
	cn.fangxin.merchant.OpenBusiness openAfterSales(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		return merchantId -> cn.fangxin.merchant.OpenBusiness.of("OPEN_AFTER_SALES",
				jdbc.sql("""
						select count(*) from after_sale where merchant_id = :merchant
						   and status in ('REQUESTED', 'APPROVED', 'RETURN_SHIPPED', 'RETURN_RECEIVED')""")
					.param("merchant", merchantId)
					.query(Long.class)
					.single());
	}

	/**
	 * What waits on the home page: a shop's requests to answer (silence approves them) and returns to receive; a
	 * buyer's approved returns to send back.
	 */
	@Bean
	HomeNotices afterSalesHomeNotices(AfterSales afterSales, Accounts accounts) {
		return () -> accounts.current().map(caller -> {
			java.util.List<HomeNotices.Notice> notices = new java.util.ArrayList<>();
			Set<AfterSaleType> all = java.util.EnumSet.allOf(AfterSaleType.class);
			if (caller.role() == Role.MERCHANT) {
				add(notices, afterSales.waiting(caller, Set.of(AfterSaleStatus.REQUESTED), all), "home.notice.afterSalesToAnswer");
				add(notices, afterSales.waiting(caller, Set.of(AfterSaleStatus.RETURN_SHIPPED), all),
						"home.notice.returnsToReceive");
			}
			else if (caller.role() == Role.CONSUMER) {
				add(notices, afterSales.waiting(caller, Set.of(AfterSaleStatus.APPROVED),
						Set.of(AfterSaleType.RETURN_AND_REFUND, AfterSaleType.EXCHANGE)), "home.notice.returnsToSend");
			}
			return java.util.List.copyOf(notices);
		}).orElse(java.util.List.of());
	}

	private static void add(java.util.List<HomeNotices.Notice> notices, long count, String key) {
		notices.addAll(HomeNotices.Notice.counted(count, key, "/after-sales"));
	}

	@Bean
	NavigationItem afterSalesNavigationItem() {
		return new NavigationItem("nav.afterSales", "nav.afterSales.description", "/after-sales",
				Set.of("CONSUMER", "MERCHANT", "AGENT", "ARBITRATOR", "ADMIN"), 22);
	}
}
