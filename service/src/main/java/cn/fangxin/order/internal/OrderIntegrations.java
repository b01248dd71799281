package cn.fangxin.order.internal;

import java.util.Optional;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.account.AccountId;
import cn.fangxin.evidence.EvidenceBundles;
import cn.fangxin.evidence.EvidenceSubjects;
import cn.fangxin.merchant.EscrowHoldings;
import cn.fangxin.order.OrderStatus;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.NavigationItem;

/** What the orders module tells other modules through their ports, and its places in the web shell. */
@Configuration(proxyBeanMethods = false)
class OrderIntegrations {

	/** The merchant's balance shows the buyers' money held for its open orders. */
	@Bean
	EscrowHoldings orderEscrowHoldings(Orders orders) {
		return orders::inEscrowFen;
	}

	/**
	 * A shop closes only when none of its orders is still under way (to pay, ship, deliver or confirm). A failed charge
	 * of a pay-after-receipt order does not keep it open: that is the buyer's debt, which staff pursue, and its money
	 * reaches the shop's balance when it is paid.
	 */
	@Bean
	cn.fangxin.merchant.OpenBusiness openOrders(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		java.util.List<String> closed = java.util.Arrays.stream(OrderStatus.values())
			.filter(s -> s.closed() || s == OrderStatus.CHARGE_FAILED)
			.map(Enum::name)
			.toList();
		return merchantId -> cn.fangxin.merchant.OpenBusiness.of("OPEN_ORDERS",
				jdbc.sql("select count(*) from orders where merchant_id = :merchant and status not in (:closed)")
					.param("merchant", merchantId)
					.param("closed", closed)
					.query(Long.class)
					.single());
	}

	/** An order's parties may file evidence under it and download its bundle. */
	@Bean
	EvidenceSubjects orderEvidenceSubjects(Orders orders) {
		return new EvidenceSubjects() {

			@Override
			public boolean supports(EvidenceBundles.Subject subject) {
				return subject == EvidenceBundles.Subject.ORDER;
			}

			@Override
			public Optional<Set<AccountId>> parties(EvidenceBundles.Subject subject, String id) {
				return subject == EvidenceBundles.Subject.ORDER ? orders.partiesOf(id) : Optional.empty();
			}

			@Override
			public java.util.List<Choice> recentFor(cn.fangxin.account.Caller caller) {
				if (caller.role() != cn.fangxin.account.Role.CONSUMER && caller.role() != cn.fangxin.account.Role.MERCHANT) {
					return java.util.List.of(); // staff file evidence under a case they handle, by its number
				}
				return orders.list(caller, java.util.List.of(), null, null, 30)
					.items()
					.stream()
					.map(o -> new Choice(EvidenceBundles.Subject.ORDER, o.id(), o.title() + " · " + o.shopName()))
					.toList();
			}
		};
	}

	/**
	 * What waits for the user on the home page: a buyer's orders to pay and to confirm, a shop's orders to ship (one
	 * count query each).
	 */
	@Bean
	cn.fangxin.platform.HomeNotices orderHomeNotices(Orders orders, cn.fangxin.account.Accounts accounts) {
		return () -> accounts.current().map(caller -> {
			java.util.List<cn.fangxin.platform.HomeNotices.Notice> notices = new java.util.ArrayList<>();
			switch (caller.role()) {
				case CONSUMER -> {
					count(orders, caller, java.util.List.of(OrderStatus.AWAITING_PAYMENT), "home.notice.toPay",
							"/orders?status=AWAITING_PAYMENT", notices);
					count(orders, caller, java.util.List.of(OrderStatus.DELIVERED), "home.notice.toConfirm",
							"/orders?status=DELIVERED", notices);
				}
				case MERCHANT -> count(orders, caller, java.util.List.of(OrderStatus.PAID, OrderStatus.AWAITING_SHIPMENT),
						"home.notice.toShip", "/orders", notices);
				default -> {
				}
			}
			return java.util.List.copyOf(notices);
		}).orElse(java.util.List.of());
	}

	private static void count(Orders orders, cn.fangxin.account.Caller caller, java.util.List<OrderStatus> statuses,
			String key, String path, java.util.List<cn.fangxin.platform.HomeNotices.Notice> notices) {
		notices.addAll(cn.fangxin.platform.HomeNotices.Notice.counted(orders.waiting(caller, statuses), key, path));
	}

	@Bean
	NavigationItem ordersNavigationItem() {
		return new NavigationItem("nav.orders", "nav.orders.description", "/orders",
				Set.of("CONSUMER", "MERCHANT", "AGENT", "ARBITRATOR", "ADMIN"), 20);
	}

	@Bean
	NavigationItem orderDebtsNavigationItem() {
		return new NavigationItem("nav.orderDebts", "nav.orderDebts.description", "/staff/order-debts",
				Set.of("AGENT", "ARBITRATOR", "ADMIN"), 620);
	}
}
