package cn.fangxin.account.web;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.fangxin.account.Access;
import cn.fangxin.account.AccountId;
import cn.fangxin.account.AccountView;
import cn.fangxin.account.Accounts;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Consents;
import cn.fangxin.account.NewAccount;
import cn.fangxin.account.Role;
import cn.fangxin.account.internal.SignUp;
import cn.fangxin.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Auth and accounts")
class AccountController {

	private final Accounts accounts;
	private final SignUp signUp;

	AccountController(Accounts accounts, SignUp signUp) {
		this.accounts = accounts;
		this.signUp = signUp;
	}

	@PostMapping("/api/v1/accounts")
	@Operation(summary = "Opens an account",
			description = "Public for CONSUMER and MERCHANT; AGENT, ARBITRATOR, REGULATOR and ADMIN need an ADMIN token. "
					+ "Taken username: 409 USERNAME_TAKEN; weak password: 400 PASSWORD_WEAK; bad phone: 400 PHONE_INVALID.")
	ResponseEntity<Created> open(@RequestBody AccountRequest request, @org.jspecify.annotations.Nullable Caller caller,
			HttpServletRequest http) {
		AccountView account = signUp.open(new NewAccount(request.username(), request.password(), parseRole(request.role()),
				request.phone(), request.displayName(),
				// only a person opening their own account agrees for themself; an administrator cannot for them
				caller == null && Boolean.TRUE.equals(request.acceptPrivacyNotice()) ? Consents.Channel.API : null), caller,
				http.getRemoteAddr());
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + account.id()))
			.body(new Created(account.id().value(), account.username(), account.role()));
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "The signed-in account")
	Me me(Caller caller) {
		AccountView account = accounts.find(caller.id())
			.orElseThrow(() -> ApiProblem.notFound("ACCOUNT_NOT_FOUND", "This account no longer exists."));
		return Me.of(account);
	}

	@GetMapping("/api/v1/accounts/{id}")
	@Operation(summary = "An account: the account itself or staff")
	Me account(@PathVariable String id, Caller caller) {
		if (id.isBlank() || id.length() > 40) {
			throw ApiProblem.notFound("ACCOUNT_NOT_FOUND", "No such object.");
		}
		Access.partiesOrStaff("ACCOUNT_NOT_FOUND", new AccountId(id)).check(caller);
		return accounts.find(new AccountId(id))
			.map(Me::of)
			.orElseThrow(() -> ApiProblem.notFound("ACCOUNT_NOT_FOUND", "No such object."));
	}

	@GetMapping("/api/v1/admin/accounts")
	@Operation(summary = "Accounts, newest first (ADMIN)")
	Items list(@RequestParam(required = false) String role, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw ApiProblem.invalidField("limit", "PARAMETER_INVALID", "limit is between 1 and 500");
		}
		return new Items(accounts.list(role == null ? null : parseRole(role), limit).stream().map(Me::of).toList());
	}

	private static Role parseRole(String role) {
		if (role == null || role.isBlank()) {
			return null;
		}
		try {
			return Role.valueOf(role);
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.invalidField("role", "ROLE_INVALID", "role is one of " + List.of(Role.values()));
		}
	}

	/** {@code acceptPrivacyNotice}: the client showed the privacy notice and the person accepted it (recorded). */
	record AccountRequest(String username, String password, String role, String phone, String displayName,
			Boolean acceptPrivacyNotice) {
	}

	record Created(String id, String username, Role role) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Me(String id, String username, Role role, String displayName, String phone) {

		static Me of(AccountView account) {
			return new Me(account.id().value(), account.username(), account.role(), account.displayName(),
					account.phone());
		}
	}

	record Items(List<Me> items) {
	}
}
