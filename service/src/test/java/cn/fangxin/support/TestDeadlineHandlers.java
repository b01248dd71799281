package cn.fangxin.support;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.DeadlineHandler;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.SqlTime;

/** Deadline handlers for tests: they record what fired, when, and where. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDeadlineHandlers {

	public static final String RECORD = "TEST_RECORD";
	public static final String FLAKY = "TEST_FLAKY";
	public static final String CHAIN = "TEST_CHAIN";
	public static final String EFFECT = "TEST_EFFECT";
	public static final String WAITING = "TEST_WAITING";

	/** What the RECORD handler saw: the deadline and the application clock when it fired. */
	public record Fired(Deadline deadline, Instant clockAtFiring) {
	}

	public static final List<Fired> FIRED = new CopyOnWriteArrayList<>();
	public static final ConcurrentHashMap<String, AtomicInteger> FLAKY_ATTEMPTS = new ConcurrentHashMap<>();

	/** The WAITING handler's gates by subject: it finishes when its subject's gate is opened. */
	public static final ConcurrentHashMap<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

	/** The subjects the WAITING handler has started on (and may still be waiting for). */
	public static final java.util.Set<String> WAITING_STARTED = ConcurrentHashMap.newKeySet();

	@Bean
	DeadlineHandler recordingHandler(Clock clock) {
		return handler(RECORD, deadline -> FIRED.add(new Fired(deadline, clock.instant())));
	}

	/** Fails on its first two attempts for a subject, then records like RECORD. */
	@Bean
	DeadlineHandler flakyHandler(Clock clock) {
		return handler(FLAKY, deadline -> {
			int attempt = FLAKY_ATTEMPTS.computeIfAbsent(deadline.subjectId(), s -> new AtomicInteger()).incrementAndGet();
			if (attempt <= 2) {
				throw new IllegalStateException("flaky attempt " + attempt);
			}
			FIRED.add(new Fired(deadline, clock.instant()));
		});
	}

	/**
	 * Waits on a party outside, like a payment provider slow to answer: it blocks until the test opens its subject's
	 * gate (at most a minute), then records like RECORD.
	 */
	@Bean
	DeadlineHandler waitingHandler(Clock clock) {
		return DeadlineHandler.waitingOnOthers(WAITING, deadline -> {
			CountDownLatch gate = GATES.computeIfAbsent(deadline.subjectId(), s -> new CountDownLatch(1));
			WAITING_STARTED.add(deadline.subjectId());
			try {
				gate.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			FIRED.add(new Fired(deadline, clock.instant()));
		});
	}

	/** Schedules a RECORD deadline one hour later: deadlines made by handlers fire in the same advance. */
	@Bean
	DeadlineHandler chainingHandler(Clock clock, Deadlines deadlines) {
		return handler(CHAIN, deadline -> {
			FIRED.add(new Fired(deadline, clock.instant()));
			deadlines.schedule(RECORD, deadline.subjectId() + "-next", clock.instant().plusSeconds(3600));
		});
	}

	/** Writes a row per firing, so a test can count effects across service instances. */
	@Bean
	DeadlineHandler effectHandler(JdbcClient jdbc, Clock clock) {
		String instance = ManagementFactory.getRuntimeMXBean().getName() + "#" + System.identityHashCode(jdbc);
		return handler(EFFECT, deadline -> jdbc
			.sql("insert into test_deadline_effect (deadline_id, instance, fired_at) values (:id, :instance, :at)")
			.param("id", deadline.id())
			.param("instance", instance)
			.param("at", SqlTime.of(clock.instant()))
			.update());
	}

	private static DeadlineHandler handler(String kind, java.util.function.Consumer<Deadline> action) {
		return new DeadlineHandler() {
			@Override
			public String kind() {
				return kind;
			}

			@Override
			public void onDue(Deadline deadline) {
				action.accept(deadline);
			}
		};
	}
}
