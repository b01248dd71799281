package cn.fangxin.payment.web;

import org.springframework.stereotype.Component;

import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.Payments;

/**
 * What the pages may offer to pay with ({@code ${@paymentMethods.sandbox()}}): the pay buttons, the checkout's pay
 * after receipt (charged through the sandbox at confirmation) and a shop's deposit top-up take money through the
 * sandbox, which takes new payments only where it is enabled ({@code fangxin.payments.sandbox}; off in {@code prod}).
 */
@Component("paymentMethods")
public class PaymentMethods {

	private final Payments payments;

	PaymentMethods(Payments payments) {
		this.payments = payments;
	}

	/** Whether the sandbox takes new payments here. */
	public boolean sandbox() {
		return payments.takesNewPayments(PaymentProvider.SANDBOX);
	}
}
