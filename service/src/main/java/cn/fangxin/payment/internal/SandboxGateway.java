package cn.fangxin.payment.internal;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.stereotype.Component;

import cn.fangxin.payment.PaymentGateway;
import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.PaymentStatus;
import cn.fangxin.platform.Money;

/**
 * The sandbox provider: every charge and refund succeeds at once, unless the test switch says otherwise for the next
 * charge: {@link Behaviour#FAIL} (declined) or {@link Behaviour#ANSWER_TWICE} (success reported twice, as real providers
 * sometimes do). It takes new payments only where {@code fangxin.payments.sandbox} is true (the embedded default and
 * the tests; off in the {@code prod} profile, where a consumer must not pay with money that does not exist); refunds of
 * the payments it took are answered either way.
 */
@Component
public class SandboxGateway implements PaymentGateway {

	private volatile boolean takesNewPayments;

	SandboxGateway(@org.springframework.beans.factory.annotation.Value("${fangxin.payments.sandbox:true}") boolean enabled) {
		this.takesNewPayments = enabled;
	}

	@Override
	public boolean takesNewPayments() {
		return takesNewPayments;
	}

	/** Tests only: as a server where the sandbox takes no new payments (prod), or back. */
	public void takeNewPayments(boolean enabled) {
		this.takesNewPayments = enabled;
	}

	/** What the next charge does. */
	public enum Behaviour {
		SUCCEED, FAIL, ANSWER_TWICE
	}

	private final ConcurrentLinkedQueue<Behaviour> next = new ConcurrentLinkedQueue<>();

	/** The test switch: queues the behaviour of the next charge. */
	public void nextCharge(Behaviour behaviour) {
		next.add(behaviour);
	}

	@Override
	public PaymentProvider provider() {
		return PaymentProvider.SANDBOX;
	}

	@Override
	public List<Answer> charge(String paymentId, Money amount, String description) {
		Behaviour behaviour = next.poll();
		Answer success = new Answer(PaymentStatus.SUCCEEDED, "sandbox-" + paymentId, null);
		return switch (behaviour == null ? Behaviour.SUCCEED : behaviour) {
			case SUCCEED -> List.of(success);
			case ANSWER_TWICE -> List.of(success, success);
			case FAIL -> List.of(new Answer(PaymentStatus.FAILED, null, "declined by the sandbox"));
		};
	}

	@Override
	public Answer refund(String paymentId, String refundId, Money amount) {
		return new Answer(PaymentStatus.SUCCEEDED, "sandbox-refund-" + refundId, null);
	}

	private final ConcurrentLinkedQueue<Behaviour> nextWithdrawal = new ConcurrentLinkedQueue<>();

	/** The test switch: queues the behaviour of the next transfer to a bank account (FAIL: the bank refuses it). */
	public void nextWithdrawal(Behaviour behaviour) {
		nextWithdrawal.add(behaviour);
	}

	/** Withdrawals are paid wherever the sandbox takes payments: money that came from nowhere goes nowhere. */
	@Override
	public boolean takesWithdrawals() {
		return takesNewPayments;
	}

	@Override
	public Answer transferToBank(String withdrawalId, Money amount, String payeeName, String bankName,
			String accountNumber) {
		if (nextWithdrawal.poll() == Behaviour.FAIL) {
			return new Answer(PaymentStatus.FAILED, null, "银行拒绝入账 / the bank refused the account (sandbox)");
		}
		return new Answer(PaymentStatus.SUCCEEDED, "sandbox-transfer-" + withdrawalId, null);
	}

	@Override
	public Answer payOut(String paymentId, String payoutId, Money amount) {
		return new Answer(PaymentStatus.SUCCEEDED, "sandbox-payout-" + payoutId, null);
	}
}
