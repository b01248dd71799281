package cn.fangxin.merchant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Access;
import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Balance;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.merchant.internal.MerchantRepository;
import cn.fangxin.merchant.internal.MerchantRepository.MerchantRow;
import cn.fangxin.merchant.internal.VerificationSchedule;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.WorkingDayCalendar;

/**
 * A merchant closes its shop (退店) and gets its deposit back (E-Commerce Law art. 58: the deposit's refund is part of
 * the platform's agreement with the merchant).
 * <p>
 * A shop that stops announces it on its page 30 days ahead ({@code fangxin.merchants.closure-notice}; E-Commerce Law
 * art. 16). From the announcement it is CLOSING: it sells no more (its goods leave the goods page, checkout refuses),
 * it still ships, answers after-sales cases and complaints, and it may withdraw the announcement and sell again. A shop
 * that never sold (no approved registration) closes at once. When the notice is over the deadline {@value #CLOSE}
 * closes it, once nothing is open with buyers (orders under way, after-sales cases waiting on it, complaints being
 * handled, as the modules that own them report through {@link OpenBusiness}); while something is, it looks again every
 * week and tells the shop why. A suspended or banned shop cannot close, and a sanction during the notice suspends it,
 * so its deposit stays for the claims against it.
 * <p>
 * A closed shop's deposit stays for {@code fangxin.merchants.deposit-hold-after-closure} (90 days), during which the
 * platform still pays consumers first and recovers from it; then the deadline {@value #DEPOSIT_RELEASE} pays what the
 * shop owes the platform from it and returns the rest to the shop's balance, from which it withdraws. Should anything
 * be open then (a complaint filed in the claims period), the return waits a week at a time until it is over.
 */
@Service
public class MerchantClosure {

	/** The deadline that closes a shop when its announced notice is over. */
	public static final String CLOSE = "MERCHANT_CLOSE";

	/** The deadline that returns a closed shop's deposit. */
	public static final String DEPOSIT_RELEASE = "MERCHANT_DEPOSIT_RELEASE";

	/** How long the closure or the deposit's return waits again while something is still open when it falls due. */
	static final java.time.Period RECHECK = java.time.Period.ofDays(7);

	private final MerchantRepository repository;
	private final Ledger ledger;
	private final Deadlines deadlines;
	private final ObjectProvider<OpenBusiness> openBusiness;
	private final VerificationSchedule verification;
	private final MerchantProperties properties;
	private final Clock clock;

