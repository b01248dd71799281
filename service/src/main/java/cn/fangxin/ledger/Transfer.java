package cn.fangxin.ledger;

import java.time.Duration;

import cn.fangxin.platform.Money;

/**
 * A request to move money, immutable once recorded. Its {@code id} is the idempotency key: the same id with the same
 * fields again changes nothing ({@link TransferStatus#EXISTS}). A transfer marked {@code linked} succeeds or fails
 * together with the next one in the same submission (a chain ends at the first transfer not marked linked).
 *
 * @param id the transfer's id and idempotency key, 1 to 100 characters (e.g. {@code pay:pay_…})
 * @param debit the account debited; for post and void, taken from the pending transfer (may be null)
 * @param credit the account credited; for post and void, taken from the pending transfer (may be null)
 * @param amount positive; for post, at most the pending amount (null: all of it); ignored for void
 * @param type single-phase, pending, post-pending or void-pending
 * @param pendingId for post and void, the pending transfer's id
 * @param code why money moves
 * @param orderRef the order it belongs to, if any
 * @param caseRef the after-sales case or complaint it belongs to, if any
 * @param timeout for a pending transfer: voided automatically this long after it was recorded (null: never)
 * @param linked whether it is linked to the next transfer of the submission
 */
public record Transfer(String id, LedgerAccountId debit, LedgerAccountId credit, Money amount, TransferType type,
		String pendingId, TransferCode code, String orderRef, String caseRef, Duration timeout, boolean linked) {

	/** A single-phase transfer, posted at once. */
	public static Transfer of(String id, LedgerAccountId debit, LedgerAccountId credit, Money amount,
			TransferCode code) {
		return new Transfer(id, debit, credit, amount, TransferType.SINGLE, null, code, null, null, null, false);
	}

	/** A pending transfer that reserves the amount, voided automatically after {@code timeout} if not posted. */
	public static Transfer pending(String id, LedgerAccountId debit, LedgerAccountId credit, Money amount,
			TransferCode code, Duration timeout) {
		return new Transfer(id, debit, credit, amount, TransferType.PENDING, null, code, null, null, timeout, false);
	}

	/** Posts a pending transfer in full. */
	public static Transfer post(String id, String pendingId) {
		return new Transfer(id, null, null, null, TransferType.POST_PENDING, pendingId, null, null, null, null, false);
	}

	/** Posts part of a pending transfer; the rest is released. */
	public static Transfer post(String id, String pendingId, Money amount) {
		return new Transfer(id, null, null, amount, TransferType.POST_PENDING, pendingId, null, null, null, null,
				false);
	}

	/** Voids a pending transfer. */
	public static Transfer voidPending(String id, String pendingId) {
		return new Transfer(id, null, null, null, TransferType.VOID_PENDING, pendingId, null, null, null, null, false);
	}

	public Transfer forOrder(String order) {
		return new Transfer(id, debit, credit, amount, type, pendingId, code, order, caseRef, timeout, linked);
	}

	public Transfer forCase(String caseId) {
		return new Transfer(id, debit, credit, amount, type, pendingId, code, orderRef, caseId, timeout, linked);
	}

	public Transfer withCode(TransferCode newCode) {
		return new Transfer(id, debit, credit, amount, type, pendingId, newCode, orderRef, caseRef, timeout, linked);
	}

	/** This transfer, linked to the next one of the submission. */
	public Transfer linkedToNext() {
		return new Transfer(id, debit, credit, amount, type, pendingId, code, orderRef, caseRef, timeout, true);
	}
}
