package cn.fangxin.payment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.payment.internal.PaymentRepository;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.Money;

/**
 * Taking payments and returning money. Each payment's booking is the transfer {@code pay:<paymentId>} from the
 * provider's clearing account, made in the same transaction that moves the payment to SUCCEEDED; the conditional
 * status change and the transfer id make it happen once however often the provider reports success.
 */
@Service
public class Payments {

	/**
	 * The outbox of refunds and payouts: the deadline that asks the provider, due at once, scheduled in the transaction
	 * that books the money. The provider is asked only after that commits, outside its locks, and once per refund id.
	 */
	public static final String SEND_REFUND = "PAYMENT_SEND_REFUND";

	private final PaymentRepository repository;
	private final Map<PaymentProvider, PaymentGateway> gateways;
	private final Ledger ledger;
	private final ApplicationEventPublisher events;
	private final Deadlines deadlines;
	private final Clock clock;
	private final java.time.Duration providerTimeout;
	private final java.util.concurrent.ExecutorService providerCalls = java.util.concurrent.Executors
		.newVirtualThreadPerTaskExecutor();

	Payments(PaymentRepository repository, List<PaymentGateway> gateways, Ledger ledger,
			ApplicationEventPublisher events, Deadlines deadlines, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${fangxin.payments.provider-timeout:10s}")
			java.time.Duration providerTimeout) {
		this.providerTimeout = providerTimeout;
		this.deadlines = deadlines;
		this.repository = repository;
		this.gateways = gateways.stream().collect(Collectors.toMap(PaymentGateway::provider, Function.identity()));
		this.ledger = ledger;
		this.events = events;
		this.clock = clock;
	}

	/** Whether new payments may be taken through this provider here (the sandbox only where it is enabled). */
	public boolean takesNewPayments(PaymentProvider provider) {
		PaymentGateway gateway = gateways.get(provider);
		return gateway != null && gateway.takesNewPayments();
	}

	/** The clearing account of a provider: the money the provider holds for the platform. */
	public static LedgerAccountId clearing(PaymentProvider provider) {
		return AccountKind.GATEWAY_CLEARING.idFor(provider.name());
	}

	/**
	 * Starts a payment and asks the provider for it. With the sandbox the answer is immediate and the money is booked
	 * before this returns (in the caller's transaction); with WeChat Pay the payment stays PENDING until the
	 * notification arrives.
	 */
	@Transactional
	public PaymentView start(PaymentRequest request) {
		return begin(request, Ids.next("pay")); // a fresh id: nothing to look up
	}

	/**
	 * {@link #start(PaymentRequest)} under a payment id the caller chose (a form's own id, say): the same id again
	 * returns that payment and takes no money twice; with another amount or for another purpose it is refused, 409
	 * {@code PAYMENT_ID_REUSED}. The caller serialises requests that may share an id (by its subject's lock).
	 */
	@Transactional
	public PaymentView start(PaymentRequest request, String id) {
		PaymentView earlier = repository.find(id).orElse(null);
		if (earlier != null) {
			if (earlier.purpose() != request.purpose() || !earlier.reference().equals(request.reference())
					|| request.amount() == null || earlier.amountFen() != request.amount().fen()) {
				throw ApiProblem.conflict("PAYMENT_ID_REUSED", "This payment id was used for another payment.");
			}
			return earlier;
		}
		return begin(request, id);
	}

