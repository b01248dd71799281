package cn.fangxin.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.platform.AdjustableClock;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.internal.ClockStore;
import cn.fangxin.platform.internal.DeadlineRunner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The test clock (API.md "Clock"): only when {@code fangxin.clock.adjustable=true}; otherwise these paths do not exist
 * and answer 404. ADMIN only (enforced for {@code /api/v1/admin/**} by the security layer).
 */
@RestController
@RequestMapping("/api/v1/admin/clock")
@ConditionalOnProperty(name = "fangxin.clock.adjustable", havingValue = "true")
@Tag(name = "Clock")
class ClockController {

	private static final Duration LONGEST_STEP = Duration.ofDays(3660);

	private final AdjustableClock clock;
	private final DeadlineRunner runner;
	private final ClockStore store;

	ClockController(AdjustableClock clock, DeadlineRunner runner, ClockStore store) {
		this.clock = clock;
		this.runner = runner;
		this.store = store;
	}

	@GetMapping
	@Operation(summary = "The application clock's current time")
	ClockView now() {
		store.refresh();
		return new ClockView(clock.instant());
	}

	@PostMapping("/advance")
	@Operation(summary = "Moves the clock forward; every deadline due by the new time is processed, in due order, "
			+ "before this returns")
	ClockView advance(@RequestBody AdvanceRequest request) {
		Duration step = parse(request.duration());
		store.refresh();
		runner.advanceTo(clock.instant().plus(step));
		store.save();
		return new ClockView(clock.instant());
	}

	private static Duration parse(String text) {
		if (text == null || text.isBlank()) {
			throw ApiProblem.invalidField("duration", "DURATION_INVALID", "duration is required, e.g. PT49H");
		}
		Duration step;
		try {
			step = Duration.parse(text);
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

	record AdvanceRequest(String duration) {
	}

	record ClockView(Instant now) {
	}
}
