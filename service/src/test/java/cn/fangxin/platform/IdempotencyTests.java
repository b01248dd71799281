package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;

/** Idempotency-Key (API.md "Conventions"): one effect, the first response again, also under concurrent retries. */
@Tag("persistence")
class IdempotencyTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("24 identical requests at once with one key: one account, 24 identical 201 answers")
	void concurrentDuplicates() throws Exception {
		String username = "idem-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> body = Map.of("username", username, "password", "quiet lantern harbour 7", "role",
				"CONSUMER", "phone", "13612345678");
		String key = UUID.randomUUID().toString();
		int n = 24;
		var start = new CountDownLatch(1);
		List<Future<Api.Response>> answers;
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			answers = IntStream.range(0, n).mapToObj(i -> pool.submit(() -> {
				start.await();
				return api.post("/api/v1/accounts", body).idempotencyKey(key).send();
			})).toList();
			start.countDown();
		}
		Api.Response first = answers.get(0).get();
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		for (Future<Api.Response> answer : answers) {
			assertThat(answer.get().status()).isEqualTo(201);
			assertThat(answer.get().body()).isEqualTo(first.body());
			assertThat(answer.get().header("Location")).isEqualTo(first.header("Location"));
		}
		long accounts = jdbc.sql("select count(*) from account where username = :u").param("u", username)
			.query(Long.class).single();
		assertThat(accounts).isEqualTo(1);
	}

	@Test
	@DisplayName("a retry gets the first answer, marked as replayed; a different body with the key is 422")
	void retriesAndReuse() {
		String token = api.demoToken("admin");
		String key = UUID.randomUUID().toString();
		Map<String, String> agent = Map.of("username", "agent-" + UUID.randomUUID().toString().substring(0, 8),
				"password", "quiet lantern harbour 7", "role", "AGENT");
		var first = api.post("/api/v1/accounts", agent).as(token).idempotencyKey(key).send();
		var retry = api.post("/api/v1/accounts", agent).as(token).idempotencyKey(key).send();
		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");

		var other = api.post("/api/v1/accounts", Map.of("username", "someone-else", "password", "x", "role", "AGENT"))
			.as(token)
			.idempotencyKey(key)
			.send();
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

		// Keys belong to their caller: another account may use the same key for its own request.
		var mine = api.post("/api/v1/accounts", Map.of("username", "cons-" + UUID.randomUUID().toString().substring(0, 8),
				"password", "quiet lantern harbour 7", "role", "CONSUMER", "phone", "13612345678"))
			.as(api.signUp("CONSUMER").token())
			.idempotencyKey(key)
			.send();
		assertThat(mine.status()).isEqualTo(201);
	}

	@Test
	@DisplayName("a kept answer is stored encrypted (it may carry a seller's real name), and a retry still gets it word for word")
	void keptAnswersAreEncrypted() {
		var merchant = api.signUp("MERCHANT");
		String key = UUID.randomUUID().toString();
		var application = cn.fangxin.support.Shops.individual(cn.fangxin.support.Identities.residentId(),
				cn.fangxin.support.Identities.phone(), java.util.List.of("general"));
		var first = api.post("/api/v1/merchants", application).as(merchant.token()).idempotencyKey(key).send();
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.body()).contains("林晓梅");
		String stored = jdbc.sql("select response_body from idempotency_key where idem_key = :key").param("key", key)
			.query(String.class).single();
		assertThat(stored).startsWith("enc:").doesNotContain("林晓梅");
		var retry = api.post("/api/v1/merchants", application).as(merchant.token()).idempotencyKey(key).send();
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.body()).isEqualTo(first.body());
	}

	@Test
	@DisplayName("a refused request is answered the same way on retry and changes nothing")
	void refusalsReplay() {
		String key = UUID.randomUUID().toString();
		String username = "weak-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> weak = Map.of("username", username, "password", "password", "role", "CONSUMER", "phone",
				"13612345678");
		var first = api.post("/api/v1/accounts", weak).idempotencyKey(key).send();
		var again = api.post("/api/v1/accounts", weak).idempotencyKey(key).send();
		assertThat(first.status()).isEqualTo(400);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(jdbc.sql("select count(*) from account where username = :u").param("u", username).query(Long.class)
			.single()).isZero();
	}

	@Test
	@DisplayName("an unusable key is 400 IDEMPOTENCY_KEY_INVALID")
	void invalidKey() {
		var r = api.post("/api/v1/accounts", Map.of("username", "x")).idempotencyKey("x".repeat(300)).send();
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.code()).isEqualTo("IDEMPOTENCY_KEY_INVALID");
	}
}
