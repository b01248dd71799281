package cn.fangxin.account.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.account.internal.TokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Auth and accounts")
class AuthController {

	private final TokenService tokens;

	AuthController(TokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping("/api/v1/auth/token")
	@Operation(summary = "Exchanges a username and password for a bearer token",
			description = "Wrong credentials: 401 BAD_CREDENTIALS. Rate limited per username and per client: 429 RATE_LIMITED.")
	TokenService.IssuedToken token(@RequestBody TokenRequest request, HttpServletRequest http) {
		return tokens.issue(request.username(), request.password(), http.getRemoteAddr());
	}

	record TokenRequest(String username, String password) {
	}
}
