package cn.fangxin.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The service's own settings, under {@code fangxin.*}. Defaults are the embedded demo; the {@code prod} profile
 * turns the demo and the adjustable clock off.
 *
 * @param dataDir where the embedded database, keys and files live
 * @param demo whether to seed demo accounts and the demo world
 * @param clock the application clock
 * @param deadlines the durable deadline runner
 * @param security token and login settings
 * @param limits request size and rate limits
 */
@ConfigurationProperties("fangxin")
public record FangxinProperties(Path dataDir, boolean demo, Clock clock, Deadlines deadlines, Security security,
		Limits limits) {

	public FangxinProperties {
		dataDir = dataDir == null ? Path.of("data") : dataDir;
		clock = clock == null ? new Clock(false, null) : clock;
		deadlines = deadlines == null ? new Deadlines(true, Duration.ofSeconds(1), 100, 8) : deadlines;
		security = security == null ? new Security(null, Duration.ofHours(1), null, null, null) : security;
		limits = limits == null ? new Limits(DataSize.ofMegabytes(1), 10, 30, 20) : limits;
	}

	/**
	 * @param adjustable whether the test clock endpoints exist and the clock can be moved
	 * @param frozenAt when set, the clock stands still at this instant until advanced (tests)
	 */
	public record Clock(boolean adjustable, Instant frozenAt) {
	}

	/**
	 * @param enabled whether this instance polls for due deadlines
	 * @param pollInterval how often it looks
	 * @param batchSize how many due deadlines one poll takes at most
	 * @param maxAttempts after this many failures a deadline is marked FAILED for staff to see
	 */
	public record Deadlines(boolean enabled, Duration pollInterval, int batchSize, int maxAttempts) {
	}

	/**
	 * @param tokenSecret base64 HMAC key (at least 32 bytes) for bearer tokens; generated in the data dir when
	 *        absent and the demo is on; required in production so that every instance accepts every token
	 * @param tokenTtl lifetime of a bearer token
	 * @param initialAdminPassword the first ADMIN's password in production (no demo accounts there)
	 * @param dataKeyset a Tink AEAD keyset (JSON) that encrypts personal data; generated in the data dir when absent
	 *        and the demo is on; required in production
	 * @param indexKeyset a Tink PRF keyset (JSON) for blind indexes over personal data; same rules
	 */
	public record Security(String tokenSecret, Duration tokenTtl, String initialAdminPassword, String dataKeyset,
			String indexKeyset) {

		public Security {
			tokenTtl = tokenTtl == null ? Duration.ofHours(1) : tokenTtl;
		}
	}

	/**
	 * @param maxJsonBody largest accepted non-upload request body
	 * @param tokenPerMinutePerUsername token requests per minute for one username
	 * @param tokenPerMinutePerClient token and login requests per minute from one client address
	 * @param accountsPerHourPerClient account creations per hour from one client address
	 */
	public record Limits(DataSize maxJsonBody, int tokenPerMinutePerUsername, int tokenPerMinutePerClient,
			int accountsPerHourPerClient) {
	}
}
