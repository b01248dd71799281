package cn.fangxin.payment.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.fangxin.payment.PaymentGateway;
import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.PaymentStatus;
import cn.fangxin.platform.Money;

/**
 * WeChat Pay: the consumer pays inside WeChat and the payment stays PENDING until WeChat's signed notification
 * arrives at {@code POST /api/v1/payments/webhooks/wechatpay}. Refunds are booked at once and stay PENDING until WeChat
 * confirms them.
 */
@Component
class WechatPayGateway implements PaymentGateway {

	@Override
	public PaymentProvider provider() {
		return PaymentProvider.WECHATPAY;
	}

	@Override
	public List<Answer> charge(String paymentId, Money amount, String description) {
		return List.of(new Answer(PaymentStatus.PENDING, null, null));
	}

	@Override
	public Answer refund(String paymentId, String refundId, Money amount) {
		return Answer.notSent("not sent to WeChat Pay (its refund API is not connected): staff refund by hand");
	}
}
