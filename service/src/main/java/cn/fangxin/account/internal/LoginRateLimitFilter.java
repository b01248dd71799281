package cn.fangxin.account.internal;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.FangxinProperties;

/** The web login form shares the token endpoint's limits: per client address and per username. */
@Component
class LoginRateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;
	private final FangxinProperties.Limits limits;

	LoginRateLimitFilter(RateLimiter limiter, FangxinProperties properties) {
		this.limiter = limiter;
		this.limits = properties.limits();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			limiter.take("login-client:" + request.getRemoteAddr(), limits.tokenPerMinutePerClient(),
					Duration.ofMinutes(1));
			String username = request.getParameter("username");
			if (username != null) {
				limiter.take("login-user:" + username.strip().toLowerCase(java.util.Locale.ROOT),
						limits.tokenPerMinutePerUsername(), Duration.ofMinutes(1));
			}
		}
		catch (ApiProblem limited) {
			response.sendRedirect(request.getContextPath() + "/login?limited");
			return;
		}
		chain.doFilter(request, response);
	}
}
