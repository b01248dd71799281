package cn.fangxin.account.internal;

import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.platform.KeyMaterial;
import cn.fangxin.platform.ProblemWriter;

/**
 * Two ways in: the HTTP API and the operations endpoints take signed bearer tokens and keep no session; the web UI
 * uses form login with a session and CSRF protection. Failures of the API chain are RFC 9457 problems
 * ({@code UNAUTHORIZED}, {@code TOKEN_INVALID}, {@code FORBIDDEN}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** Paths anyone may call without a token. */
	static final String[] PUBLIC_API = { "/api/v1/public/**", "/api/v1/log/**", "/api/v1/payments/webhooks/**" };

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, JwtDecoder decoder) throws Exception {
		var roles = new JwtAuthenticationConverter();
		roles.setPrincipalClaimName("sub");
		roles.setJwtGrantedAuthoritiesConverter(
				jwt -> List.of(new SimpleGrantedAuthority("ROLE_" + jwt.getClaimAsString("role"))));
		http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.authorizeHttpRequests(auth -> auth
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/accounts").permitAll()
				.requestMatchers(PUBLIC_API).permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/listings/mine").authenticated()
				.requestMatchers(HttpMethod.GET, "/api/v1/listings/**").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
				.requestMatchers("/api/v1/admin/**", "/actuator/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			.oauth2ResourceServer(rs -> rs
				.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roles))
				.authenticationEntryPoint((request, response, failure) -> {
					boolean badToken = failure instanceof InvalidBearerTokenException
							|| failure.getCause() instanceof org.springframework.security.oauth2.jwt.JwtException;
					response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
					problems.write(request, response, HttpStatus.UNAUTHORIZED, badToken ? "TOKEN_INVALID" : "UNAUTHORIZED",
							badToken ? "The bearer token is invalid or expired; get a new one at /api/v1/auth/token."
									: "Sign in first: send Authorization: Bearer <token> from /api/v1/auth/token.");
				})
				.accessDeniedHandler((request, response, denied) -> problems.write(request, response,
						HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role may not do this.")))
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, failure) -> problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
						"Sign in first: send Authorization: Bearer <token> from /api/v1/auth/token."))
				.accessDeniedHandler((request, response, denied) -> problems.write(request, response,
						HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role may not do this.")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain web(HttpSecurity http, LoginRateLimitFilter loginLimit, ErasedAccounts erased) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/login", "/register", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg",
					"/public/**", "/shops/**", "/listings/**", "/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			.requestMatchers("/admin/**").hasRole("ADMIN")
			.requestMatchers("/staff/**").hasAnyRole("AGENT", "ARBITRATOR", "ADMIN")
			.requestMatchers("/merchant/**").hasRole("MERCHANT")
			.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.addFilterBefore(loginLimit, UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(erased.sessionFilter(), AuthorizationFilter.class)
			.exceptionHandling(e -> e.accessDeniedHandler(
					(request, response, denied) -> response.sendError(HttpServletResponse.SC_FORBIDDEN)));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		var argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		var encoder = new DelegatingPasswordEncoder("argon2", java.util.Map.of("argon2", argon2));
		encoder.setDefaultPasswordEncoderForMatches(argon2);
		return encoder;
	}

	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwords) {
		var provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwords);
		return new ProviderManager(provider);
	}

	@Bean
	SecretKey tokenKey(FangxinProperties properties) {
		String encoded = KeyMaterial.configuredOrFile(properties.security().tokenSecret(), properties,
				"token-hmac.key", () -> {
					byte[] key = new byte[32];
					new java.security.SecureRandom().nextBytes(key);
					return Base64.getEncoder().encodeToString(key);
				});
		byte[] key = Base64.getDecoder().decode(encoded);
		if (key.length < 32) {
			throw new IllegalStateException("fangxin.security.token-secret must be at least 32 bytes (base64)");
		}
		return new SecretKeySpec(key, "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey tokenKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(tokenKey));
	}

	@Bean
	JwtDecoder jwtDecoder(SecretKey tokenKey, ErasedAccounts erased) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenKey).macAlgorithm(MacAlgorithm.HS256).build();
		var validator = new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(Tokens.ISSUER),
				erased.tokenValidator());
		decoder.setJwtValidator(validator);
		return new CachingJwtDecoder(decoder, validator, 50_000);
	}
}
