package cn.fangxin.merchant;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Access;
import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.ledger.TransferView;
import cn.fangxin.merchant.internal.MerchantRepository;
import cn.fangxin.merchant.internal.MerchantRepository.MerchantRow;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.SnapshotReads;
import cn.fangxin.platform.WorkingDayCalendar;

/**
 * A shop's statement (资金流水): every movement of its money in the ledger, newest first, across its available balance,
 * its deposit and its debt to the platform, so that it can reconcile what it was paid, refunded, compensated and
 * withdrew. Read from the ledger's transfers themselves, so it always agrees with the balances.
 */
@Service
public class MerchantStatement {

	/** The most lines shown: the latest of each account, merged. */
	public static final int LINES = 200;

	private final MerchantRepository repository;
	private final Ledger ledger;
	private final SnapshotReads snapshot;

	MerchantStatement(MerchantRepository repository, Ledger ledger, SnapshotReads snapshot) {
		this.repository = repository;
		this.ledger = ledger;
		this.snapshot = snapshot;
	}

	/** Which of the shop's accounts a line moves. */
	public enum Account {
		/** The available balance: money from completed orders, withdrawn to the bank. */
		AVAILABLE(AccountKind.MERCHANT_AVAILABLE),
		/** The guarantee deposit. */
		DEPOSIT(AccountKind.MERCHANT_DEPOSIT),
		/** What the shop owes the platform after compensation first: "in" repays it, "out" adds to it. */
		DEBT(AccountKind.MERCHANT_RECEIVABLE);

		private final AccountKind kind;

		Account(AccountKind kind) {
			this.kind = kind;
		}
	}

	/**
	 * One movement of one of the shop's accounts.
	 *
	 * @param at when
	 * @param account which account
	 * @param code why (the transfer's code)
	 * @param inFen money into the account (for the debt: repaid)
	 * @param outFen money out of it (for the debt: owed more)
	 * @param orderRef the order, if any
	 * @param caseRef the after-sales case or complaint, if any
	 * @param transferId the ledger's transfer
	 */
	public record Line(Instant at, Account account, TransferCode code, long inFen, long outFen, String orderRef,
			String caseRef, String transferId) {
	}

	/**
	 * One account's month.
	 *
	 * @param account which account
	 * @param openingFen its balance when the month began; the debt's is negative, what the shop owed
	 * @param inFen money in during the month (for the debt: repaid)
	 * @param outFen money out (for the debt: owed more)
	 * @param closingFen its balance when the month ended, or now for the month under way: always opening + in − out
	 */
	public record Totals(Account account, long openingFen, long inFen, long outFen, long closingFen) {
	}

	/**
	 * A month's statement, for the shop's bookkeeping (对账): each account's opening balance, money in and out, closing
	 * balance, and every movement, newest first.
	 *
	 * @param month the calendar month, in China's time
	 * @param totals one per account
	 * @param items the movements, newest first
	 * @param complete false when the month had more than {@link #MONTH_LINES} movements on an account and only the
	 *        latest are listed (the totals are always whole)
	 */
	public record MonthStatement(YearMonth month, List<Totals> totals, List<Line> items, boolean complete) {
	}

	/** The most movements a month's statement lists per account. */
	public static final int MONTH_LINES = 10_000;

	/**
	 * A month's statement (the shop, staff). Balances and movements are read in one snapshot, so the totals agree with
	 * the lines and the opening balance of a month is the closing balance of the one before.
	 */
	public MonthStatement month(Caller caller, String merchantId, YearMonth month) {
		return snapshot.read(() -> read(caller, merchantId, month));
	}

	private MonthStatement read(Caller caller, String merchantId, YearMonth month) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOrStaff(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		Instant from = month.atDay(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
		Instant to = month.plusMonths(1).atDay(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
		List<Totals> totals = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		boolean complete = true;
		for (Account account : Account.values()) {
			LedgerAccountId id = account.kind.idFor(merchantId);
			// every balance here is credits less debits: what the platform owes the shop, the debt negative
			long now = ledger.balance(id).map(b -> b.creditsPosted() - b.debitsPosted()).orElse(0L);
			Ledger.Moved moved = ledger.moved(id, from, to);
			long closing = now - (moved.laterCreditsFen() - moved.laterDebitsFen());
			long opening = closing - moved.creditsFen() + moved.debitsFen();
			totals.add(new Totals(account, opening, moved.creditsFen(), moved.debitsFen(), closing));
			List<TransferView> movements = ledger.transfersOf(id, from, to, MONTH_LINES + 1);
			complete &= movements.size() <= MONTH_LINES;
			movements.stream().limit(MONTH_LINES).forEach(t -> lines.add(line(account, id.value(), t)));
		}
		lines.sort(NEWEST_FIRST);
		return new MonthStatement(month, List.copyOf(totals), List.copyOf(lines), complete);
	}

	private static final Comparator<Line> NEWEST_FIRST = Comparator.comparing(Line::at).reversed()
		.thenComparing(Line::transferId);

	private static Line line(Account account, String accountId, TransferView t) {
		// a credit is money in on every one of the three: available and deposit are what the platform owes the shop;
		// the debt is the platform's claim on it, which a debit raises and a credit repays
		boolean in = t.creditAccount().equals(accountId);
		return new Line(t.createdAt(), account, t.code(), in ? t.amountFen() : 0, in ? 0 : t.amountFen(), t.orderRef(),
				t.caseRef(), t.id());
	}

	/** The shop's latest movements, newest first (the shop, staff). */
	@Transactional(readOnly = true)
	public List<Line> lines(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOrStaff(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		List<Line> lines = new ArrayList<>();
		for (Account account : Account.values()) {
			String id = account.kind.idFor(merchantId).value();
			for (TransferView t : ledger.transfersOf(account.kind.idFor(merchantId), LINES)) {
				lines.add(line(account, id, t));
			}
		}
		lines.sort(NEWEST_FIRST);
		return lines.size() > LINES ? List.copyOf(lines.subList(0, LINES)) : List.copyOf(lines);
	}
}
