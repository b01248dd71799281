package cn.fangxin.ledger;

import java.time.Instant;

/**
 * A recorded transfer.
 *
 * @param id its id
 * @param debitAccount debited account
 * @param creditAccount credited account
 * @param amountFen amount in fen
 * @param type single, pending, post or void
 * @param pendingId for post and void, the pending transfer
 * @param code why
 * @param orderRef order, if any
 * @param caseRef case, if any
 * @param timeoutAt for a pending transfer with a timeout, when it expires
 * @param createdAt when it was recorded
 */
public record TransferView(String id, String debitAccount, String creditAccount, long amountFen, TransferType type,
		String pendingId, TransferCode code, String orderRef, String caseRef, Instant timeoutAt, Instant createdAt) {
}
