package cn.fangxin.payment;

import cn.fangxin.platform.Money;

/** The port to a payment provider. */
public interface PaymentGateway {

	PaymentProvider provider();

	/**
	 * Whether new payments may be taken through this provider. Refunds and payouts of payments it took earlier are sent
	 * to it either way.
	 */
	default boolean takesNewPayments() {
		return true;
	}

	/**
	 * Asks the provider to take a payment. A synchronous provider answers with the outcome (possibly more than once,
	 * as real providers do); an asynchronous one answers PENDING and reports later by notification.
	 */
	java.util.List<Answer> charge(String paymentId, Money amount, String description);

	/** Asks the provider to return money of a payment. */
	Answer refund(String paymentId, String refundId, Money amount);

	/**
	 * Asks the provider to pay money to the payer of an earlier payment beyond what it returns of it (compensation
	 * awarded to a consumer). Providers without a payout API answer PENDING: the money stays booked to the clearing
	 * account and staff pay it out by hand.
	 */
	default Answer payOut(String paymentId, String payoutId, Money amount) {
		return Answer.notSent("no payout API for this provider: staff pay it out");
	}

	/**
	 * Whether this provider pays merchants' withdrawals to their bank accounts here (企业付款到银行卡). A provider that
	 * does not is never asked: withdrawals are refused before any money moves.
	 */
	default boolean takesWithdrawals() {
		return false;
	}

	/**
	 * Asks the provider to pay a merchant's withdrawal to its bank account, under the withdrawal's id (which the
	 * provider deduplicates). FAILED means the provider refused it and paid nothing.
	 */
	default Answer transferToBank(String withdrawalId, Money amount, String payeeName, String bankName,
			String accountNumber) {
		return new Answer(PaymentStatus.FAILED, null, "no transfer to bank accounts through this provider");
	}

	/**
	 * A provider's answer.
	 *
	 * @param status what it says happened
	 * @param providerTransactionId its id for the payment or refund
	 * @param reason why it failed, if it did
	 * @param reachedProvider false when nothing was sent to the provider (no API for it here): staff pay it by hand,
	 *        and since the provider was never asked, they may pay it any way
	 */
	record Answer(PaymentStatus status, String providerTransactionId, String reason, boolean reachedProvider) {

		public Answer(PaymentStatus status, String providerTransactionId, String reason) {
			this(status, providerTransactionId, reason, true);
		}

		/** Nothing was sent to the provider: PENDING until staff pay it by hand. */
		public static Answer notSent(String reason) {
			return new Answer(PaymentStatus.PENDING, null, reason, false);
		}
	}
}
