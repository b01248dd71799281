package cn.fangxin.payment;

import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.platform.Money;

/**
 * Money to return to a consumer through the provider of an earlier payment.
 *
 * @param refundId the refund's id and idempotency key, chosen by the caller (e.g. {@code ship-late:ord_…})
 * @param paymentId the payment it returns money of
 * @param amount positive, at most what is left of the payment
 * @param debitAccount where the money comes from (the order's escrow, the merchant's balance, the compensation fund)
 * @param code the transfer code (REFUND, COMPENSATION)
 * @param orderRef the order, for the ledger
 * @param caseRef the after-sales case or complaint, for the ledger
 */
public record RefundRequest(String refundId, String paymentId, Money amount, LedgerAccountId debitAccount,
		cn.fangxin.ledger.TransferCode code, String orderRef, String caseRef) {
}
