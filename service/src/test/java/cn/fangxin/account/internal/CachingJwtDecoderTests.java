package cn.fangxin.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The verified-token cache never lets a token through that the validator refuses now, nor an unverified one. */
class CachingJwtDecoderTests {

	static Jwt jwt(String token, Instant expires) {
		return Jwt.withTokenValue(token).header("alg", "HS256").subject("acc_1").expiresAt(expires).build();
	}

	@Test
	@DisplayName("a verified token is served without re-verifying, is validated on every use, and expires")
	void cachesVerifiedTokens() {
		AtomicInteger verifications = new AtomicInteger();
		AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T00:00:00Z"));
		Instant expiry = now.get().plusSeconds(3600);
		JwtDecoder delegate = token -> {
			verifications.incrementAndGet();
			if (!token.equals("good")) {
				throw new BadJwtException("bad signature");
			}
			return jwt(token, expiry);
		};
		CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, jwt -> jwt.getExpiresAt().isAfter(now.get())
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null)), 10);
		assertThat(decoder.decode("good").getSubject()).isEqualTo("acc_1");
		assertThat(decoder.decode("good").getSubject()).isEqualTo("acc_1");
		assertThat(verifications).hasValue(1);
		assertThatThrownBy(() -> decoder.decode("good-but-tampered")).isInstanceOf(JwtException.class);
		now.set(expiry.plusSeconds(1));
		assertThatThrownBy(() -> decoder.decode("good")).isInstanceOf(JwtException.class).hasMessageContaining("expired");
	}
}