	private PaymentView begin(PaymentRequest request, String id) {
		if (request.amount() == null || !request.amount().isPositive()) {
			throw ApiProblem.invalidField("amountFen", "AMOUNT_INVALID", "the amount must be positive");
		}
		PaymentGateway gateway = gateways.get(request.provider());
		if (gateway == null || !gateway.takesNewPayments()) {
			throw ApiProblem.invalidField("method", "PAYMENT_METHOD_UNAVAILABLE",
					"payment method " + request.provider() + " is not available");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
		// The provider is asked before the row is written: both are in this transaction, so nothing of the payment is
		// kept unless both are, and an answer at once is written with the row.
		List<PaymentGateway.Answer> answers = gateway.charge(id, request.amount(),
				request.purpose() + " " + request.reference());
		if (answers.size() == 1 && answers.get(0).status() == PaymentStatus.SUCCEEDED) {
			// the sandbox's usual answer: the payment is written as succeeded, and this transaction holds its new row
			String transaction = answers.get(0).providerTransactionId();
			repository.insertSucceeded(id, request, transaction, now);
			PaymentView paid = new PaymentView(id, request.provider(), request.purpose(), request.reference(),
					request.amount().fen(), PaymentStatus.SUCCEEDED, transaction, 0, null, now, now);
			booked(paid, new PaymentRepository.Target(request.creditAccount(), request.code(), request.orderRef()),
					transaction, request.amount(), now, true);
			return paid;
		}
		repository.insert(id, request, now);
		for (PaymentGateway.Answer answer : answers) {
			switch (answer.status()) {
				case SUCCEEDED -> succeeded(id, answer.providerTransactionId(), request.amount());
				case FAILED -> failed(id, answer.reason());
				case PENDING -> repository.recordEvent(id, "PENDING", "awaiting the provider", clock.instant());
			}
		}
		return repository.find(id).orElseThrow();
	}

	/**
	 * The provider says the money arrived. Books it once: a repeated or late report changes nothing. The amount must
	 * be the payment's, else 422 {@code PAYMENT_AMOUNT_MISMATCH} and nothing is written.
	 *
	 * @return true when this call booked it
	 */
	@Transactional
	public boolean succeeded(String paymentId, String providerTransactionId, Money amount) {
		PaymentView unlocked = repository.find(paymentId)
			.orElseThrow(() -> ApiProblem.notFound("PAYMENT_NOT_FOUND", "No such payment."));
		// the owner locks its subject (the order) before the payment is locked: the order's own paths lock in that order
		events.publishEvent(new PaymentArriving(paymentId, unlocked.purpose(), unlocked.reference()));
		PaymentRepository.Locked locked = repository.lock(paymentId)
			.orElseThrow(() -> ApiProblem.notFound("PAYMENT_NOT_FOUND", "No such payment."));
		PaymentView payment = locked.payment();
		if (payment.amountFen() != amount.fen()) {
			// refused, and this transaction rolls back: a provider's notification handler records the mismatch on the
			// payment before it asks for the booking (an event written here would roll back with the refusal)
			throw ApiProblem.rule("PAYMENT_AMOUNT_MISMATCH",
					"The provider reported " + amount.fen() + " fen for a payment of " + payment.amountFen() + " fen.");
		}
		if (payment.status() == PaymentStatus.SUCCEEDED) {
			repository.recordEvent(paymentId, "DUPLICATE_SUCCESS", providerTransactionId, clock.instant());
			return false;
		}
		book(locked, providerTransactionId, amount, clock.instant());
		return true;
	}

	/** Marks a locked payment SUCCEEDED, books its money and tells its owner module. */
	private void book(PaymentRepository.Locked locked, String providerTransactionId, Money amount, Instant now) {
		repository.markSucceeded(locked.payment().id(), providerTransactionId, now);
		booked(locked.payment(), locked.target(), providerTransactionId, amount, now, false);
	}

	/**
	 * Books the money of a payment whose row says SUCCEEDED and tells its owner module; {@code newPayment}: its row was
	 * written in this transaction, so its booking cannot exist yet.
	 */
	private void booked(PaymentView payment, PaymentRepository.Target target, String providerTransactionId, Money amount,
			Instant now, boolean newPayment) {
		Transfer transfer = Transfer.of("pay:" + payment.id(), clearing(payment.provider()), target.creditAccount(), amount,
				target.code()).forOrder(target.orderRef());
		if (newPayment) {
			ledger.executeNewOrThrow(transfer);
		}
		else {
			ledger.executeOrThrow(transfer);
		}
		repository.recordEvent(payment.id(), "SUCCEEDED", providerTransactionId, now);
		events.publishEvent(new PaymentSucceeded(payment.id(), payment.purpose(), payment.reference(), amount.fen()));
	}

	/** The provider says the payment failed or was closed; only a PENDING payment becomes FAILED. */
	@Transactional
	public void failed(String paymentId, String reason) {
		repository.lock(paymentId).orElseThrow(() -> ApiProblem.notFound("PAYMENT_NOT_FOUND", "No such payment."));
		boolean changed = repository.markFailed(paymentId, reason, clock.instant());
		repository.recordEvent(paymentId, changed ? "FAILED" : "LATE_FAILURE_IGNORED", reason, clock.instant());
	}

	/**
	 * Returns money of a succeeded payment: books {@code refund:<refundId>} from the given account to the provider's
	 * clearing account; the provider is asked to pay it out once this commits ({@link #SEND_REFUND}), so a later step of
	 * the caller's transaction that fails leaves nothing asked of the provider. The same refund id again changes
	 * nothing. More than what is left of the payment is refused with 422 {@code REFUND_EXCEEDS_PAYMENT}.
	 */
	@Transactional
	public RefundView refund(RefundRequest request) {
		if (request.amount() == null || !request.amount().isPositive()) {
			throw ApiProblem.invalidField("amountFen", "AMOUNT_INVALID", "the amount must be positive");
		}
		PaymentView payment = repository.lock(request.paymentId())
			.orElseThrow(() -> ApiProblem.notFound("PAYMENT_NOT_FOUND", "No such payment."))
			.payment();
		Optional<RefundView> earlier = repository.findRefund(request.refundId());
		if (earlier.isPresent()) {
			return earlier.get();
		}
		if (payment.status() != PaymentStatus.SUCCEEDED) {
			throw ApiProblem.conflict("PAYMENT_NOT_SUCCEEDED", "Only a succeeded payment can be refunded.");
		}
		if (payment.refundedFen() + request.amount().fen() > payment.amountFen()) {
			throw ApiProblem.rule("REFUND_EXCEEDS_PAYMENT", "Refunds would exceed the payment of "
					+ payment.amountFen() + " fen (" + payment.refundedFen() + " refunded already).");
		}
		ledger.executeOrThrow(Transfer.of("refund:" + request.refundId(), request.debitAccount(),
				clearing(payment.provider()), request.amount(), request.code())
			.forOrder(request.orderRef())
			.forCase(request.caseRef()));
		repository.insertRefund(request, clock.instant());
		repository.addRefunded(payment.id(), request.amount().fen(), clock.instant());
		deadlines.schedule(SEND_REFUND, request.refundId(), clock.instant());
		return repository.findRefund(request.refundId()).orElseThrow();
	}

	/**
	 * Pays a consumer money beyond the refund of a payment (compensation awarded by a decision or agreed in an offer):
	 * books {@code payout:<payoutId>} from the given account to the provider's clearing account and asks the provider
	 * to pay the payer of {@code paymentId}. Not capped by the payment. The same payout id again changes nothing.
	 */
	@Transactional
	public RefundView payOut(RefundRequest request) {
		if (request.amount() == null || !request.amount().isPositive()) {
			throw ApiProblem.invalidField("amountFen", "AMOUNT_INVALID", "the amount must be positive");
		}
		PaymentView payment = repository.find(request.paymentId())
			.orElseThrow(() -> ApiProblem.notFound("PAYMENT_NOT_FOUND", "No such payment."));
		Optional<RefundView> earlier = repository.findRefund(request.refundId());
		if (earlier.isPresent()) {
			return earlier.get();
		}
		if (payment.status() != PaymentStatus.SUCCEEDED) {
			throw ApiProblem.conflict("PAYMENT_NOT_SUCCEEDED", "Payouts go to the payer of a succeeded payment.");
		}
		ledger.executeOrThrow(Transfer.of("payout:" + request.refundId(), request.debitAccount(),
				clearing(payment.provider()), request.amount(), request.code())
			.forOrder(request.orderRef())
			.forCase(request.caseRef()));
		repository.insertPayout(request, clock.instant());
		deadlines.schedule(SEND_REFUND, request.refundId(), clock.instant());
		return repository.findRefund(request.refundId()).orElseThrow();
	}

	/**
	 * The outbox's step: asks the provider for a refund or payout booked earlier and records its answer. Runs in the
	 * transaction that claims the deadline, after the booking committed; a refund asked already changes nothing. A
	 * provider that fails or cannot be reached throws, and the scheduler retries with back-off under the same refund id,
	 * which the provider deduplicates (WeChat Pay's {@code out_refund_no}).
	 */
	@Transactional
	public void send(String refundId) {
		Optional<PaymentRepository.Unsent> unsent = repository.lockUnsent(refundId);
		if (unsent.isEmpty()) {
			return;
		}
		PaymentRepository.Unsent r = unsent.get();
		PaymentView payment = repository.find(r.paymentId()).orElseThrow();
		PaymentGateway gateway = gateways.get(payment.provider());
		PaymentGateway.Answer answer = ask(refundId, () -> r.payout()
				? gateway.payOut(payment.id(), refundId, Money.fen(r.amountFen()))
				: gateway.refund(payment.id(), refundId, Money.fen(r.amountFen())));
		repository.markSent(refundId, answer, clock.instant());
	}

	/**
	 * Asks the provider, waiting at most {@code fangxin.payments.provider-timeout} (10 s): the outbox holds the refund's
	 * and its deadline's rows while it waits, and its poller's other deadlines wait behind it. A provider that does not
	 * answer in time is asked again later under the same refund id, which it deduplicates.
	 */
	PaymentGateway.Answer ask(String refundId, java.util.concurrent.Callable<PaymentGateway.Answer> call) {
		java.util.concurrent.Future<PaymentGateway.Answer> answer = providerCalls.submit(call);
		try {
			return answer.get(providerTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException e) {
			answer.cancel(true);
			throw new IllegalStateException("the provider did not answer refund " + refundId + " within " + providerTimeout);
		}
		catch (java.util.concurrent.ExecutionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime
					: new IllegalStateException("the provider failed on refund " + refundId, e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while asking the provider for refund " + refundId, e);
		}
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		providerCalls.shutdownNow();
	}

	/**
	 * Staff ask again for a refund or payout that was never sent (its deadline failed after every retry, say while the
	 * provider was down): a new deadline, which sends it once. False when it was sent already.
	 */
	@Transactional
	public boolean resend(String refundId) {
		if (repository.lockUnsent(refundId).isEmpty()) {
			return false;
		}
		deadlines.schedule(SEND_REFUND, refundId, clock.instant());
		return true;
	}

	/** The account of money paid out by hand another way (a bank transfer from the platform's account). */
	public static final LedgerAccountId BANK_TRANSFER = AccountKind.GATEWAY_CLEARING.idFor(PaidByHand.BANK_TRANSFER.name());

	/**
	 * Staff record that they paid a refund or payout by hand, with the proof ({@code reference}: the provider's
	 * refund number or the bank transfer's). It leaves the follow-up list as SUCCEEDED and the outbox never asks the
	 * provider for it afterwards. Customer service and administrators; {@link PaidByHand#BANK_TRANSFER}, which books
	 * money, administrators only (403). Refused with 409 while the outbox is still asking the provider
	 * ({@code REFUND_BEING_SENT}: paid by hand meanwhile, it could be paid twice). {@link PaidByHand#BANK_TRANSFER} only
	 * for a refund the provider refused or was never asked for (no API for it here), else 409
	 * {@code REFUND_NOT_REFUSED} (the provider may still pay it); booked as a correction from the provider's clearing
	 * account (which still holds the money) to the bank's. A refund settled already: 409 {@code REFUND_SETTLED}.
	 */
	@Transactional
	public RefundView recordPaidByHand(String refundId, PaidByHand channel, String reference, Caller staff) {
		staff.requireRole(Role.AGENT, Role.ADMIN);
		if (channel == PaidByHand.BANK_TRANSFER && staff.role() != Role.ADMIN) {
			throw ApiProblem.forbidden("A payment by bank transfer is recorded by an administrator.");
		}
		String proof = reference == null ? "" : reference.strip();
		if (channel == null) {
			throw ApiProblem.invalidField("paidVia", "REQUIRED", "how it was paid: one of " + List.of(PaidByHand.values()));
		}
		if (proof.isEmpty() || proof.length() > 200) {
			throw ApiProblem.invalidField("reference", "REQUIRED", "the transfer's number or reference, up to 200 characters");
		}
		PaymentRepository.Open open = repository.lockOpen(refundId).orElseThrow(() -> repository.findRefund(refundId)
			.<ApiProblem>map(r -> ApiProblem.conflict("REFUND_SETTLED", "This refund was paid already."))
			.orElseGet(() -> ApiProblem.notFound("REFUND_NOT_FOUND", "No such refund.")));
		if (!open.sent() && deadlines.pending(SEND_REFUND, refundId).isPresent()) {
			throw ApiProblem.conflict("REFUND_BEING_SENT", "The provider is still being asked for this refund: wait for its "
					+ "answer, or until the scheduled work gives up, before paying it by hand.");
		}
		boolean neverAsked = open.sent() && !open.providerAsked();
		if (channel == PaidByHand.BANK_TRANSFER && open.status() != PaymentStatus.FAILED && !neverAsked) {
			throw ApiProblem.conflict("REFUND_NOT_REFUSED", "Only a refund the provider refused, or was never asked for, "
					+ "may be paid another way: the provider may still pay this one. Pay it in the provider's console.");
		}
		Instant now = clock.instant();
		if (channel == PaidByHand.BANK_TRANSFER) {
			PaymentView payment = repository.find(open.paymentId()).orElseThrow();
			var booked = ledger.transfer((open.payout() ? "payout:" : "refund:") + refundId);
			ledger.executeOrThrow(Transfer.of("byhand:" + refundId, clearing(payment.provider()), BANK_TRANSFER,
					Money.fen(open.amountFen()), TransferCode.CORRECTION)
				.forOrder(booked.map(t -> t.orderRef()).orElse(null))
				.forCase(booked.map(t -> t.caseRef()).orElse(null)));
		}
		repository.markPaidByHand(refundId, channel, proof, staff.username(), now);
		repository.recordEvent(open.paymentId(), "REFUND_PAID_BY_HAND",
				refundId + " " + channel + " " + proof + " (" + staff.username() + ")", now);
		return repository.findRefund(refundId).orElseThrow();
	}

	/**
	 * Refunds and payouts staff must follow up, oldest first: the provider refused them (FAILED), has not answered
	 * (a provider that confirms later), has no payout API (staff pay by hand), or they were not sent for a minute.
	 */
	@Transactional(readOnly = true)
	public List<PaymentRepository.RefundToFollow> refundsToFollow(int limit) {
		return repository.refundsToFollow(clock.instant().minusSeconds(60), limit)
			.stream()
			.map(r -> r.sentAt() == null ? r.sending(deadlines.pending(SEND_REFUND, r.id()).isPresent()) : r)
			.toList();
	}

	/**
	 * The refunds and payouts still on their way for these references (orders, complaints): the ids of those staff
	 * follow up ({@link #refundsToFollow}) and those not yet sent.
	 */
	@Transactional(readOnly = true)
	public List<String> owedFor(java.util.Collection<String> references) {
		java.util.Set<String> wanted = new java.util.HashSet<>(references);
		return repository.refundsToFollow(clock.instant(), Integer.MAX_VALUE)
			.stream()
			.filter(r -> wanted.contains(r.reference()))
			.map(PaymentRepository.RefundToFollow::id)
			.toList();
	}

	@Transactional(readOnly = true)
	public Optional<PaymentView> find(String paymentId) {
		return repository.find(paymentId);
	}

	/** The payments made for one purpose and reference, oldest first. */
	@Transactional(readOnly = true)
	public List<PaymentView> findFor(PaymentPurpose purpose, String reference) {
		return repository.findFor(purpose, reference);
	}
}
