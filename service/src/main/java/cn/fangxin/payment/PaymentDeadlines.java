package cn.fangxin.payment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.DeadlineHandler;

/**
 * The payment outbox on the durable scheduler: refunds and payouts are asked of the provider after they commit, on the
 * poller's lane for handlers that wait on a party outside.
 */
@Configuration(proxyBeanMethods = false)
class PaymentDeadlines {

	@Bean
	DeadlineHandler paymentSendRefund(Payments payments) {
		return DeadlineHandler.waitingOnOthers(Payments.SEND_REFUND, d -> payments.send(d.subjectId()));
	}

	@Bean
	DeadlineHandler paymentSendWithdrawal(Withdrawals withdrawals) {
		return DeadlineHandler.waitingOnOthers(Withdrawals.SEND_WITHDRAWAL, d -> withdrawals.send(d.subjectId()));
	}
}
