package cn.fangxin.payment;

import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.platform.Money;

/**
 * Money a merchant takes out of its available balance to its bank account (提现).
 *
 * @param id the withdrawal's id and idempotency key, chosen by the caller
 * @param merchantRef the merchant
 * @param debitAccount the merchant's available balance
 * @param amount positive
 * @param payeeName the account holder: the merchant's registered legal name
 * @param bankName the bank
 * @param accountNumber the account number, in clear only in memory: stored encrypted
 * @param accountMasked the number as shown
 * @param requestedBy who asked (the merchant's account)
 */
public record WithdrawalRequest(String id, String merchantRef, LedgerAccountId debitAccount, Money amount,
		String payeeName, String bankName, String accountNumber, String accountMasked, String requestedBy) {

	@Override
	public String toString() {
		return "WithdrawalRequest[" + id + ", " + merchantRef + ", " + amount + ", " + bankName + " " + accountMasked + "]";
	}
}
