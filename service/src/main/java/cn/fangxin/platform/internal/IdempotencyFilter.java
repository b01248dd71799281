package cn.fangxin.platform.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import cn.fangxin.platform.PersonalDataCipher;
import cn.fangxin.platform.ProblemWriter;
import cn.fangxin.platform.SqlTime;

/**
 * {@code Idempotency-Key} for every API request that changes something (API.md "Conventions"). The key's row is
 * inserted in the same transaction as the request's effects and completed with the response before commit, so:
 * a retry with the same key and body gets the first response again (same status, same body) and nothing happens
 * twice; a concurrent duplicate waits on the row until the first commits and then replays it; a failure that rolls
 * back (5xx) leaves no key behind, so the client can retry. 4xx answers are kept too, in a transaction of their own,
 * since their effects were rolled back. The same key with a different body, method or path is refused with 422
 * {@code IDEMPOTENCY_KEY_REUSED}. Keys belong to the caller (the signed-in account, or the client address for public
 * endpoints) and are kept for 24 hours.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";
	private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
	private static final Duration RETENTION = Duration.ofHours(24);
	private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final TransactionTemplate separateTransaction;
	private final ProblemWriter problems;
	private final Clock clock;
	private final PersonalDataCipher cipher;

	private static final String BODY_FIELD = "idempotency.response";

	IdempotencyFilter(JdbcClient jdbc, PlatformTransactionManager transactionManager, ProblemWriter problems,
			Clock clock, PersonalDataCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.transactions = new TransactionTemplate(transactionManager);
		this.separateTransaction = new TransactionTemplate(transactionManager);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.problems = problems;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return request.getHeader(HEADER) == null || !METHODS.contains(request.getMethod())
				|| !ProblemWriter.isApi(request) || (type != null && type.toLowerCase().startsWith("multipart/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			problems.write(request, response, HttpStatus.BAD_REQUEST, "IDEMPOTENCY_KEY_INVALID",
					"Idempotency-Key must be 1 to 255 visible ASCII characters.");
			return;
		}
		String path = request.getRequestURI();
		if (path.length() > 500) {
			chain.doFilter(request, response); // no API path is this long: the request is answered 404, nothing to keep
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		String owner = owner(request);
		String hash = hash(request.getMethod(), path, body);

		// The key is claimed by inserting it, not looked up first: a first request (the common case) costs one statement
		// less, and a retry of an answered request finds its answer through the duplicate key below.
		var cachedRequest = new CachedBodyRequest(request, body);
		var cachedResponse = new ContentCachingResponseWrapper(response);
		try {
			Outcome outcome = transactions.execute(status -> {
				insert(owner, key, request.getMethod(), path, hash);
				try {
					chain.doFilter(cachedRequest, cachedResponse);
				}
				catch (IOException | ServletException e) {
					throw new FilterFailure(e);
				}
				int code = cachedResponse.getStatus();
				if (code >= 400) {
					status.setRollbackOnly();
					return code >= 500 ? Outcome.FAILED : Outcome.REFUSED;
				}
				complete(owner, key, cachedResponse);
				return Outcome.DONE;
			});
			if (outcome == Outcome.REFUSED) {
				keepRefusal(owner, key, request.getMethod(), path, hash, cachedResponse);
			}
			cachedResponse.copyBodyToResponse();
		}
		catch (DuplicateKeyException duplicate) {
			Optional<Stored> first = awaitFirst(owner, key);
			if (first.isPresent()) {
				replay(request, response, first.get(), hash);
			}
			else {
				problems.write(request, response, HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_PROGRESS",
						"A request with this Idempotency-Key is still being processed; retry shortly.");
			}
		}
		catch (FilterFailure failure) {
			if (failure.getCause() instanceof ServletException servlet) {
				throw servlet;
			}
			throw (IOException) failure.getCause();
		}
	}

	private String owner(HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
			return "account:" + auth.getName();
		}
		return "client:" + request.getRemoteAddr();
	}

	private void insert(String owner, String key, String method, String path, String hash) {
		jdbc.sql("""
				insert into idempotency_key (owner, idem_key, method, path, request_hash, created_at)
				values (:owner, :key, :method, :path, :hash, :now)""")
			.param("owner", owner)
			.param("key", key)
			.param("method", method)
			.param("path", path)
			.param("hash", hash)
			.param("now", SqlTime.of(clock.instant()))
			.update();
	}

	private void complete(String owner, String key, ContentCachingResponseWrapper response) {
		jdbc.sql("""
				update idempotency_key set response_status = :status, response_type = :type, response_location = :location,
				  response_body = :body where owner = :owner and idem_key = :key""")
			.param("status", response.getStatus())
			.param("type", response.getContentType())
			.param("location", response.getHeader(HttpHeaders.LOCATION))
			.param("body", sealed(new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)))
			.param("owner", owner)
			.param("key", key)
			.update();
	}

	private void keepRefusal(String owner, String key, String method, String path, String hash,
			ContentCachingResponseWrapper response) {
		try {
			separateTransaction.executeWithoutResult(status -> {
				insert(owner, key, method, path, hash);
				complete(owner, key, response);
			});
		}
		catch (DuplicateKeyException concurrentRetryWon) {
			// A concurrent retry ran after this one rolled back; its answer is the one kept.
		}
	}

	private Optional<Stored> find(String owner, String key) {
		return jdbc.sql("""
				select method, path, request_hash, response_status, response_type, response_location, response_body
				from idempotency_key where owner = :owner and idem_key = :key""")
			.param("owner", owner)
			.param("key", key)
			.query((rs, n) -> new Stored(rs.getString("method"), rs.getString("path"), rs.getString("request_hash"),
					rs.getInt("response_status"), rs.getString("response_type"), rs.getString("response_location"),
					opened(rs.getString("response_body"))))
			.optional();
	}

	/**
	 * A kept answer can carry personal data (a shop's registration, a return address, an invoice's buyer), so it is
	 * kept sealed like every other personal field (answers kept before are plain text and replay as they are).
	 */
	private String sealed(String body) {
		return cipher.seal(body, BODY_FIELD);
	}

	private String opened(String stored) {
		return cipher.unseal(stored, BODY_FIELD);
	}

	/**
	 * On PostgreSQL the duplicate insert already waited for the first request's commit; H2 refuses at once, so this
	 * waits for the first request's row to appear.
	 */
	private Optional<Stored> awaitFirst(String owner, String key) {
		long giveUp = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
		long pause = 5;
		while (true) {
			Optional<Stored> stored = find(owner, key);
			if (stored.isPresent() || System.nanoTime() - giveUp > 0) {
				return stored;
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
			pause = Math.min(pause * 2, 100);
		}
	}

	private void replay(HttpServletRequest request, HttpServletResponse response, Stored stored, String hash)
			throws IOException {
		if (!stored.requestHash().equals(hash)) {
			problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
					"This Idempotency-Key was used for a different request; use a new key for a new request.");
			return;
		}
		response.setStatus(stored.status());
		if (stored.type() != null) {
			response.setContentType(stored.type());
		}
		if (stored.location() != null) {
			response.setHeader(HttpHeaders.LOCATION, stored.location());
		}
		response.setHeader("Idempotent-Replayed", "true");
		if (stored.body() != null) {
			byte[] bytes = stored.body().getBytes(StandardCharsets.UTF_8);
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
		}
	}

	/** Forgets keys after their retention. Safe on every instance at once. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void forgetOldKeys() {
		jdbc.sql("delete from idempotency_key where created_at < :cutoff")
			.param("cutoff", SqlTime.of(clock.instant().minus(RETENTION)))
			.update();
	}

	private static String hash(String method, String path, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private enum Outcome {
		DONE, REFUSED, FAILED
	}

	private record Stored(String method, String path, String requestHash, int status, String type, String location,
			String body) {
	}

	private static final class FilterFailure extends RuntimeException {

		FilterFailure(Exception cause) {
			super(cause);
		}
	}

	/** The request with its body already read, so it can be hashed and still be read by the controller. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			var in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("blocking reads only");
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
