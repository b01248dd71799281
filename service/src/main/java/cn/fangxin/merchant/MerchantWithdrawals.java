package cn.fangxin.merchant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Access;
import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Balance;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.merchant.internal.MerchantRepository;
import cn.fangxin.merchant.internal.MerchantRepository.BankAccountRow;
import cn.fangxin.merchant.internal.MerchantRepository.MerchantRow;
import cn.fangxin.payment.WithdrawalRequest;
import cn.fangxin.payment.WithdrawalSettled;
import cn.fangxin.payment.WithdrawalView;
import cn.fangxin.payment.Withdrawals;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.Masking;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PersonalDataCipher;

/**
 * A shop takes its money out (提现): the bank account it withdraws to, and withdrawals from its available balance. The
 * payee is always the shop's registered legal name, so money goes only to an account in the name the platform
 * verified. Setting or changing the account holds withdrawals for {@code fangxin.merchants.bank-account-hold} (24 h),
 * so that someone who took over the shop's login cannot empty its balance into their own account at once, and the
 * change is posted to the shop's notices. What the shop owes the platform (after compensation first) stays: only the
 * available balance beyond it can be withdrawn. A suspended or banned shop's money stays for the consumers' claims.
 */
@Service
public class MerchantWithdrawals {

	private static final String ACCOUNT_FIELD = "merchant.bankAccount";
	private static final int SHOWN = 20;

	private final MerchantRepository repository;
	private final PersonalDataCipher cipher;
	private final Ledger ledger;
	private final Withdrawals withdrawals;
	private final MerchantProperties properties;
	private final Clock clock;

