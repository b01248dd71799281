package cn.fangxin.account.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.fangxin.platform.FangxinProperties;

/**
 * The accounts erased on request, so that what they signed in with stops working at once: their bearer tokens (which
 * are not stored, and would otherwise stay valid until they expire) and their web sessions. This instance learns of
 * its own erasures at once and of other instances' within {@link #REFRESH} (it asks the database for the accounts
 * erased within a token's lifetime); the set only grows, and holds the ids erased since the instance started.
 */
@Component
public class ErasedAccounts implements org.springframework.beans.factory.SmartInitializingSingleton {

	static final String REFRESH = "PT10S";

	private final AccountRepository accounts;
	private final Clock clock;
	private final Duration tokenTtl;
	private final Set<String> erased = ConcurrentHashMap.newKeySet();

	ErasedAccounts(AccountRepository accounts, Clock clock, FangxinProperties properties) {
		this.accounts = accounts;
		this.clock = clock;
		this.tokenTtl = properties.security().tokenTtl();
	}

	/** An account was erased in the current transaction: its tokens and sessions stop working once it commits. */
	public void erased(String accountId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					erased.add(accountId);
				}
			});
		}
		else {
			erased.add(accountId);
		}
	}

	boolean contains(String accountId) {
		return accountId != null && erased.contains(accountId);
	}

	/** Before the instance serves anyone: the accounts erased within a token's lifetime. */
	@Override
	public void afterSingletonsInstantiated() {
		refresh();
	}

	/**
	 * Reads the accounts erased within a token's lifetime. {@code erased_at} is on the application clock while tokens
	 * live on real time, so the window reaches back from the earlier of the two: a test clock moved on does not let an
	 * instance started afterwards forget an erasure whose tokens are still valid.
	 */
	@Scheduled(initialDelayString = REFRESH, fixedDelayString = REFRESH)
	void refresh() {
		java.time.Instant business = clock.instant();
		java.time.Instant real = Clock.systemUTC().instant();
		java.time.Instant now = business.isBefore(real) ? business : real;
		erased.addAll(accounts.erasedSince(now.minus(tokenTtl).minus(Duration.ofMinutes(5))));
	}

	/** Refuses a bearer token of an erased account (401 TOKEN_INVALID, as for an expired one). */
	OAuth2TokenValidator<Jwt> tokenValidator() {
		return jwt -> contains(jwt.getSubject())
				? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The account was closed.", null))
				: OAuth2TokenValidatorResult.success();
	}

	/** Ends a web session of an erased account: the next page asks to sign in, as after signing out. */
	OncePerRequestFilter sessionFilter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				var auth = SecurityContextHolder.getContext().getAuthentication();
				if (auth != null && auth.getPrincipal() instanceof SignedInAccount account && contains(account.id())) {
					SecurityContextHolder.clearContext();
					HttpSession session = request.getSession(false);
					if (session != null) {
						session.invalidate();
					}
				}
				chain.doFilter(request, response);
			}
		};
	}
}
