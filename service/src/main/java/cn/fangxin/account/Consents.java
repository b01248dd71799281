package cn.fangxin.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.platform.Ids;
import cn.fangxin.platform.SqlTime;

/**
 * The consent records (PIPL arts. 13-14, 29): each agreement to a purpose, with the notice's version, the channel and
 * the time. Kept as written; a withdrawal would be a record of its own.
 */
@Service
public class Consents {

	/** The version of the privacy notice now shown; a new text gets a new version. */
	public static final String NOTICE_VERSION = "2026-12-01";

	/** Where a consent was given: the web forms, or an API client that showed the notice itself. */
	public enum Channel {
		WEB, API
	}

	/** One record: purpose, given or withdrawn, under which notice, how and when. */
	public record Consent(ConsentPurpose purpose, boolean granted, String noticeVersion, Channel channel,
			Instant recordedAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	Consents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records a consent in the caller's transaction: it stands or falls with what it was given for. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AccountId account, ConsentPurpose purpose, boolean granted, Channel channel) {
		jdbc.sql("""
				insert into consent_record (id, account_id, purpose, granted, notice_version, channel, recorded_at)
				values (:id, :account, :purpose, :granted, :version, :channel, :at)""")
			.param("id", Ids.next("cns"))
			.param("account", account.value())
			.param("purpose", purpose.name())
			.param("granted", granted)
			.param("version", NOTICE_VERSION)
			.param("channel", channel.name())
			.param("at", SqlTime.of(clock.instant()))
			.update();
	}

	/** An account's records, oldest first. */
	@Transactional(readOnly = true)
	public List<Consent> of(AccountId account) {
		return jdbc.sql("""
				select purpose, granted, notice_version, channel, recorded_at from consent_record
				where account_id = :account order by recorded_at, id""")
			.param("account", account.value())
			.query((rs, n) -> new Consent(ConsentPurpose.valueOf(rs.getString("purpose")), rs.getBoolean("granted"),
					rs.getString("notice_version"), Channel.valueOf(rs.getString("channel")), SqlTime.read(rs, "recorded_at")))
			.list();
	}
}
