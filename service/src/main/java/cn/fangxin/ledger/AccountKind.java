package cn.fangxin.ledger;

/**
 * The kinds of ledger accounts, with their normal side and limit. Accounts with a limit are locked while a transfer
 * checks it; accounts without one are spread over shards (sub-rows) so that the accounts every payment touches
 * (gateway clearing, compensation fund, revenue) never become a single hot row.
 */
public enum AccountKind {

	/** Money held at a payment provider for the platform (asset). Debited by payments in, credited by refunds out. */
	GATEWAY_CLEARING("clearing", AccountFlag.NONE, 32),
	/** The consumer's money held for one order (liability): released or refunded, never overdrawn. */
	ESCROW("escrow", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, 1),
	/** What the platform owes a merchant and the merchant may withdraw (liability). */
	MERCHANT_AVAILABLE("merchant-available", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, 1),
	/** The merchant's guarantee deposit held by the platform (liability; E-Commerce Law art. 58). */
	MERCHANT_DEPOSIT("merchant-deposit", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, 1),
	/** What a merchant owes the platform after compensation first (asset): recovered at most to zero. */
	MERCHANT_RECEIVABLE("merchant-receivable", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS, 1),
	/**
	 * The platform's compensation fund that pays consumers first (CRPL art. 44; seed 000 §5.4). Not limited: the
	 * platform pays even when the fund is spent, and its balance shows by how much.
	 */
	COMPENSATION_FUND("compensation-fund", AccountFlag.NONE, 32),
	/** The platform's income (fees). */
	PLATFORM_REVENUE("platform-revenue", AccountFlag.NONE, 32);

	private final String prefix;
	private final AccountFlag flag;
	private final int shards;

	AccountKind(String prefix, AccountFlag flag, int shards) {
		this.prefix = prefix;
		this.flag = flag;
		this.shards = shards;
	}

	/** The id of this kind's account for an owner: {@code escrow:ord_…}, {@code clearing:SANDBOX}. */
	public LedgerAccountId idFor(String owner) {
		return new LedgerAccountId(prefix + ":" + owner);
	}

	public AccountFlag flag() {
		return flag;
	}

	public int shards() {
		return shards;
	}

	public String prefix() {
		return prefix;
	}

	/** The platform's single compensation fund account. */
	public static LedgerAccountId compensationFund() {
		return COMPENSATION_FUND.idFor(PLATFORM);
	}

	/** The platform's revenue account. */
	public static LedgerAccountId platformRevenue() {
		return PLATFORM_REVENUE.idFor(PLATFORM);
	}

	/** The owner of the platform's own accounts. */
	public static final String PLATFORM = "platform";
}
