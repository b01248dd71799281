package cn.fangxin.order;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.DeadlineHandler;

/** The order deadlines on the durable scheduler: each handler runs in the transaction that claims its deadline. */
@Configuration(proxyBeanMethods = false)
class OrderDeadlines {

	@Bean
	DeadlineHandler orderPaymentDue(Orders orders) {
		return DeadlineHandler.of(Orders.PAYMENT_DUE, d -> orders.paymentDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler orderShipBy(Orders orders) {
		return DeadlineHandler.of(Orders.SHIP_BY, d -> orders.shipByPassed(d.subjectId()));
	}

	@Bean
	DeadlineHandler orderPresumedDelivery(Orders orders) {
		return DeadlineHandler.of(Orders.PRESUMED_DELIVERY, d -> orders.deliveryPresumed(d.subjectId()));
	}

	@Bean
	DeadlineHandler orderAutoConfirm(Orders orders) {
		return DeadlineHandler.of(Orders.AUTO_CONFIRM, d -> orders.autoConfirmDue(d.subjectId()));
	}
}
