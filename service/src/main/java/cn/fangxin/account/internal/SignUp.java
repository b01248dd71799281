package cn.fangxin.account.internal;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.fangxin.account.AccountView;
import cn.fangxin.account.Accounts;
import cn.fangxin.account.Caller;
import cn.fangxin.account.NewAccount;
import cn.fangxin.account.Role;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.FangxinProperties;

/**
 * Who may open which account: anyone a consumer or merchant account (rate limited per client address), only an
 * administrator a staff or regulator account.
 */
@Service
public class SignUp {

	private final Accounts accounts;
	private final RateLimiter limiter;
	private final FangxinProperties.Limits limits;

	SignUp(Accounts accounts, RateLimiter limiter, FangxinProperties properties) {
		this.accounts = accounts;
		this.limiter = limiter;
		this.limits = properties.limits();
	}

	public AccountView open(NewAccount request, Caller caller, String clientAddress) {
		boolean admin = caller != null && caller.role() == Role.ADMIN;
		if (request.role() != null && !Role.SELF_SERVICE.contains(request.role()) && !admin) {
			if (caller == null) {
				throw new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
						"Only an administrator may open " + request.role() + " accounts; sign in as one.");
			}
			throw ApiProblem.forbidden("Only an administrator may open " + request.role() + " accounts.");
		}
		if (!admin) {
			limiter.take("signup-client:" + clientAddress, limits.accountsPerHourPerClient(), Duration.ofHours(1));
		}
		return accounts.open(request);
	}
}
