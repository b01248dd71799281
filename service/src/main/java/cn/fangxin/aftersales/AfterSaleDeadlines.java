package cn.fangxin.aftersales;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.DeadlineHandler;

/** The after-sales, invoice and address-change deadlines on the durable scheduler: each handler runs in the transaction that claims its deadline. */
@Configuration(proxyBeanMethods = false)
class AfterSaleDeadlines {

	@Bean
	DeadlineHandler afterSaleRespondDue(AfterSales afterSales) {
		return handler(AfterSales.RESPOND_DUE, d -> afterSales.respondDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler afterSaleReceiveDue(AfterSales afterSales) {
		return handler(AfterSales.RECEIVE_DUE, d -> afterSales.receiveDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler afterSaleRefundDue(AfterSales afterSales) {
		return handler(AfterSales.REFUND_DUE, d -> afterSales.refundDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler afterSaleShipReturnDue(AfterSales afterSales) {
		return handler(AfterSales.SHIP_RETURN_DUE, d -> afterSales.shipReturnDue(d.subjectId()));
	}

	@Bean
	DeadlineHandler invoiceDue(Invoices invoices) {
		return handler(Invoices.DUE, d -> invoices.due(d.subjectId()));
	}

	@Bean
	DeadlineHandler addressChangeDue(AddressChanges changes) {
		return handler(AddressChanges.DUE, d -> changes.due(d.subjectId()));
	}

	private static DeadlineHandler handler(String kind, Consumer<Deadline> action) {
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
