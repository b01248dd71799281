package cn.fangxin.order;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.DeadlineHandler;

/** The order deadlines on the durable scheduler: each handler runs in the transaction that claims its deadline. */
@Configuration(proxyBeanMethods = false)
class OrderDeadlines {

	@Bean
	DeadlineHandler orderPaymentDue(Orders orders) {
		return handler(Orders.PAYMENT_DUE, d -> orders.paymentDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler orderShipBy(Orders orders) {
		return handler(Orders.SHIP_BY, d -> orders.shipByPassed(d.subjectId()));
	}

	@Bean
	DeadlineHandler orderAutoConfirm(Orders orders) {
		return handler(Orders.AUTO_CONFIRM, d -> orders.autoConfirmDue(d.subjectId()));
	}

	private static DeadlineHandler handler(String kind, java.util.function.Consumer<Deadline> action) {
		return new DeadlineHandler() {

			@Override
			public String kind() {
				return kind;
			}

			@Override
			public void onDue(Deadline deadline) {
				action.accept(deadline);
			}
		};
	}
}
