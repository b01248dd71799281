package cn.fangxin.account.internal;

import java.time.Duration;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;

import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.FangxinProperties;

/** The token endpoint's work: rate limits, password check, token. */
@Service
public class TokenService {

	private final AuthenticationManager authentication;
	private final Tokens tokens;
	private final RateLimiter limiter;
	private final FangxinProperties.Limits limits;

	TokenService(AuthenticationManager authentication, Tokens tokens, RateLimiter limiter,
			FangxinProperties properties) {
		this.authentication = authentication;
		this.tokens = tokens;
		this.limiter = limiter;
		this.limits = properties.limits();
	}

	/**
	 * A bearer token for a username and password. Wrong or missing credentials and disabled accounts all answer 401
	 * {@code BAD_CREDENTIALS}, so that nobody learns which usernames exist.
	 */
	public IssuedToken issue(String username, String password, String clientAddress) {
		limiter.take("token-client:" + clientAddress, limits.tokenPerMinutePerClient(), Duration.ofMinutes(1));
		if (username == null || username.isBlank() || password == null) {
			throw badCredentials();
		}
		String normalised = username.strip().toLowerCase(Locale.ROOT);
		limiter.take("token-user:" + normalised, limits.tokenPerMinutePerUsername(), Duration.ofMinutes(1));
		try {
			var result = authentication.authenticate(new UsernamePasswordAuthenticationToken(normalised, password));
			return tokens.issue((SignedInAccount) result.getPrincipal());
		}
		catch (AuthenticationException failed) {
			throw badCredentials();
		}
	}

	private static ApiProblem badCredentials() {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "The username or password is wrong.");
	}

	/** {@code {accessToken, tokenType: "Bearer", expiresIn}} (seconds). */
	public record IssuedToken(String accessToken, String tokenType, long expiresIn) {
	}
}
