package cn.fangxin.payment;

import java.time.Instant;

/**
 * A payment as its owner module sees it.
 *
 * @param id payment id (the provider's out_trade_no)
 * @param provider gateway
 * @param purpose what it pays for
 * @param reference order or merchant id
 * @param amountFen amount
 * @param status state
 * @param providerTransactionId the provider's id for it, once known
 * @param refundedFen refunded so far
 * @param failureReason why it failed, if it did
 * @param createdAt created
 * @param updatedAt last changed
 */
public record PaymentView(String id, PaymentProvider provider, PaymentPurpose purpose, String reference,
		long amountFen, PaymentStatus status, String providerTransactionId, long refundedFen, String failureReason,
		Instant createdAt, Instant updatedAt) {
}
