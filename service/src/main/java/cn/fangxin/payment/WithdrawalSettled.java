package cn.fangxin.payment;

/**
 * The provider answered a withdrawal: paid to the bank account, or refused (the money booked back to the merchant's
 * balance). Published in the transaction that records the answer.
 *
 * @param withdrawalId the withdrawal
 * @param merchantId the merchant
 * @param amountFen the amount
 * @param status SUCCEEDED or FAILED
 * @param bankAccount the bank and the masked number
 * @param reason what the provider said when it refused
 */
public record WithdrawalSettled(String withdrawalId, String merchantId, long amountFen, PaymentStatus status,
		String bankAccount, String reason) {
}
