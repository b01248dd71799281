package cn.fangxin.payment;

import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.platform.Money;

/**
 * A payment to take.
 *
 * @param provider which gateway
 * @param purpose what it pays for
 * @param reference the order or merchant id
 * @param payerAccountId the paying account (a user account id)
 * @param amount positive amount
 * @param creditAccount the ledger account the money goes to
 * @param code the transfer code of the booking (PAYMENT, DEPOSIT_TOP_UP)
 * @param orderRef the order, for the ledger
 */
public record PaymentRequest(PaymentProvider provider, PaymentPurpose purpose, String reference,
		String payerAccountId, Money amount, LedgerAccountId creditAccount, TransferCode code, String orderRef) {
}
