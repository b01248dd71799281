package cn.fangxin.platform.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.fangxin.platform.AdjustableClock;
import cn.fangxin.platform.internal.ClockStore;
import cn.fangxin.platform.internal.DeadlineRunner;

/** The test clock in the web UI, for demonstrating deadlines (ADMIN, demo only). */
@Controller
@ConditionalOnProperty(name = "fangxin.clock.adjustable", havingValue = "true")
class ClockPage {

	private final AdjustableClock clock;
	private final DeadlineRunner runner;
	private final ClockStore store;

	ClockPage(AdjustableClock clock, DeadlineRunner runner, ClockStore store) {
		this.clock = clock;
		this.runner = runner;
		this.store = store;
	}

	@GetMapping("/admin/clock")
	String page(Model model) {
		store.refresh();
		model.addAttribute("now", clock.instant());
		return "admin/clock";
	}

	@PostMapping("/admin/clock/advance")
	String advance(@RequestParam(required = false) String duration, @RequestParam(required = false) String preset,
			Model model) {
		try {
			Duration step = Duration.parse(preset != null && !preset.isBlank() ? preset : String.valueOf(duration));
			if (step.isNegative() || step.isZero()) {
				model.addAttribute("error", "clock.error.duration");
			}
			else {
				store.refresh();
				runner.advanceTo(clock.instant().plus(step));
				store.save();
			}
		}
		catch (DateTimeParseException e) {
			model.addAttribute("error", "clock.error.duration");
		}
		model.addAttribute("now", clock.instant());
		return "admin/clock :: now";
	}
}
