package cn.fangxin.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import cn.fangxin.platform.FangxinProperties;

/**
 * Issues the API's bearer tokens: JWTs signed with HMAC-SHA256, carrying the account id as subject, the username and
 * the role. Their lifetime runs on real time, not the adjustable business clock, so moving the test clock does not
 * sign anyone out.
 */
@Component
class Tokens {

	static final String ISSUER = "fangxin";

	private final JwtEncoder encoder;
	private final Duration ttl;
	private final Clock realTime = Clock.systemUTC();

	Tokens(JwtEncoder encoder, FangxinProperties properties) {
		this.encoder = encoder;
		this.ttl = properties.security().tokenTtl();
	}

	TokenService.IssuedToken issue(SignedInAccount account) {
		Instant now = realTime.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(account.id())
			.issuedAt(now)
			.expiresAt(now.plus(ttl))
			.claim("username", account.username())
			.claim("role", account.role().name())
			.build();
		String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
		return new TokenService.IssuedToken(token, "Bearer", ttl.toSeconds());
	}
}
