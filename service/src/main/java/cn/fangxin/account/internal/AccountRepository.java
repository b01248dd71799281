package cn.fangxin.account.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.fangxin.account.Role;
import cn.fangxin.platform.SqlTime;

/** The {@code account} table. */
@Repository
public class AccountRepository {

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(AccountRecord a) {
		jdbc.sql("""
				insert into account (id, username, password_hash, role, display_name, phone_enc, enabled, created_at)
				values (:id, :username, :hash, :role, :display, :phone, :enabled, :created)""")
			.param("id", a.id())
			.param("username", a.username())
			.param("hash", a.passwordHash())
			.param("role", a.role().name())
			.param("display", a.displayName())
			.param("phone", a.phoneCiphertext())
			.param("enabled", a.enabled())
			.param("created", SqlTime.of(a.createdAt()))
			.update();
	}

	public Optional<AccountRecord> findById(String id) {
		return jdbc.sql("select * from account where id = :id").param("id", id).query(AccountRepository::map).optional();
	}

	public Optional<AccountRecord> findByUsername(String username) {
		return jdbc.sql("select * from account where username = :username")
			.param("username", username)
			.query(AccountRepository::map)
			.optional();
	}

	public long countByRole(Role role) {
		return jdbc.sql("select count(*) from account where role = :role").param("role", role.name()).query(Long.class).single();
	}

	public List<AccountRecord> list(Role role, int limit) {
		return jdbc.sql("""
				select * from account where (:role is null or role = :role) order by created_at desc, id desc limit :limit""")
			.param("role", role == null ? null : role.name(), java.sql.Types.VARCHAR)
			.param("limit", limit)
			.query(AccountRepository::map)
			.list();
	}

	/**
	 * Pseudonymises an account (erasure on request): a new username and name, no phone, a password nobody knows, and
	 * it can no longer sign in. False when it was erased already.
	 */
	public boolean erase(String id, String pseudonym, String unusablePasswordHash, Instant now) {
		return jdbc.sql("""
				update account set username = :pseudonym, display_name = :pseudonym, phone_enc = null,
				  password_hash = :hash, enabled = false, erased_at = :now where id = :id and erased_at is null""")
			.param("pseudonym", pseudonym)
			.param("hash", unusablePasswordHash)
			.param("now", SqlTime.of(now))
			.param("id", id)
			.update() == 1;
	}

	/** The accounts erased since {@code since}. */
	public List<String> erasedSince(Instant since) {
		return jdbc.sql("select id from account where erased_at >= :since")
			.param("since", SqlTime.of(since))
			.query(String.class)
			.list();
	}

	private static AccountRecord map(ResultSet rs, int row) throws SQLException {
		return new AccountRecord(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
				Role.valueOf(rs.getString("role")), rs.getString("display_name"), rs.getString("phone_enc"),
				rs.getBoolean("enabled"), SqlTime.read(rs, "created_at"));
	}
}
