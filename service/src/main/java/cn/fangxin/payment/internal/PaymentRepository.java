package cn.fangxin.payment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.payment.PaymentGateway;
import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.PaymentPurpose;
import cn.fangxin.payment.PaymentRequest;
import cn.fangxin.payment.PaymentStatus;
import cn.fangxin.payment.PaymentView;
import cn.fangxin.payment.PaidByHand;
import cn.fangxin.payment.RefundRequest;
import cn.fangxin.payment.RefundView;
import cn.fangxin.platform.SqlTime;

/** The {@code payment}, {@code payment_refund} and {@code payment_event} tables. */
@Repository
public class PaymentRepository {

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(String id, PaymentRequest r, Instant now) {
		insert(id, r, "PENDING", null, now);
	}

	/** A payment its provider confirmed at once, written as succeeded. */
	public void insertSucceeded(String id, PaymentRequest r, String providerTransactionId, Instant now) {
		insert(id, r, "SUCCEEDED", providerTransactionId, now);
	}

	private void insert(String id, PaymentRequest r, String status, String providerTransactionId, Instant now) {
		jdbc.sql("""
				insert into payment (id, provider, purpose, reference, payer_account_id, amount, credit_account_id,
				  transfer_code, order_ref, status, provider_txn_id, refunded, created_at, updated_at)
				values (:id, :provider, :purpose, :reference, :payer, :amount, :credit, :code, :orderRef, :status, :txn, 0,
				  :now, :now)""")
			.param("id", id)
			.param("status", status)
			.param("txn", providerTransactionId, java.sql.Types.VARCHAR)
			.param("provider", r.provider().name())
			.param("purpose", r.purpose().name())
			.param("reference", r.reference())
			.param("payer", r.payerAccountId())
			.param("amount", r.amount().fen())
			.param("credit", r.creditAccount().value())
			.param("code", r.code().name())
			.param("orderRef", r.orderRef())
			.param("now", SqlTime.of(now))
			.update();
	}

	public Optional<PaymentView> find(String id) {
		return jdbc.sql("select * from payment where id = :id").param("id", id).query(PaymentRepository::map).optional();
	}

	public List<PaymentView> findFor(PaymentPurpose purpose, String reference) {
		return jdbc.sql("select * from payment where purpose = :purpose and reference = :reference order by created_at, id")
			.param("purpose", purpose.name())
			.param("reference", reference)
			.query(PaymentRepository::map)
			.list();
	}

	/** The payment and where its money goes, its row locked until the transaction ends. */
	public Optional<Locked> lock(String id) {
		return jdbc.sql("select * from payment where id = :id for update")
			.param("id", id)
			.query((rs, n) -> new Locked(map(rs, n), new Target(new LedgerAccountId(rs.getString("credit_account_id")),
					TransferCode.valueOf(rs.getString("transfer_code")), rs.getString("order_ref"))))
			.optional();
	}

	public void markSucceeded(String id, String providerTransactionId, Instant now) {
		jdbc.sql("""
				update payment set status = 'SUCCEEDED', provider_txn_id = :txn, failure_reason = null, updated_at = :now
				where id = :id and status in ('PENDING', 'FAILED')""")
			.param("txn", providerTransactionId)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update();
	}

	public boolean markFailed(String id, String reason, Instant now) {
		return jdbc.sql("""
				update payment set status = 'FAILED', failure_reason = :reason, updated_at = :now
				where id = :id and status = 'PENDING'""")
			.param("reason", reason == null ? null : reason.substring(0, Math.min(300, reason.length())))
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update() == 1;
	}

	public void addRefunded(String id, long amount, Instant now) {
		jdbc.sql("update payment set refunded = refunded + :amount, updated_at = :now where id = :id")
			.param("amount", amount)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update();
	}

	public void recordEvent(String paymentId, String kind, String detail, Instant now) {
		jdbc.sql("insert into payment_event (payment_id, kind, detail, at) values (:id, :kind, :detail, :at)")
			.param("id", paymentId)
			.param("kind", kind)
			.param("detail", detail == null ? null : detail.substring(0, Math.min(500, detail.length())))
			.param("at", SqlTime.of(now))
			.update();
	}

