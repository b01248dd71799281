package cn.fangxin.merchant;

import java.time.Instant;
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
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.ledger.TransferView;
import cn.fangxin.merchant.internal.MerchantRepository;
import cn.fangxin.merchant.internal.MerchantRepository.MerchantRow;
import cn.fangxin.platform.ApiProblem;

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

	MerchantStatement(MerchantRepository repository, Ledger ledger) {
		this.repository = repository;
		this.ledger = ledger;
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
				// a credit is money in on every one of the three: available and deposit are what the platform owes the
				// shop; the debt is the platform's claim on it, which a debit raises and a credit repays
				boolean in = t.creditAccount().equals(id);
				lines.add(new Line(t.createdAt(), account, t.code(), in ? t.amountFen() : 0, in ? 0 : t.amountFen(),
						t.orderRef(), t.caseRef(), t.id()));
			}
		}
		lines.sort(Comparator.comparing(Line::at).reversed().thenComparing(Line::transferId));
		return lines.size() > LINES ? List.copyOf(lines.subList(0, LINES)) : List.copyOf(lines);
	}
}
