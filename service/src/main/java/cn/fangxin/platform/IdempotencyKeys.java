package cn.fangxin.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The answers kept for {@code Idempotency-Key} retries, seen from outside the filter that keeps them. */
@Service
public class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Forgets the answers kept for an account's requests (they can hold its personal data, such as an invoice's buyer):
	 * for an erased account, which makes no more requests to retry.
	 */
	@Transactional
	public int forgetAccount(String accountId) {
		return jdbc.sql("delete from idempotency_key where owner = :owner")
			.param("owner", "account:" + accountId)
			.update();
	}
}
