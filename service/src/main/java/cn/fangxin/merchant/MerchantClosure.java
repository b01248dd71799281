package cn.fangxin.merchant;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
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
 * the platform's agreement with the merchant). A shop closes only when nothing is open with buyers (orders under way,
 * after-sales cases waiting on it, complaints being handled, as the modules that own them report through
 * {@link OpenBusiness}); a suspended or banned shop cannot close, so its deposit stays for the claims against it. A
 * closed shop sells no more and is shown closed on its public page. Its deposit stays for
 * {@code fangxin.merchants.deposit-hold-after-closure} (90 days), during which the platform still pays consumers first
 * and recovers from it; then the deadline {@value #DEPOSIT_RELEASE} pays what the shop owes the platform from it and
 * returns the rest to the shop's balance, from which it withdraws. Should anything be open then (a complaint filed in
 * the claims period, or an order placed while the shop was closing), the return waits a week at a time until it is
 * over.
 */
@Service
public class MerchantClosure {

	/** The deadline that returns a closed shop's deposit. */
	public static final String DEPOSIT_RELEASE = "MERCHANT_DEPOSIT_RELEASE";

	/** How long the deposit's return waits again while something is still open when it falls due. */
	static final java.time.Period RECHECK = java.time.Period.ofDays(7);

	private final MerchantRepository repository;
	private final Ledger ledger;
	private final Deadlines deadlines;
	private final ObjectProvider<OpenBusiness> openBusiness;
	private final MerchantProperties properties;
	private final Clock clock;

	MerchantClosure(MerchantRepository repository, Ledger ledger, Deadlines deadlines,
			ObjectProvider<OpenBusiness> openBusiness, MerchantProperties properties, Clock clock) {
		this.repository = repository;
		this.ledger = ledger;
		this.deadlines = deadlines;
		this.openBusiness = openBusiness;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A shop's closure as shown to it and to staff.
	 *
	 * @param closed whether the shop is closed
	 * @param depositReturned whether its deposit has come back (the ledger holds the return)
	 * @param depositReturnsAt when its deposit is due back (null once it has, while open, or while the return is under
	 *        way)
	 * @param open what keeps an open shop from closing now, if anything
	 */
	public record ClosureView(boolean closed, boolean depositReturned, Instant depositReturnsAt,
			List<OpenBusiness.Open> open) {
	}

	/** Whether the shop may close now, or when its deposit comes back (the shop, staff). */
	@Transactional(readOnly = true)
	public ClosureView closure(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOrStaff(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		if (merchant.status() == MerchantStatus.CLOSED) {
			Instant due = deadlines.pending(DEPOSIT_RELEASE, merchantId).map(Deadline::dueAt).orElse(null);
			long held = ledger.balance(AccountKind.MERCHANT_DEPOSIT.idFor(merchantId)).map(Balance::creditBalance)
				.map(Money::fen)
				.orElse(0L);
			boolean returned = ledger.transfer("deposit-return:" + merchantId).isPresent()
					|| ledger.transfer("deposit-debt:" + merchantId).isPresent() || (due == null && held == 0);
			return new ClosureView(true, returned, returned ? null : due, List.of());
		}
		return new ClosureView(false, false, null, open(merchantId));
	}

	/**
	 * Closes the shop (its merchant only). 409 {@code SHOP_CLOSED} when it is already, {@code OPEN_ORDERS},
	 * {@code OPEN_AFTER_SALES} or {@code OPEN_COMPLAINTS} (with {@code count}) while business is open; 422
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
		if (merchant.status() == MerchantStatus.SUSPENDED || merchant.status() == MerchantStatus.BANNED) {
			throw ApiProblem.rule("MERCHANT_FUNDS_FROZEN", "A " + merchant.status().name().toLowerCase()
					+ " shop cannot close: its deposit stays for the consumers' claims.");
		}
		List<OpenBusiness.Open> open = open(merchantId);
		if (!open.isEmpty()) {
			OpenBusiness.Open first = open.get(0);
			throw ApiProblem.conflict(first.code(), "The shop still has " + first.count() + " "
					+ first.code().substring(5).toLowerCase().replace('_', ' ') + ": it closes when they are over.")
				.with("count", first.count());
		}
		Instant now = clock.instant();
		List<MerchantStatus> from = Arrays.stream(MerchantStatus.values())
			.filter(s -> s != MerchantStatus.CLOSED && s != MerchantStatus.SUSPENDED && s != MerchantStatus.BANNED)
			.toList();
		repository.changeStatus(merchantId, from, MerchantStatus.CLOSED, "CLOSED_BY_MERCHANT", now);
		repository.supersedePending(merchantId, merchant.currentVersion() + 1);
		deadlines.cancelNotDue(VerificationSchedule.DUE, merchantId);
		deadlines.cancelNotDue(VerificationSchedule.OVERDUE, merchantId);
		Instant returns = now.atZone(WorkingDayCalendar.ZONE).plus(properties.depositHoldAfterClosure()).toInstant();
		deadlines.schedule(DEPOSIT_RELEASE, merchantId, returns);
		repository.notice(merchantId, "CLOSED", returns.atZone(WorkingDayCalendar.ZONE).toLocalDate().toString(), now);
		return new ClosureView(true, false, returns, List.of());
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
			// a complaint filed in the claims period (or an order that raced the closure) is still open: the deposit
			// stays until it is over, looked at again every week
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
