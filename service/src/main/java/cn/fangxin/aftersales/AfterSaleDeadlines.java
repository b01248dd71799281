package cn.fangxin.aftersales;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.DeadlineHandler;

/** The after-sales, invoice and address-change deadlines on the durable scheduler: each handler runs in the transaction that claims its deadline. */
@Configuration(proxyBeanMethods = false)
class AfterSaleDeadlines {

	@Bean
	DeadlineHandler afterSaleRespondDue(AfterSales afterSales) {
		return DeadlineHandler.of(AfterSales.RESPOND_DUE, d -> afterSales.respondDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler afterSaleReceiveDue(AfterSales afterSales) {
		return DeadlineHandler.of(AfterSales.RECEIVE_DUE, d -> afterSales.receiveDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler afterSaleRefundDue(AfterSales afterSales) {
		return DeadlineHandler.of(AfterSales.REFUND_DUE, d -> afterSales.refundDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler afterSaleShipReturnDue(AfterSales afterSales) {
		return DeadlineHandler.of(AfterSales.SHIP_RETURN_DUE, d -> afterSales.shipReturnDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler invoiceDue(Invoices invoices) {
		return DeadlineHandler.of(Invoices.DUE, d -> invoices.due(d.subjectId()));
	}

	@Bean
	DeadlineHandler addressChangeDue(AddressChanges changes) {
		return DeadlineHandler.of(AddressChanges.DUE, d -> changes.due(d.subjectId()));
	}
}
