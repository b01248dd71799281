package cn.fangxin.payment;

/**
 * A payment's money arrived and was booked to its account. Published in the transaction that booked it.
 *
 * @param paymentId the payment
 * @param purpose what it pays for
 * @param reference the order or merchant id
 * @param amountFen the amount
 */
public record PaymentSucceeded(String paymentId, PaymentPurpose purpose, String reference, long amountFen) {
}