	MerchantClosure(MerchantRepository repository, Ledger ledger, Deadlines deadlines,
			ObjectProvider<OpenBusiness> openBusiness, VerificationSchedule verification, MerchantProperties properties,
			Clock clock) {
		this.repository = repository;
		this.ledger = ledger;
		this.deadlines = deadlines;
		this.openBusiness = openBusiness;
		this.verification = verification;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A shop's closure as shown to it and to staff.
	 *
	 * @param closed whether the shop is closed
	 * @param closing whether it announced its closure and is in the notice period
	 * @param closesAt when a closing shop closes (or looks again, while something is open then)
	 * @param depositFen the deposit a closed shop still has (0 before it closes)
	 * @param depositReturned whether its deposit has come back (the ledger holds the return)
	 * @param depositReturnsAt when its deposit is due back (null once it has, before the shop closed, or while the
	 *        return is under way)
	 * @param open what is still open with buyers: a closing shop finishes it before it closes
	 */
	public record ClosureView(boolean closed, boolean closing, Instant closesAt, long depositFen, boolean depositReturned,
			Instant depositReturnsAt, List<OpenBusiness.Open> open) {
	}

	/** Whether and when the shop closes, what it still has to finish, when its deposit comes back (the shop, staff). */
	@Transactional(readOnly = true)
	public ClosureView closure(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOrStaff(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		if (merchant.status() == MerchantStatus.CLOSED) {
			Instant due = deadlines.pending(DEPOSIT_RELEASE, merchantId).map(Deadline::dueAt).orElse(null);
			long held = deposit(merchantId);
			boolean returned = ledger.transfer("deposit-return:" + merchantId).isPresent()
					|| ledger.transfer("deposit-debt:" + merchantId).isPresent();
			// a shop that never paid a deposit has none to wait for
			return new ClosureView(true, false, null, held, returned, returned || held == 0 ? null : due, List.of());
		}
		if (merchant.status() == MerchantStatus.CLOSING) {
			return new ClosureView(false, true, merchant.closesAt(), 0, false, null, open(merchantId));
		}
		return new ClosureView(false, false, null, 0, false, null, open(merchantId));
	}

	/**
	 * Announces the shop's closure (its merchant only): CLOSING now, closed when the notice is over and nothing is open
	 * with buyers; a shop that never sold closes at once. 409 {@code SHOP_CLOSED} or {@code SHOP_CLOSING} when it is
	 * already, {@code REVIEW_PENDING} while a change of its registration is under review; 422
	 * {@code MERCHANT_FUNDS_FROZEN} when suspended or banned.
	 */
	@Transactional
	public ClosureView close(Caller caller, String merchantId) {
		MerchantRow merchant = repository.findForUpdate(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOnly(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		if (merchant.status() == MerchantStatus.CLOSED) {
			throw ApiProblem.conflict("SHOP_CLOSED", "The shop is closed already.");
		}
		if (merchant.status() == MerchantStatus.CLOSING) {
			throw ApiProblem.conflict("SHOP_CLOSING", "The shop's closure is announced already.");
		}
		if (merchant.status() == MerchantStatus.SUSPENDED || merchant.status() == MerchantStatus.BANNED) {
			throw ApiProblem.rule("MERCHANT_FUNDS_FROZEN", "A " + merchant.status().name().toLowerCase()
					+ " shop cannot close: its deposit stays for the consumers' claims.");
		}
		if (merchant.status() == MerchantStatus.PENDING_REVIEW && merchant.approvedVersion() != null) {
			// a change of who sells is under review: announcing and withdrawing must not put the shop back on sale
			// without that review
			throw ApiProblem.conflict("REVIEW_PENDING",
					"A change of the shop's registration is under review: announce the closure once it is decided.");
		}
		Instant now = clock.instant();
		// what the shop changed and staff have not reviewed yet will not be: it stops
		repository.supersedePending(merchantId, merchant.currentVersion() + 1);
		if (merchant.approvedVersion() == null) {
			repository.changeStatus(merchantId, List.of(merchant.status()), MerchantStatus.CLOSED, "CLOSED_BY_MERCHANT",
					now);
			return closed(merchantId, now);
		}
		Instant closes = now.atZone(WorkingDayCalendar.ZONE).plus(properties.closureNotice()).toInstant();
		repository.changeStatus(merchantId, List.of(merchant.status()), MerchantStatus.CLOSING, "CLOSING_BY_MERCHANT",
				now);
		repository.closesAt(merchantId, closes);
		deadlines.schedule(CLOSE, merchantId, closes);
		repository.notice(merchantId, "CLOSING", date(closes), now);
		return new ClosureView(false, true, closes, 0, false, null, open(merchantId));
	}

	/**
	 * Withdraws the announcement (its merchant only): the shop sells again, in the standing its re-verification date
	 * gives it. 409 {@code SHOP_NOT_CLOSING} unless it is closing.
	 */
	@Transactional
	public ClosureView withdraw(Caller caller, String merchantId) {
		MerchantRow merchant = repository.findForUpdate(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOnly(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		if (merchant.status() != MerchantStatus.CLOSING) {
			throw ApiProblem.conflict("SHOP_NOT_CLOSING", "The shop has no closure announced.");
		}
		Instant now = clock.instant();
		MerchantStatus standing = verification.standingOn(merchant.nextVerificationDue(), now);
		repository.changeStatus(merchantId, List.of(MerchantStatus.CLOSING), standing,
				standing == MerchantStatus.SUSPENDED ? VerificationSchedule.OVERDUE_REASON : null, now);
		repository.closesAt(merchantId, null);
		deadlines.cancelNotDue(CLOSE, merchantId);
		if (merchant.nextVerificationDue() != null) {
			// the re-verification deadlines that fell due during the notice did nothing to a closing shop
			verification.verified(merchantId, merchant.nextVerificationDue());
		}
		repository.notice(merchantId, "CLOSURE_WITHDRAWN", "", now);
		if (standing == MerchantStatus.VERIFICATION_DUE) {
			repository.notice(merchantId, "VERIFICATION_DUE", merchant.nextVerificationDue().toString(), now);
		}
		else if (standing == MerchantStatus.SUSPENDED) {
			repository.notice(merchantId, "SUSPENDED", VerificationSchedule.OVERDUE_REASON, now);
		}
		return new ClosureView(false, false, null, 0, false, null, open(merchantId));
	}

	/**
	 * The deadline's step when the notice is over: closes the shop if nothing is open with buyers, else looks again in
	 * a week and tells the shop what keeps it open. Does nothing to a shop no longer closing (withdrawn, suspended).
	 */
	@Transactional
	public void closeDue(String merchantId) {
		Instant now = clock.instant();
		// the shop's own date decides: a deadline left from an announcement withdrawn and made again is not its own
		Optional<MerchantRow> merchant = repository.findForUpdate(merchantId)
			.filter(m -> m.status() == MerchantStatus.CLOSING && m.closesAt() != null && !now.isBefore(m.closesAt()));
		if (merchant.isEmpty()) {
			return;
		}
		List<OpenBusiness.Open> open = open(merchantId);
		if (!open.isEmpty()) {
			Instant later = now.atZone(WorkingDayCalendar.ZONE).plus(RECHECK).toInstant();
			repository.closesAt(merchantId, later);
			deadlines.schedule(CLOSE, merchantId, later);
			repository.notice(merchantId, "CLOSING_DELAYED_" + open.get(0).code(), String.valueOf(open.get(0).count()),
					now);
			return;
		}
		repository.changeStatus(merchantId, List.of(MerchantStatus.CLOSING), MerchantStatus.CLOSED,
				"CLOSED_BY_MERCHANT", now);
		closed(merchantId, now);
	}

	private ClosureView closed(String merchantId, Instant now) {
		repository.closesAt(merchantId, null);
		deadlines.cancelNotDue(VerificationSchedule.DUE, merchantId);
		deadlines.cancelNotDue(VerificationSchedule.OVERDUE, merchantId);
		Instant returns = now.atZone(WorkingDayCalendar.ZONE).plus(properties.depositHoldAfterClosure()).toInstant();
		deadlines.schedule(DEPOSIT_RELEASE, merchantId, returns);
		repository.notice(merchantId, "CLOSED", date(returns), now);
		long held = deposit(merchantId);
		return new ClosureView(true, false, null, held, false, held == 0 ? null : returns, List.of());
	}

	private long deposit(String merchantId) {
		return ledger.balance(AccountKind.MERCHANT_DEPOSIT.idFor(merchantId)).map(Balance::creditBalance)
			.map(Money::fen)
			.orElse(0L);
	}

	private static String date(Instant at) {
		return at.atZone(WorkingDayCalendar.ZONE).toLocalDate().toString();
	}

	/**
	 * The deadline's step: pays what a closed shop owes the platform from its deposit ({@code RECEIVABLE_RECOVERY}) and
	 * returns the rest to its balance ({@code DEPOSIT_RETURN}), or, while anything is open, looks again in a week. The
	 * transfers' ids make it happen once.
	 */
	@Transactional
	public void releaseDeposit(String merchantId) {
		Optional<MerchantRow> merchant = repository.findForUpdate(merchantId)
			.filter(m -> m.status() == MerchantStatus.CLOSED);
		if (merchant.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		List<OpenBusiness.Open> open = open(merchantId);
		if (!open.isEmpty()) {
			// a complaint filed in the claims period is still open: the deposit stays until it is over, looked at again
			// every week
			Instant later = now.atZone(WorkingDayCalendar.ZONE).plus(RECHECK).toInstant();
			deadlines.schedule(DEPOSIT_RELEASE, merchantId, later);
			repository.notice(merchantId, "DEPOSIT_KEPT_" + open.get(0).code(), String.valueOf(open.get(0).count()), now);
			return;
		}
		LedgerAccountId deposit = AccountKind.MERCHANT_DEPOSIT.idFor(merchantId);
		LedgerAccountId receivable = AccountKind.MERCHANT_RECEIVABLE.idFor(merchantId);
		// the shop's accounts locked in the ledger's order (available, deposit, receivable), as refunds, payouts and
		// withdrawals from the shop take them
		LedgerAccountId available = ledger.open(AccountKind.MERCHANT_AVAILABLE, merchantId);
		ledger.lockedBalance(available);
		long held = ledger.lockedBalance(deposit).map(Balance::creditBalance).map(Money::fen).orElse(0L);
		long owed = ledger.lockedBalance(receivable).map(b -> b.debitBalance().fen()).orElse(0L);
		long repaid = Math.min(held, owed);
		if (repaid > 0) {
			ledger.executeOrThrow(Transfer.of("deposit-debt:" + merchantId, deposit, receivable, Money.fen(repaid),
					TransferCode.RECEIVABLE_RECOVERY));
		}
		if (held - repaid > 0) {
			ledger.executeOrThrow(Transfer.of("deposit-return:" + merchantId, deposit, available,
					Money.fen(held - repaid), TransferCode.DEPOSIT_RETURN));
		}
		if (held > 0) {
			repository.notice(merchantId, "DEPOSIT_RETURNED",
					Money.fen(held - repaid) + (repaid > 0 ? " (−" + Money.fen(repaid) + ")" : ""), now);
		}
	}

	private List<OpenBusiness.Open> open(String merchantId) {
		return openBusiness.orderedStream().flatMap(b -> b.openFor(merchantId).stream()).toList();
	}
}
