package cn.fangxin.account.internal;

import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens whose signature was verified, so that a client's next requests with the same token skip parsing
 * and the HMAC (about 6 % of a checkout request's CPU). A remembered token is still validated on every use (expiry,
 * not-before, issuer); only byte-identical tokens hit, and the cache holds at most {@code capacity} of them (cleared
 * when full: tokens are short-lived and re-verified at once).
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;
	private final OAuth2TokenValidator<Jwt> validator;
	private final int capacity;
	private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int capacity) {
		this.delegate = delegate;
		this.validator = validator;
		this.capacity = capacity;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = verified.get(token);
		if (known != null) {
			OAuth2TokenValidatorResult result = validator.validate(known);
			if (result.hasErrors()) {
				verified.remove(token);
				throw new BadJwtException("An error occurred while attempting to decode the Jwt: "
						+ result.getErrors().iterator().next().getDescription());
			}
			return known;
		}
		Jwt jwt = delegate.decode(token); // verifies the signature and validates
		if (verified.size() >= capacity) {
			verified.clear();
		}
		verified.put(token, jwt);
		return jwt;
	}
}