	public List<String> events(String paymentId) {
		return jdbc.sql("select kind from payment_event where payment_id = :id order by seq")
			.param("id", paymentId)
			.query(String.class)
			.list();
	}

	public void insertRefund(RefundRequest r, Instant now) {
		insert(r, "REFUND", now);
	}

	/** A payout beyond the payment (compensation): a row of its own kind, not counted as refunded. */
	public void insertPayout(RefundRequest r, Instant now) {
		insert(r, "PAYOUT", now);
	}

	private void insert(RefundRequest r, String kind, Instant now) {
		jdbc.sql("""
				insert into payment_refund (id, payment_id, amount, debit_account_id, status, kind, created_at, updated_at)
				values (:id, :payment, :amount, :debit, 'PENDING', :kind, :now, :now)""")
			.param("id", r.refundId())
			.param("payment", r.paymentId())
			.param("amount", r.amount().fen())
			.param("debit", r.debitAccount().value())
			.param("kind", kind)
			.param("now", SqlTime.of(now))
			.update();
	}

	/**
	 * A refund or payout not yet asked of its provider.
	 *
	 * @param paymentId the payment it returns money of
	 * @param amountFen how much
	 * @param payout a payout beyond the payment rather than a refund of it
	 */
	public record Unsent(String paymentId, long amountFen, boolean payout) {
	}

	/**
	 * A refund or payout staff must follow up: refused by its provider, still waiting for the provider's answer, or
	 * never sent.
	 *
	 * @param id the refund or payout id
	 * @param payout a payout beyond the payment (compensation) rather than a refund of it
	 * @param paymentId the payment
	 * @param provider its provider
	 * @param reference what the payment paid (an order id for an order's payment)
	 * @param amountFen how much
	 * @param status FAILED or PENDING
	 * @param createdAt when it was booked
	 * @param sentAt when the provider was asked (null: not yet)
	 * @param providerReason what the provider said with its answer
	 * @param providerAsked false when the provider was never asked (no API for it here)
	 * @param sending whether the outbox is still asking the provider (its deadline pending)
	 */
	public record RefundToFollow(String id, boolean payout, String paymentId, String provider, String reference,
			long amountFen, String status, Instant createdAt, Instant sentAt, String providerReason, boolean providerAsked,
			boolean sending) {

		/** Whether it may be paid another way than through its provider: refused, or never sent to it. */
		public boolean mayPayAnotherWay() {
			return "FAILED".equals(status) || (sentAt != null && !providerAsked);
		}

		public RefundToFollow sending(boolean now) {
			return new RefundToFollow(id, payout, paymentId, provider, reference, amountFen, status, createdAt, sentAt,
					providerReason, providerAsked, now);
		}
	}

	/** Refunds and payouts not SUCCEEDED that were booked before {@code bookedBefore}, oldest first. */
	public List<RefundToFollow> refundsToFollow(Instant bookedBefore, int limit) {
		return jdbc.sql("""
				select r.id, r.kind, r.payment_id, p.provider, p.reference, r.amount, r.status, r.created_at, r.sent_at,
				       r.provider_reason, r.provider_asked
				  from payment_refund r join payment p on p.id = r.payment_id
				 where r.status in ('PENDING', 'FAILED') and r.created_at < :before
				 order by r.created_at, r.id limit :limit""")
			.param("before", SqlTime.of(bookedBefore))
			.param("limit", limit)
			.query((rs, n) -> new RefundToFollow(rs.getString("id"), "PAYOUT".equals(rs.getString("kind")),
					rs.getString("payment_id"), rs.getString("provider"), rs.getString("reference"), rs.getLong("amount"),
					rs.getString("status"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "sent_at"),
					rs.getString("provider_reason"), rs.getObject("provider_asked") == null || rs.getBoolean("provider_asked"),
					false))
			.list();
	}

