package cn.fangxin.ledger;

import java.util.List;

/** The ledger's reports for staff (API.md "Ledger"). */
public final class LedgerReports {

	private LedgerReports() {
	}

	/**
	 * The invariant check.
	 *
	 * @param ok whether every invariant holds
	 * @param checked how many accounts and transfers were checked
	 * @param violations what does not hold
	 */
	public record Verification(boolean ok, long checked, List<Violation> violations) {
	}

	/**
	 * A broken invariant.
	 *
	 * @param rule which invariant
	 * @param subject the account or transfer
	 * @param detail what was found
	 */
	public record Violation(String rule, String subject, String detail) {
	}

	/**
	 * Posted debits and credits of every account, and their totals.
	 *
	 * @param accounts the accounts (at most the limit asked for, by kind and id)
	 * @param accountCount how many accounts there are in all
	 * @param byKind totals per account kind
	 * @param totalDebitsFen posted debits of all accounts
	 * @param totalCreditsFen posted credits of all accounts
	 * @param totalPendingDebitsFen pending debits of all accounts
	 * @param totalPendingCreditsFen pending credits of all accounts
	 * @param balanced whether debits equal credits, posted and pending
	 */
	public record TrialBalance(List<Line> accounts, long accountCount, List<Line> byKind, long totalDebitsFen,
			long totalCreditsFen, long totalPendingDebitsFen, long totalPendingCreditsFen, boolean balanced) {
	}

	/**
	 * A line of the trial balance: an account or a kind.
	 *
	 * @param account the account id (null for a kind's total)
	 * @param kind the kind
	 * @param debitsFen posted debits
	 * @param creditsFen posted credits
	 * @param pendingDebitsFen pending debits
	 * @param pendingCreditsFen pending credits
	 */
	public record Line(String account, AccountKind kind, long debitsFen, long creditsFen, long pendingDebitsFen,
			long pendingCreditsFen) {
	}
}
