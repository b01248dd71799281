package cn.fangxin.payment;

import java.time.Instant;

/**
 * A refund.
 *
 * @param id refund id
 * @param paymentId the payment
 * @param amountFen amount
 * @param status PENDING until the provider confirms, then SUCCEEDED (or FAILED: the money is still booked to the
 *        clearing account and staff pay it out by hand)
 * @param providerRefundId the provider's id
 * @param createdAt when
 */
public record RefundView(String id, String paymentId, long amountFen, PaymentStatus status, String providerRefundId,
		Instant createdAt) {
}
