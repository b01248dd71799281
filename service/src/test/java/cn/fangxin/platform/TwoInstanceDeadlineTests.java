package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.FangxinApplication;
import cn.fangxin.platform.internal.DeadlineRunner;
import cn.fangxin.support.TestDeadlineHandlers;

/**
 * Two service instances on one database (the test profile's H2, or PostgreSQL from SPRING_DATASOURCE_*): every
 * deadline fires exactly once, whichever instance claims it, even when both try at the same moment.
 */
@Tag("persistence")
class TwoInstanceDeadlineTests {

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	@DisplayName("300 due deadlines, two instances polling and racing: 300 effects, each deadline once")
	void exactlyOnceAcrossInstances() throws Exception {
		ConfigurableApplicationContext a = start();
		ConfigurableApplicationContext b = start();
		Deadlines deadlines = a.getBean(Deadlines.class);
		JdbcClient jdbc = a.getBean(JdbcClient.class);
		Instant due = a.getBean(Clock.class).instant().minusSeconds(1);

		long before = jdbc.sql("select count(*) from test_deadline_effect").query(Long.class).single();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			ids.add(deadlines.schedule(TestDeadlineHandlers.EFFECT, "twin-" + i, due).id());
		}

		// Besides both pollers, make both instances fire at the same moment from several threads.
		var start = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Future<Integer>> racers = new ArrayList<>();
			for (ConfigurableApplicationContext instance : List.of(a, b, a, b)) {
				DeadlineRunner runner = instance.getBean(DeadlineRunner.class);
				racers.add(pool.submit(() -> {
					start.await();
					return runner.fireDue();
				}));
			}
			start.countDown();
			for (Future<Integer> racer : racers) {
				racer.get();
			}
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
			.sql("select count(*) from deadline where kind = :kind and status = 'PENDING' and subject_id like 'twin-%'")
			.param("kind", TestDeadlineHandlers.EFFECT)
			.query(Long.class)
			.single() == 0);

		long effects = jdbc.sql("select count(*) from test_deadline_effect").query(Long.class).single() - before;
		assertThat(effects).isEqualTo(300);
		for (long id : List.of(ids.get(0), ids.get(150), ids.get(299))) {
			assertThat(jdbc.sql("select count(*) from test_deadline_effect where deadline_id = :id").param("id", id)
				.query(Long.class).single()).isEqualTo(1);
		}
		long distinct = jdbc.sql("select count(distinct deadline_id) from test_deadline_effect where deadline_id between :lo and :hi")
			.param("lo", ids.get(0))
			.param("hi", ids.get(299))
			.query(Long.class)
			.single();
		long all = jdbc.sql("select count(*) from test_deadline_effect where deadline_id between :lo and :hi")
			.param("lo", ids.get(0))
			.param("hi", ids.get(299))
			.query(Long.class)
			.single();
		assertThat(distinct).isEqualTo(300);
		assertThat(all).isEqualTo(300);
	}

	private ConfigurableApplicationContext start() {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--fangxin.deadlines.poll-interval=20ms", "--fangxin.deadlines.batch-size=25"));
		if (System.getenv("SPRING_DATASOURCE_URL") == null) {
			// the two instances share a database of their own: closing them must not close the other tests' database
			args.add("--spring.datasource.url=jdbc:h2:mem:two-instances;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
					+ "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(FangxinApplication.class,
				TestDeadlineHandlers.class)
			.profiles("test")
			.run(args.toArray(String[]::new));
		instances.add(context);
		return context;
	}
}
