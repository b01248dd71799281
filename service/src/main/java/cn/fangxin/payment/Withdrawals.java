package cn.fangxin.payment;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.payment.internal.WithdrawalRepository;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PersonalDataCipher;

/**
 * Merchants' withdrawals to their bank accounts (提现). The money is booked first, {@code withdrawal:<id>} from the
 * merchant's available balance to the provider's clearing account, in the caller's transaction; the outbox asks the
 * provider once that commits ({@link #SEND_WITHDRAWAL}), under the withdrawal's id. A withdrawal the provider refuses
 * is booked back, {@code withdrawal-return:<id>}, so the merchant's money is never lost between the two; either
 * answer is published as {@link WithdrawalSettled}. Who may
 * withdraw how much is the merchant module's rule; this module moves the money.
 */
@Service
public class Withdrawals {

	/** The outbox of withdrawals: due at once, scheduled in the transaction that books the money. */
	public static final String SEND_WITHDRAWAL = "PAYMENT_SEND_WITHDRAWAL";

	private static final String PAYEE = "payment.payee";
	private static final String ACCOUNT = "payment.bankAccount";

	private final WithdrawalRepository repository;
	private final Map<PaymentProvider, PaymentGateway> gateways;
	private final Payments payments;
	private final Ledger ledger;
	private final Deadlines deadlines;
	private final PersonalDataCipher cipher;
	private final org.springframework.context.ApplicationEventPublisher events;
	private final Clock clock;

	Withdrawals(WithdrawalRepository repository, List<PaymentGateway> gateways, Payments payments, Ledger ledger,
			Deadlines deadlines, PersonalDataCipher cipher, org.springframework.context.ApplicationEventPublisher events,
			Clock clock) {
		this.events = events;
		this.repository = repository;
		this.gateways = gateways.stream().collect(Collectors.toMap(PaymentGateway::provider, Function.identity()));
		this.payments = payments;
		this.ledger = ledger;
		this.deadlines = deadlines;
		this.cipher = cipher;
		this.clock = clock;
	}

	/** The provider that pays withdrawals here, if any (the sandbox where it is enabled). */
	public Optional<PaymentProvider> provider() {
		return Arrays.stream(PaymentProvider.values())
			.filter(p -> gateways.containsKey(p) && gateways.get(p).takesWithdrawals())
			.findFirst();
	}

	/**
	 * Books a withdrawal and schedules its sending, in the caller's transaction (which has checked the merchant's right
	 * to the money, with its balance locked). The same id again returns the withdrawal made under it. A balance that
	 * would be overdrawn is refused by the ledger ({@code TransferRefused}); no provider here: 422
	 * {@code WITHDRAWAL_UNAVAILABLE}.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public WithdrawalView withdraw(WithdrawalRequest request) {
		Optional<WithdrawalView> earlier = repository.find(request.id());
		if (earlier.isPresent()) {
			return earlier.get();
		}
		PaymentProvider provider = provider().orElseThrow(() -> ApiProblem.rule("WITHDRAWAL_UNAVAILABLE",
				"Withdrawals to bank accounts are not connected here."));
		ledger.executeOrThrow(Transfer.of("withdrawal:" + request.id(), request.debitAccount(),
				Payments.clearing(provider), request.amount(), TransferCode.PAYOUT));
		repository.insert(request, provider, cipher.encrypt(request.payeeName(), PAYEE),
				cipher.encrypt(request.accountNumber(), ACCOUNT), clock.instant());
		deadlines.schedule(SEND_WITHDRAWAL, request.id(), clock.instant());
		return repository.find(request.id()).orElseThrow();
	}

	/** A withdrawal by its id. */
	@Transactional(readOnly = true)
	public Optional<WithdrawalView> find(String id) {
		return repository.find(id);
	}

	/** A merchant's latest withdrawals, newest first. */
	@Transactional(readOnly = true)
	public List<WithdrawalView> forMerchant(String merchantId, int limit) {
		return repository.forMerchant(merchantId, limit);
	}

	/**
	 * Staff ask the provider again for a withdrawal whose sending gave up after the scheduler's last retry (say while
	 * the provider was down): a new deadline, which sends it once. False when it was sent already or is still being
	 * sent.
	 */
	@Transactional
	public boolean resend(String id) {
		if (repository.lockUnsent(id).isEmpty() || deadlines.pending(SEND_WITHDRAWAL, id).isPresent()) {
			return false;
		}
		deadlines.schedule(SEND_WITHDRAWAL, id, clock.instant());
		return true;
	}

	/** The ids of a merchant's withdrawals never sent whose sending gave up: staff send them again. */
	@Transactional(readOnly = true)
	public java.util.Set<String> stuck(String merchantId) {
		return repository.unsent(merchantId)
			.stream()
			.filter(id -> deadlines.pending(SEND_WITHDRAWAL, id).isEmpty())
			.collect(Collectors.toSet());
	}

	/**
	 * The outbox's step: asks the provider to pay a withdrawal booked earlier and records its answer; a refusal books
	 * the money back to the merchant's balance in the same transaction. A withdrawal sent already changes nothing. A
	 * provider that fails or cannot be reached throws, and the scheduler retries under the same id.
	 */
	@Transactional
	public void send(String id) {
		Optional<WithdrawalRepository.Unsent> unsent = repository.lockUnsent(id);
		if (unsent.isEmpty()) {
			return;
		}
		WithdrawalRepository.Unsent w = unsent.get();
		PaymentGateway gateway = gateways.get(w.provider());
		Money amount = Money.fen(w.amountFen());
		PaymentGateway.Answer answer = payments.ask(id, () -> gateway.transferToBank(id, amount,
				cipher.decrypt(w.payeeCipher(), PAYEE), w.bankName(), cipher.decrypt(w.accountCipher(), ACCOUNT)));
		if (answer.status() == PaymentStatus.FAILED) {
			ledger.executeOrThrow(Transfer.of("withdrawal-return:" + id, Payments.clearing(w.provider()),
					new LedgerAccountId(w.debitAccount()), amount, TransferCode.CORRECTION));
		}
		String reason = answer.reason() == null || answer.reason().length() <= 500 ? answer.reason()
				: answer.reason().substring(0, 499) + "…";
		repository.markSent(id, answer.status(), answer.providerTransactionId(), reason, clock.instant());
		if (answer.status() != PaymentStatus.PENDING) {
			WithdrawalView settled = repository.find(id).orElseThrow();
			events.publishEvent(new WithdrawalSettled(id, settled.merchantId(), settled.amountFen(), answer.status(),
					settled.bankName() + " " + settled.accountMasked(), reason));
		}
	}
}
