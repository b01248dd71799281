package cn.fangxin.platform.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

import cn.fangxin.platform.AdjustableClock;
import cn.fangxin.platform.ApiProblem;

/**
 * The test clock's use cases (API.md "Clock"), shared by the API and the admin page: read the time, and move it
 * forward while processing every deadline that falls due on the way. Exists only when the clock is adjustable.
 */
@Service
@ConditionalOnProperty(name = "fangxin.clock.adjustable", havingValue = "true")
public class TestClock {

	private static final Duration LONGEST_STEP = Duration.ofDays(3660);

	private final AdjustableClock clock;
	private final DeadlineRunner runner;
	private final ClockStore store;

	TestClock(AdjustableClock clock, DeadlineRunner runner, ClockStore store) {
		this.clock = clock;
		this.runner = runner;
		this.store = store;
	}

	public Instant now() {
		store.refresh();
		return clock.instant();
	}

	/**
	 * Moves the clock forward by an ISO-8601 duration ({@code PT49H}, {@code P10D}); returns when every deadline
	 * due by the new time has been processed. A missing, malformed, zero, negative or over-10-year duration is
	 * refused with 400 {@code DURATION_INVALID}.
	 */
	public Instant advance(String duration) {
		Duration step = parse(duration);
		store.refresh();
		runner.advanceTo(clock.instant().plus(step));
		store.save();
		return clock.instant();
	}

	private static Duration parse(String text) {
		if (text == null || text.isBlank()) {
			throw ApiProblem.invalidField("duration", "DURATION_INVALID", "duration is required, e.g. PT49H");
		}
		Duration step;
		try {
			step = Duration.parse(text.strip());
		}
		catch (DateTimeParseException e) {
			throw ApiProblem.invalidField("duration", "DURATION_INVALID",
					"duration must be an ISO-8601 duration such as PT49H or P10D");
		}
		if (step.isNegative() || step.isZero() || step.compareTo(LONGEST_STEP) > 0) {
			throw ApiProblem.invalidField("duration", "DURATION_INVALID",
					"the clock only moves forward, by at most 10 years at a time");
		}
		return step;
	}
}
