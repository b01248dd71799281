package cn.fangxin.ledger;

/** An account's limit, as TigerBeetle's account flags. */
public enum AccountFlag {

	NONE,
	/** {@code debits_pending + debits_posted <= credits_posted}: a liability that cannot be overdrawn. */
	DEBITS_MUST_NOT_EXCEED_CREDITS,
	/** {@code credits_pending + credits_posted <= debits_posted}: an asset that cannot go below zero. */
	CREDITS_MUST_NOT_EXCEED_DEBITS
}
