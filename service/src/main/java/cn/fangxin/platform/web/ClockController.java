package cn.fangxin.platform.web;

import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.platform.internal.TestClock;
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

	private final TestClock testClock;

	ClockController(TestClock testClock) {
		this.testClock = testClock;
	}

	@GetMapping
	@Operation(summary = "The application clock's current time")
	ClockView now() {
		return new ClockView(testClock.now());
	}

	@PostMapping("/advance")
	@Operation(summary = "Moves the clock forward; every deadline due by the new time is processed, in due order, "
			+ "before this returns", description = "Bad duration: 400 DURATION_INVALID.")
	ClockView advance(@RequestBody AdvanceRequest request) {
		return new ClockView(testClock.advance(request.duration()));
	}

	record AdvanceRequest(String duration) {
	}

	record ClockView(Instant now) {
	}
}
