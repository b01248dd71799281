package cn.fangxin.ledger;

/** Why money moved. Every transfer carries one. */
public enum TransferCode {

	/** Consumer's payment: gateway clearing → escrow (or → deposit for a top-up). */
	PAYMENT,
	/** Receipt confirmed: escrow → merchant available. */
	RELEASE,
	/** Refund to the consumer: escrow or merchant available → gateway clearing. */
	REFUND,
	/** Merchant tops up the guarantee deposit: gateway clearing → merchant deposit. */
	DEPOSIT_TOP_UP,
	/** A closed shop's deposit, once its claims period is over, returned to it: merchant deposit → merchant available. */
	DEPOSIT_RETURN,
	/** The platform pays the consumer first: compensation fund → gateway clearing. */
	COMPENSATION,
	/**
	 * Compensation awarded to a consumer beyond the refund (CRPL art. 55, Food Safety Law art. 148, an accepted offer):
	 * merchant available or compensation fund → gateway clearing.
	 */
	CONSUMER_COMPENSATION,
	/** Recovered from the deposit after compensation first: merchant deposit → compensation fund. */
	DEPOSIT_RECOVERY,
	/** What the deposit could not cover becomes the merchant's debt: receivable → compensation fund. */
	RECEIVABLE,
	/** A merchant's debt paid back: merchant available (or, when a closed shop's deposit is returned, deposit) → receivable. */
	RECEIVABLE_RECOVERY,
	/** Merchant withdraws money: merchant available → gateway clearing. */
	PAYOUT,
	/** Platform fee: merchant available → platform revenue. */
	FEE,
	/** Funding of the compensation fund by the platform: revenue → fund. */
	FUND_TOP_UP,
	/** A pending transfer that timed out, voided by the ledger. */
	EXPIRY,
	/** A correction: a new transfer that reverses or amends an earlier one. */
	CORRECTION
}
