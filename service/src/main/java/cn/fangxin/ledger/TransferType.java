package cn.fangxin.ledger;

/** Single-phase, or one phase of a two-phase transfer. */
public enum TransferType {
	/** Posted at once. */
	SINGLE,
	/** Reserves the amount (pending counters) until posted, voided or timed out. */
	PENDING,
	/** Posts a pending transfer, for at most its amount; the rest is released. */
	POST_PENDING,
	/** Releases a pending transfer. */
	VOID_PENDING
}
