package cn.fangxin.ledger;

import cn.fangxin.platform.Money;

/**
 * An account's four counters, in fen.
 *
 * @param account the account
 * @param kind its kind
 * @param debitsPending debits reserved by pending transfers
 * @param debitsPosted debits posted
 * @param creditsPending credits reserved by pending transfers
 * @param creditsPosted credits posted
 */
public record Balance(LedgerAccountId account, AccountKind kind, long debitsPending, long debitsPosted,
		long creditsPending, long creditsPosted) {

	/** Posted credits minus posted debits: what a liability account holds. */
	public Money creditBalance() {
		return Money.fen(creditsPosted - debitsPosted);
	}

	/** Posted debits minus posted credits: what an asset account holds. */
	public Money debitBalance() {
		return Money.fen(debitsPosted - creditsPosted);
	}

	/** What a liability account could still pay out: posted credits minus all debits, pending included. */
	public Money available() {
		return Money.fen(creditsPosted - debitsPosted - debitsPending);
	}
}
