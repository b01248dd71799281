package cn.fangxin.payment;

import java.time.Instant;

/**
 * A withdrawal as its merchant and staff see it.
 *
 * @param id its id
 * @param merchantId the merchant
 * @param amountFen how much
 * @param status PENDING (booked, being sent to the bank), SUCCEEDED (paid to the account) or FAILED (refused by the
 *        provider; the money is back in the available balance)
 * @param bankName the bank
 * @param accountMasked the account number, masked
 * @param requestedAt when it was asked for
 * @param settledAt when the provider answered (null while PENDING)
 * @param failureReason what the provider said when it refused
 */
public record WithdrawalView(String id, String merchantId, long amountFen, PaymentStatus status, String bankName,
		String accountMasked, Instant requestedAt, Instant settledAt, String failureReason) {
}
