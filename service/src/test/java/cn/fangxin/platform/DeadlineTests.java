package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.TestDeadlineHandlers;
import cn.fangxin.support.TestDeadlineHandlers.Fired;

/** Durable deadlines and the test clock (API.md "Clock"). */
@Tag("persistence")
class DeadlineTests extends ApiTest {

	@Autowired
	Deadlines deadlines;

	@Autowired
	java.time.Clock clock;

	String admin;

	@BeforeEach
	void signIn() {
		admin = api.demoToken("admin");
	}

	@Test
	@DisplayName("advancing the clock fires every deadline due on the way, in due order, each at its own time")
	void advanceFiresInOrder() {
		String subject = "s-" + UUID.randomUUID();
		Instant now = now();
		deadlines.schedule(TestDeadlineHandlers.RECORD, subject + "-2h", now.plus(Duration.ofHours(2)));
		deadlines.schedule(TestDeadlineHandlers.RECORD, subject + "-30m", now.plus(Duration.ofMinutes(30)));
		deadlines.schedule(TestDeadlineHandlers.RECORD, subject + "-1h", now.plus(Duration.ofHours(1)));
		deadlines.schedule(TestDeadlineHandlers.RECORD, subject + "-5h", now.plus(Duration.ofHours(5)));

		var r = api.post("/api/v1/admin/clock/advance", Map.of("duration", "PT3H")).as(admin).send();
		assertThat(r.status()).isEqualTo(200);
		assertThat(Instant.parse(r.json().path("now").asString())).isEqualTo(now.plus(Duration.ofHours(3)));

		List<Fired> fired = firedFor(subject);
		assertThat(fired).extracting(f -> f.deadline().subjectId())
			.containsExactly(subject + "-30m", subject + "-1h", subject + "-2h");
		assertThat(fired).allSatisfy(f -> assertThat(f.clockAtFiring()).isEqualTo(f.deadline().dueAt()));
		assertThat(deadlines.pendingFor(subject + "-5h")).hasSize(1);
		assertThat(deadlines.pendingFor(subject + "-1h")).isEmpty();
	}

	@Test
	@DisplayName("a deadline made by a handler during an advance fires in the same advance")
	void chained() {
		String subject = "c-" + UUID.randomUUID();
		Instant now = now();
		deadlines.schedule(TestDeadlineHandlers.CHAIN, subject, now.plus(Duration.ofMinutes(10)));
		api.post("/api/v1/admin/clock/advance", Map.of("duration", "PT2H")).as(admin).send();
		assertThat(firedFor(subject)).extracting(f -> f.deadline().subjectId())
			.containsExactly(subject, subject + "-next");
		assertThat(firedFor(subject + "-next").get(0).clockAtFiring())
			.isEqualTo(now.plus(Duration.ofMinutes(70)));
	}

	@Test
	@DisplayName("a failing handler is retried with back-off and its effects never half-applied")
	void retries() {
		String subject = "f-" + UUID.randomUUID();
		deadlines.schedule(TestDeadlineHandlers.FLAKY, subject, now().plus(Duration.ofMinutes(1)));
		api.post("/api/v1/admin/clock/advance", Map.of("duration", "PT2H")).as(admin).send();
		assertThat(TestDeadlineHandlers.FLAKY_ATTEMPTS.get(subject).get()).isEqualTo(3);
		assertThat(firedFor(subject)).hasSize(1);
		assertThat(deadlines.pendingFor(subject)).isEmpty();
	}

	@Test
	@DisplayName("a cancelled deadline never fires; a rescheduled one fires at its new time")
	void cancelAndReschedule() {
		String subject = "r-" + UUID.randomUUID();
		Instant now = now();
		deadlines.schedule(TestDeadlineHandlers.RECORD, subject + "-cancel", now.plus(Duration.ofMinutes(5)));
		deadlines.schedule(TestDeadlineHandlers.RECORD, subject + "-move", now.plus(Duration.ofMinutes(5)));
		assertThat(deadlines.cancel(TestDeadlineHandlers.RECORD, subject + "-cancel")).isEqualTo(1);
		deadlines.reschedule(TestDeadlineHandlers.RECORD, subject + "-move", now.plus(Duration.ofMinutes(50)));
		api.post("/api/v1/admin/clock/advance", Map.of("duration", "PT1H")).as(admin).send();
		assertThat(firedFor(subject + "-cancel")).isEmpty();
		assertThat(firedFor(subject + "-move")).singleElement()
			.satisfies(f -> assertThat(f.clockAtFiring()).isEqualTo(now.plus(Duration.ofMinutes(50))));
	}

	@Test
	@DisplayName("a deadline whose handler waits on a party outside (a provider slow to answer) holds up none of the "
			+ "platform's own: the background poller fires those on a lane of their own")
	void slowOutsideDoesNotHoldOwnDeadlines() {
		String subject = "w-" + UUID.randomUUID();
		var gate = new CountDownLatch(1);
		TestDeadlineHandlers.GATES.put(subject + "-outside", gate);
		try {
			deadlines.schedule(TestDeadlineHandlers.WAITING, subject + "-outside", now());
			// the poller has claimed it and is waiting for the outside party
			await().atMost(Duration.ofSeconds(20))
				.until(() -> TestDeadlineHandlers.WAITING_STARTED.contains(subject + "-outside"));

			deadlines.schedule(TestDeadlineHandlers.RECORD, subject + "-own", now());
			await().atMost(Duration.ofSeconds(20)).until(() -> !firedFor(subject + "-own").isEmpty());
			assertThat(firedFor(subject + "-outside")).as("still waiting on the outside party").isEmpty();
		}
		finally {
			gate.countDown();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> !firedFor(subject + "-outside").isEmpty());
	}

	@Test
	@DisplayName("the clock endpoints are for administrators and refuse bad durations")
	void clockEndpoints() {
		var get = api.get("/api/v1/admin/clock").as(admin).send();
		assertThat(get.status()).isEqualTo(200);
		assertThat(Instant.parse(get.json().path("now").asString())).isEqualTo(now());
		assertThat(api.get("/api/v1/admin/clock").as(api.demoToken("agent")).send().status()).isEqualTo(403);
		assertThat(api.get("/api/v1/admin/clock").send().status()).isEqualTo(401);
		for (String bad : List.of("49 hours", "-PT1H", "PT0S", "")) {
			var r = api.post("/api/v1/admin/clock/advance", Map.of("duration", bad)).as(admin).send();
			assertThat(r.status()).as(bad).isEqualTo(400);
			assertThat(r.code()).isEqualTo("DURATION_INVALID");
		}
	}

	private Instant now() {
		return clock.instant();
	}

	private static List<Fired> firedFor(String subject) {
		return TestDeadlineHandlers.FIRED.stream().filter(f -> f.deadline().subjectId().startsWith(subject)).toList();
	}
}
