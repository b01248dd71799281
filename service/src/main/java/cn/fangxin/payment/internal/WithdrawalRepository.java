package cn.fangxin.payment.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.PaymentStatus;
import cn.fangxin.payment.WithdrawalRequest;
import cn.fangxin.payment.WithdrawalView;
import cn.fangxin.platform.SqlTime;

/** The {@code payment_withdrawal} table. */
@Repository
public class WithdrawalRepository {

	private static final String VIEW = """
			select id, merchant_ref, amount, status, bank_name, account_masked, created_at, updated_at, failure_reason
			  from payment_withdrawal""";

	private final JdbcClient jdbc;

	WithdrawalRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(WithdrawalRequest r, PaymentProvider provider, String payeeCipher, String accountCipher,
			Instant now) {
		jdbc.sql("""
				insert into payment_withdrawal (id, merchant_ref, provider, amount, debit_account_id, payee_cipher, bank_name,
				  account_cipher, account_masked, status, requested_by, created_at, updated_at)
				values (:id, :merchant, :provider, :amount, :debit, :payee, :bank, :account, :masked, 'PENDING', :by, :now,
				  :now)""")
			.param("id", r.id())
			.param("merchant", r.merchantRef())
			.param("provider", provider.name())
			.param("amount", r.amount().fen())
			.param("debit", r.debitAccount().value())
			.param("payee", payeeCipher)
			.param("bank", r.bankName())
			.param("account", accountCipher)
			.param("masked", r.accountMasked())
			.param("by", r.requestedBy())
			.param("now", SqlTime.of(now))
			.update();
	}

	public Optional<WithdrawalView> find(String id) {
		return jdbc.sql(VIEW + " where id = :id").param("id", id).query(WithdrawalRepository::view).optional();
	}

	/** A merchant's withdrawals, newest first. */
	public List<WithdrawalView> forMerchant(String merchantId, int limit) {
		return jdbc.sql(VIEW + " where merchant_ref = :merchant order by created_at desc, id desc limit :limit")
			.param("merchant", merchantId)
			.param("limit", limit)
			.query(WithdrawalRepository::view)
			.list();
	}

	/**
	 * A withdrawal the provider has not been asked for yet, locked.
	 *
	 * @param provider its provider
	 * @param amountFen how much
	 * @param debitAccount the balance it came from
	 * @param payeeCipher the account holder, encrypted
	 * @param bankName the bank
	 * @param accountCipher the account number, encrypted
	 */
	public record Unsent(PaymentProvider provider, long amountFen, String debitAccount, String payeeCipher,
			String bankName, String accountCipher) {
	}

	public Optional<Unsent> lockUnsent(String id) {
		return jdbc.sql("""
				select provider, amount, debit_account_id, payee_cipher, bank_name, account_cipher from payment_withdrawal
				 where id = :id and sent_at is null for update""")
			.param("id", id)
			.query((rs, n) -> new Unsent(PaymentProvider.valueOf(rs.getString("provider")), rs.getLong("amount"),
					rs.getString("debit_account_id"), rs.getString("payee_cipher"), rs.getString("bank_name"),
					rs.getString("account_cipher")))
			.optional();
	}

	/** The ids of a merchant's withdrawals not yet sent to the provider. */
	public List<String> unsent(String merchantId) {
		return jdbc.sql("select id from payment_withdrawal where merchant_ref = :merchant and sent_at is null")
			.param("merchant", merchantId)
			.query(String.class)
			.list();
	}

	/** Records the provider's answer: the status it gave (PENDING while it pays later), its id and its reason. */
	public void markSent(String id, PaymentStatus status, String providerTransactionId, String reason, Instant now) {
		jdbc.sql("""
				update payment_withdrawal set status = :status, provider_txn_id = :txn, failure_reason = :reason,
				  sent_at = :now, updated_at = :now where id = :id""")
			.param("status", status.name())
			.param("txn", providerTransactionId)
			.param("reason", reason)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update();
	}

	private static WithdrawalView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		PaymentStatus status = PaymentStatus.valueOf(rs.getString("status"));
		return new WithdrawalView(rs.getString("id"), rs.getString("merchant_ref"), rs.getLong("amount"), status,
				rs.getString("bank_name"), rs.getString("account_masked"), SqlTime.read(rs, "created_at"),
				status == PaymentStatus.PENDING ? null : SqlTime.read(rs, "updated_at"), rs.getString("failure_reason"));
	}
}
