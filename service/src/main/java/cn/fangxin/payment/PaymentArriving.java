package cn.fangxin.payment;

/**
 * A provider reported a payment's success and the payment is about to be locked and booked. Published, in the
 * booking's transaction, before the payment's row is locked, so that the module the payment is for can lock its own
 * subject first (an order's row): its own paths lock the subject, then the payment, then the accounts, and a late
 * success must take them in the same order, or the two could deadlock.
 *
 * @param paymentId the payment
 * @param purpose what it pays for
 * @param reference the order or merchant id
 */
public record PaymentArriving(String paymentId, PaymentPurpose purpose, String reference) {
}
