package cn.fangxin.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;

/** Accounts and sign-in through the HTTP API, as API.md "Auth and accounts" promises. */
@Tag("scenario")
class AccountApiTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("every demo account signs in with the demo password and has its role")
	void demoAccounts() {
		Map<String, String> roles = Map.of("admin", "ADMIN", "agent", "AGENT", "arbiter", "ARBITRATOR", "arbiter2",
				"ARBITRATOR", "regulator", "REGULATOR", "consumer", "CONSUMER", "merchant", "MERCHANT");
		roles.forEach((username, role) -> {
			var me = api.get("/api/v1/me").as(api.demoToken(username)).send();
			assertThat(me.status()).isEqualTo(200);
			assertThat(me.json().path("username").asString()).isEqualTo(username);
			assertThat(me.json().path("role").asString()).isEqualTo(role);
		});
	}

	@Test
	@DisplayName("a token answers with its type and lifetime; wrong credentials get 401 BAD_CREDENTIALS")
	void tokens() {
		var ok = api.post("/api/v1/auth/token", Map.of("username", "admin", "password", Api.DEMO_PASSWORD)).send();
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.json().path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(ok.json().path("expiresIn").asLong()).isEqualTo(3600);
		assertThat(ok.json().path("accessToken").asString()).isNotBlank();

		var wrong = api.post("/api/v1/auth/token", Map.of("username", "agent", "password", "not-the-password")).send();
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
		var nobody = api.post("/api/v1/auth/token", Map.of("username", "nobody-" + UUID.randomUUID(), "password", "x"))
			.send();
		assertThat(nobody.status()).isEqualTo(401);
		assertThat(nobody.code()).isEqualTo("BAD_CREDENTIALS");
	}

	@Test
	@DisplayName("a consumer signs up, signs in and sees their phone masked; the phone is encrypted at rest")
	void signUp() {
		String username = "Lin-" + UUID.randomUUID().toString().substring(0, 8);
		var created = api.post("/api/v1/accounts", Map.of("username", username, "password", "plum blossom river 42",
				"role", "CONSUMER", "phone", "+86 138 1234 5678", "displayName", "林小姐")).send();
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().path("username").asString()).isEqualTo(username.toLowerCase());
		assertThat(created.json().path("role").asString()).isEqualTo("CONSUMER");
		String id = created.json().path("id").asString();
		assertThat(created.header("Location")).isEqualTo("/api/v1/accounts/" + id);

		String token = api.token(username.toUpperCase(), "plum blossom river 42");
		var me = api.get("/api/v1/me").as(token).send();
		assertThat(me.json().path("id").asString()).isEqualTo(id);
		assertThat(me.json().path("displayName").asString()).isEqualTo("林小姐");
		assertThat(me.json().path("phone").asString()).isEqualTo("138****5678");

		String stored = jdbc.sql("select phone_enc from account where id = :id").param("id", id).query(String.class).single();
		assertThat(stored).doesNotContain("13812345678").doesNotContain("5678");
		String hash = jdbc.sql("select password_hash from account where id = :id").param("id", id).query(String.class).single();
		assertThat(hash).startsWith("{argon2}$argon2id$");
	}

	@Test
	@DisplayName("a taken username (in any case) is 409 USERNAME_TAKEN and the first account is untouched")
	void usernameTaken() {
		var first = api.signUp("CONSUMER");
		var again = api.post("/api/v1/accounts", Map.of("username", first.username().toUpperCase(), "password",
				"another long passphrase 9", "role", "MERCHANT", "phone", "13700000000")).send();
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("USERNAME_TAKEN");
		assertThat(api.get("/api/v1/me").as(api.token(first.username(), first.password())).send().json().path("role")
			.asString()).isEqualTo("CONSUMER");
	}

	@Test
	@DisplayName("weak passwords, bad phones and missing fields are 400 with a code per field")
	void invalidSignUps() {
		var weak = api.post("/api/v1/accounts", Map.of("username", unique(), "password", "password1", "role",
				"CONSUMER", "phone", "13812345678")).send();
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.code()).isEqualTo("PASSWORD_WEAK");
		assertThat(weak.json().path("errors").get(0).path("field").asString()).isEqualTo("password");

		var shortOne = api.post("/api/v1/accounts", Map.of("username", unique(), "password", "Xy7#", "role",
				"CONSUMER", "phone", "13812345678")).send();
		assertThat(shortOne.code()).isEqualTo("PASSWORD_WEAK");

		var phone = api.post("/api/v1/accounts", Map.of("username", unique(), "password", "plum blossom river 42",
				"role", "CONSUMER", "phone", "12345")).send();
		assertThat(phone.status()).isEqualTo(400);
		assertThat(phone.code()).isEqualTo("PHONE_INVALID");

		var missing = api.post("/api/v1/accounts", Map.of("password", "plum blossom river 42", "role", "CONSUMER"))
			.send();
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(missing.json().path("errors").findValuesAsString("field")).contains("username", "phone");

		var role = api.post("/api/v1/accounts", Map.of("username", unique(), "password", "plum blossom river 42",
				"role", "KING", "phone", "13812345678")).send();
		assertThat(role.status()).isEqualTo(400);
		assertThat(role.code()).isEqualTo("ROLE_INVALID");
	}

	@Test
	@DisplayName("staff and regulator accounts need an administrator: 401 without a token, 403 for others")
	void staffAccounts() {
		Map<String, String> agent = Map.of("username", unique(), "password", "plum blossom river 42", "role", "AGENT",
				"displayName", "客服小王");
		var anonymous = api.post("/api/v1/accounts", agent).send();
		assertThat(anonymous.status()).isEqualTo(401);
		var consumer = api.post("/api/v1/accounts", agent).as(api.signUp("CONSUMER").token()).send();
		assertThat(consumer.status()).isEqualTo(403);
		assertThat(consumer.code()).isEqualTo("FORBIDDEN");
		var admin = api.post("/api/v1/accounts", agent).as(api.demoToken("admin")).send();
		assertThat(admin.status()).isEqualTo(201);
		assertThat(admin.json().path("role").asString()).isEqualTo("AGENT");
	}

	@Test
	@DisplayName("an account is visible to itself and to staff; to anyone else it does not exist")
	void accountVisibility() {
		var alice = api.signUp("CONSUMER");
		var bob = api.signUp("CONSUMER");
		assertThat(api.get("/api/v1/accounts/" + alice.id()).as(alice.token()).send().status()).isEqualTo(200);
		assertThat(api.get("/api/v1/accounts/" + alice.id()).as(api.demoToken("agent")).send().status()).isEqualTo(200);
		var hidden = api.get("/api/v1/accounts/" + alice.id()).as(bob.token()).send();
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.code()).isEqualTo("ACCOUNT_NOT_FOUND");
		var missing = api.get("/api/v1/accounts/acc_doesnotexist").as(api.demoToken("agent")).send();
		assertThat(missing.status()).isEqualTo(404);
	}

	@Test
	@DisplayName("guessing one account's password is stopped with 429 RATE_LIMITED and Retry-After")
	void tokenRateLimit() {
		var target = api.signUp("CONSUMER");
		int limited = 0;
		for (int i = 0; i < 12; i++) {
			var r = api.post("/api/v1/auth/token", Map.of("username", target.username(), "password", "guess-" + i)).send();
			if (r.status() == 429) {
				limited++;
				assertThat(r.code()).isEqualTo("RATE_LIMITED");
				assertThat(r.header("Retry-After")).isNotBlank();
			}
			else {
				assertThat(r.status()).isEqualTo(401);
			}
		}
		// 10 attempts a minute per username; signing up already used one.
		assertThat(limited).as("attempts beyond 10 within a minute").isEqualTo(3);
		var right = api.post("/api/v1/auth/token", Map.of("username", target.username(), "password", target.password()))
			.send();
		assertThat(right.status()).as("even the right password waits out the limit").isEqualTo(429);
	}

	@Test
	@DisplayName("administrators list accounts; others are refused")
	void adminList() {
		var created = api.signUp("MERCHANT");
		var list = api.get("/api/v1/admin/accounts?role=MERCHANT&limit=500").as(api.demoToken("admin")).send();
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("items").findValuesAsString("id")).contains(created.id());
		assertThat(api.get("/api/v1/admin/accounts").as(created.token()).send().status()).isEqualTo(403);
	}

	private static String unique() {
		return "u" + UUID.randomUUID().toString().substring(0, 10);
	}
}
