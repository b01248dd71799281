package cn.fangxin.ledger;

/** What became of a submitted transfer. Only {@link #OK} and {@link #EXISTS} mean the money moved (or had moved). */
public enum TransferStatus {

	/** Recorded now. */
	OK,
	/** Recorded earlier with the same id and the same fields: nothing changed. */
	EXISTS,
	/** Another transfer of its linked chain failed, so this one was not recorded either. */
	LINKED_EVENT_FAILED,
	/** The last transfer of the submission is marked linked: the chain has no end. */
	LINKED_EVENT_CHAIN_OPEN,
	/** The id was used for a different transfer. */
	EXISTS_WITH_DIFFERENT_FIELDS,
	ID_INVALID,
	AMOUNT_MUST_BE_POSITIVE,
	ACCOUNTS_MUST_BE_DIFFERENT,
	CODE_REQUIRED,
	DEBIT_ACCOUNT_NOT_FOUND,
	CREDIT_ACCOUNT_NOT_FOUND,
	/** The debit account may not have debits beyond its credits. */
	EXCEEDS_CREDITS,
	/** The credit account may not have credits beyond its debits. */
	EXCEEDS_DEBITS,
	PENDING_ID_REQUIRED,
	PENDING_TRANSFER_NOT_FOUND,
	/** The referenced transfer is not a pending one. */
	PENDING_TRANSFER_NOT_PENDING,
	PENDING_TRANSFER_ALREADY_POSTED,
	PENDING_TRANSFER_ALREADY_VOIDED,
	PENDING_TRANSFER_EXPIRED,
	/** A post for more than the pending amount. */
	EXCEEDS_PENDING_TRANSFER_AMOUNT,
	/** A timeout on something other than a pending transfer, or not positive. */
	TIMEOUT_INVALID;

	public boolean succeeded() {
		return this == OK || this == EXISTS;
	}
}