	/**
	 * A refund or payout still open (PENDING or FAILED), locked.
	 *
	 * @param paymentId the payment it returns money of
	 * @param amountFen how much
	 * @param status PENDING or FAILED
	 * @param sent whether the outbox has sent it (or recorded that there was nothing to send it to)
	 * @param providerAsked false when the provider was never asked (no API for it here)
	 * @param payout a payout beyond the payment rather than a refund of it
	 */
	public record Open(String paymentId, long amountFen, PaymentStatus status, boolean sent, boolean providerAsked,
			boolean payout) {
	}

	/** Locks a refund or payout still open; empty when it is SUCCEEDED (or does not exist). */
	public Optional<Open> lockOpen(String refundId) {
		return jdbc.sql("""
				select payment_id, amount, status, sent_at, provider_asked, kind from payment_refund
				 where id = :id and status in ('PENDING', 'FAILED') for update""")
			.param("id", refundId)
			.query((rs, n) -> new Open(rs.getString("payment_id"), rs.getLong("amount"),
					PaymentStatus.valueOf(rs.getString("status")), rs.getTimestamp("sent_at") != null,
					rs.getObject("provider_asked") == null || rs.getBoolean("provider_asked"),
					"PAYOUT".equals(rs.getString("kind"))))
			.optional();
	}

	/**
	 * Records an open refund as paid by hand: SUCCEEDED, with how, the proof and who; marked sent, so that the outbox
	 * never asks the provider for it afterwards.
	 */
	public void markPaidByHand(String refundId, PaidByHand channel, String reference, String by, Instant now) {
		jdbc.sql("""
				update payment_refund set status = 'SUCCEEDED', settled_channel = :channel, settled_reference = :reference,
				  settled_by = :by, settled_at = :now, sent_at = coalesce(sent_at, :now), updated_at = :now
				 where id = :id""")
			.param("channel", channel.name())
			.param("reference", reference)
			.param("by", by)
			.param("now", SqlTime.of(now))
			.param("id", refundId)
			.update();
	}

	/** Locks a refund not yet asked of its provider; empty when it was asked already (or does not exist). */
	public Optional<Unsent> lockUnsent(String refundId) {
		return jdbc.sql("select payment_id, amount, kind from payment_refund where id = :id and sent_at is null for update")
			.param("id", refundId)
			.query((rs, n) -> new Unsent(rs.getString("payment_id"), rs.getLong("amount"), "PAYOUT".equals(rs.getString("kind"))))
			.optional();
	}

	public void markSent(String refundId, PaymentGateway.Answer answer, Instant now) {
		jdbc.sql("""
				update payment_refund set status = :status, provider_refund_id = :txn, provider_reason = :reason,
				  provider_asked = :asked, updated_at = :now, sent_at = :now where id = :id""")
			.param("asked", answer.reachedProvider())
			.param("reason", answer.reason() == null || answer.reason().length() <= 500 ? answer.reason()
					: answer.reason().substring(0, 500))
			.param("status", answer.status().name())
			.param("txn", answer.providerTransactionId())
			.param("now", SqlTime.of(now))
			.param("id", refundId)
			.update();
	}

	public Optional<RefundView> findRefund(String refundId) {
		return jdbc.sql("select * from payment_refund where id = :id")
			.param("id", refundId)
			.query((rs, n) -> new RefundView(rs.getString("id"), rs.getString("payment_id"), rs.getLong("amount"),
					PaymentStatus.valueOf(rs.getString("status")), rs.getString("provider_refund_id"),
					SqlTime.read(rs, "created_at")))
			.optional();
	}

	private static PaymentView map(ResultSet rs, int row) throws SQLException {
		return new PaymentView(rs.getString("id"), PaymentProvider.valueOf(rs.getString("provider")),
				PaymentPurpose.valueOf(rs.getString("purpose")), rs.getString("reference"), rs.getLong("amount"),
				PaymentStatus.valueOf(rs.getString("status")), rs.getString("provider_txn_id"), rs.getLong("refunded"),
				rs.getString("failure_reason"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"));
	}

	/** Where a payment's money is booked. */
	public record Target(LedgerAccountId creditAccount, TransferCode code, String orderRef) {
	}

	/** A locked payment and where its money is booked. */
	public record Locked(PaymentView payment, Target target) {
	}
}