	MerchantWithdrawals(MerchantRepository repository, PersonalDataCipher cipher, Ledger ledger, Withdrawals withdrawals,
			MerchantProperties properties, Clock clock) {
		this.repository = repository;
		this.cipher = cipher;
		this.ledger = ledger;
		this.withdrawals = withdrawals;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The bank account a shop withdraws to, as shown.
	 *
	 * @param bankName the bank
	 * @param accountMasked the account number, masked
	 * @param payee the account holder: the registered legal name (masked for an individual)
	 * @param changedAt when it was set
	 * @param withdrawableFrom when withdrawals to it may start (the end of the hold after a change)
	 */
	public record BankAccountView(String bankName, String accountMasked, String payee, Instant changedAt,
			Instant withdrawableFrom) {
	}

	/**
	 * The shop's withdrawal page: its account, what it may withdraw now and its latest withdrawals.
	 *
	 * @param bankAccount null when none is set
	 * @param withdrawableFen the available balance less what the shop owes the platform
	 * @param frozen whether the shop's money is kept for consumers' claims (suspended or banned)
	 * @param withdrawals the latest, newest first
	 * @param provider whether a provider pays withdrawals here
	 */
	public record Overview(BankAccountView bankAccount, long withdrawableFen, boolean frozen,
			List<WithdrawalView> withdrawals, boolean provider) {
	}

	/** The shop's account, what it may withdraw and its withdrawals (the shop, staff). */
	@Transactional(readOnly = true)
	public Overview overview(Caller caller, String merchantId) {
		MerchantRow merchant = visible(caller, merchantId);
		long withdrawable = withdrawable(ledger.balance(available(merchantId)), ledger.balance(receivable(merchantId)));
		return new Overview(repository.bankAccount(merchantId).map(a -> view(merchant, a)).orElse(null), withdrawable,
				frozen(merchant), withdrawals.forMerchant(merchantId, SHOWN), withdrawals.provider().isPresent());
	}

	/** The shop's withdrawals, newest first (the shop, staff). */
	@Transactional(readOnly = true)
	public List<WithdrawalView> withdrawals(Caller caller, String merchantId) {
		visible(caller, merchantId);
		return withdrawals.forMerchant(merchantId, 100);
	}

	/** One withdrawal of the shop (the shop, staff); another shop's is 404. */
	@Transactional(readOnly = true)
	public WithdrawalView withdrawal(Caller caller, String merchantId, String withdrawalId) {
		visible(caller, merchantId);
		return withdrawals.find(withdrawalId)
			.filter(w -> w.merchantId().equals(merchantId))
			.orElseThrow(() -> ApiProblem.notFound("WITHDRAWAL_NOT_FOUND", "No such withdrawal."));
	}

	/**
	 * Sets the bank account the shop withdraws to (the shop only; verified shops). The number is kept encrypted and
	 * shown masked; setting it starts the hold on withdrawals and posts a notice. 400 {@code BANK_NAME_INVALID},
	 * {@code ACCOUNT_NUMBER_INVALID}; 422 {@code BANK_ACCOUNT_NOT_VERIFIED} before the shop is verified.
	 */
	@Transactional
	public BankAccountView setBankAccount(Caller caller, String merchantId, String bankName, String accountNumber) {
		MerchantRow merchant = repository.findForUpdate(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOnly(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		String bank = bankName == null ? "" : bankName.strip();
		if (bank.length() < 2 || bank.length() > 60) {
			throw ApiProblem.invalidField("bankName", "BANK_NAME_INVALID", "the bank's name, 2 to 60 characters");
		}
		String number = accountNumber == null ? "" : accountNumber.replaceAll("[\\s-]", "");
		if (!number.matches("\\d{9,30}")) {
			throw ApiProblem.invalidField("accountNumber", "ACCOUNT_NUMBER_INVALID",
					"a bank account number: 9 to 30 digits");
		}
		if (merchant.approvedVersion() == null) {
			throw ApiProblem.rule("BANK_ACCOUNT_NOT_VERIFIED",
					"The shop must be verified before it sets its bank account: the payee is its verified name.");
		}
		Instant now = clock.instant();
		BankAccountRow row = new BankAccountRow(bank, cipher.encrypt(number, ACCOUNT_FIELD), Masking.bankAccount(number),
				now);
		repository.saveBankAccount(merchantId, row, caller.id().value());
		repository.notice(merchantId, "BANK_ACCOUNT_CHANGED", bank + " " + row.accountMasked(), now);
		return view(merchant, row);
	}

	/**
	 * Withdraws from the shop's available balance to its bank account (the shop only). {@code requestId} names the
	 * request (the page's form id): the same one again returns the withdrawal made under it. Refusals, before any money
	 * moves: 400 {@code AMOUNT_INVALID}; 422 {@code BANK_ACCOUNT_MISSING}, {@code BANK_ACCOUNT_ON_HOLD} (set or changed
	 * within the hold), {@code MERCHANT_FUNDS_FROZEN} (suspended or banned), {@code INSUFFICIENT_FUNDS} (more than the
	 * available balance less what the shop owes), {@code WITHDRAWAL_UNAVAILABLE} (no provider pays withdrawals here).
	 */
	@Transactional
	public WithdrawalView withdraw(Caller caller, String merchantId, Money amount, String requestId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOnly(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		if (amount == null || !amount.isPositive()) {
			throw ApiProblem.invalidField("amountFen", "AMOUNT_INVALID", "a positive amount in fen");
		}
		// the shop's balance locked, then what it owes (the ledger's order): a second withdrawal, a refund or a payout
		// from the same shop waits, so the figure still holds when the money moves; the same request sent twice finds
		// the first one's withdrawal here
		Optional<Balance> available = ledger.lockedBalance(available(merchantId));
		Optional<Balance> owed = ledger.lockedBalance(receivable(merchantId));
		// read again under the balance's lock: a decision that suspends the shop pays out of this balance first (taking
		// its lock) and suspends in the same transaction, so a withdrawal that waited for it sees the suspension
		merchant = repository.find(merchantId).orElseThrow();
		String id = requestId == null ? Ids.next("wd") : "wd-" + merchantId + "-" + requestId;
		Optional<WithdrawalView> earlier = withdrawals.find(id).filter(w -> w.merchantId().equals(merchantId));
		if (earlier.isPresent()) {
			return earlier.get();
		}
		if (frozen(merchant)) {
			throw ApiProblem.rule("MERCHANT_FUNDS_FROZEN",
					"The shop is " + merchant.status() + ": its money is kept for consumers' claims.");
		}
		BankAccountRow account = repository.bankAccount(merchantId)
			.orElseThrow(() -> ApiProblem.rule("BANK_ACCOUNT_MISSING", "Set the bank account to withdraw to first."));
		Instant from = account.changedAt().plus(properties.bankAccountHold());
		if (clock.instant().isBefore(from)) {
			throw ApiProblem.rule("BANK_ACCOUNT_ON_HOLD",
					"The bank account was set at " + account.changedAt() + "; withdrawals to it start at " + from + ".");
		}
		long withdrawable = withdrawable(available, owed);
		if (amount.fen() > withdrawable) {
			throw ApiProblem.rule("INSUFFICIENT_FUNDS", "At most " + Money.fen(withdrawable)
					+ " can be withdrawn now (the available balance less what the shop owes the platform).");
		}
		String payee = repository.version(merchantId, merchant.approvedVersion())
			.map(v -> cipher.decrypt(v.legalNameEnc(), "merchant.legalName"))
			.orElseThrow();
		return withdrawals.withdraw(new WithdrawalRequest(id, merchantId, available(merchantId), amount, payee,
				account.bankName(), cipher.decrypt(account.accountCipher(), ACCOUNT_FIELD), account.accountMasked(),
				caller.id().value()));
	}

	/**
	 * Staff send again a withdrawal of the shop whose sending gave up (customer service, administrators). False when
	 * there was nothing to send again. Another shop's withdrawal: 404.
	 */
	@Transactional
	public boolean resend(Caller staff, String merchantId, String withdrawalId) {
		if (!staff.isStaff()) {
			throw ApiProblem.forbidden("Staff send withdrawals again.");
		}
		withdrawal(staff, merchantId, withdrawalId);
		return withdrawals.resend(withdrawalId);
	}

	/** The ids of the shop's withdrawals whose sending gave up (staff). */
	@Transactional(readOnly = true)
	public java.util.Set<String> stuck(Caller staff, String merchantId) {
		visible(staff, merchantId);
		return withdrawals.stuck(merchantId);
	}

	/** The provider's answer goes to the shop's notices: paid, or refused and back in the balance. */
	@org.springframework.context.event.EventListener
	@Transactional
	public void onSettled(WithdrawalSettled settled) {
		boolean paid = settled.status() == cn.fangxin.payment.PaymentStatus.SUCCEEDED;
		String reason = settled.reason() == null ? "" : settled.reason();
		String detail = Money.fen(settled.amountFen()) + " " + settled.bankAccount() + (paid ? "" : ": " + reason);
		repository.notice(settled.merchantId(), paid ? "WITHDRAWAL_PAID" : "WITHDRAWAL_RETURNED",
				detail.length() > 490 ? detail.substring(0, 490) + "…" : detail, clock.instant());
	}

	private MerchantRow visible(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(Merchants.NOT_FOUND, "No such merchant."));
		Access.partiesOrStaff(Merchants.NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		return merchant;
	}

	private BankAccountView view(MerchantRow merchant, BankAccountRow account) {
		String payee = merchant.approvedVersion() == null ? null
				: repository.version(merchant.id(), merchant.approvedVersion())
					.map(v -> {
						String name = cipher.decrypt(v.legalNameEnc(), "merchant.legalName");
						return v.kind() == MerchantKind.ENTERPRISE ? name : Masking.personName(name);
					})
					.orElse(null);
		return new BankAccountView(account.bankName(), account.accountMasked(), payee, account.changedAt(),
				account.changedAt().plus(properties.bankAccountHold()));
	}

	private static boolean frozen(MerchantRow merchant) {
		return merchant.status() == MerchantStatus.SUSPENDED || merchant.status() == MerchantStatus.BANNED;
	}

	private static long withdrawable(Optional<Balance> available, Optional<Balance> owed) {
		long have = available.map(b -> b.available().fen()).orElse(0L);
		long debt = owed.map(b -> b.debitBalance().fen()).orElse(0L);
		return Math.max(0, have - debt);
	}

	private static LedgerAccountId available(String merchantId) {
		return AccountKind.MERCHANT_AVAILABLE.idFor(merchantId);
	}

	private static LedgerAccountId receivable(String merchantId) {
		return AccountKind.MERCHANT_RECEIVABLE.idFor(merchantId);
	}
}
