package cn.fangxin.platform.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.internal.TestClock;

/** The test clock in the web UI, for demonstrating deadlines (ADMIN, demo only). */
@Controller
@ConditionalOnProperty(name = "fangxin.clock.adjustable", havingValue = "true")
class ClockPage {

	private final TestClock testClock;

	ClockPage(TestClock testClock) {
		this.testClock = testClock;
	}

	@GetMapping("/admin/clock")
	String page(Model model) {
		model.addAttribute("now", testClock.now());
		return "admin/clock";
	}

	/** Answers the page's {@code now} fragment (htmx), or the whole page for a plain form post. */
	@PostMapping("/admin/clock/advance")
	String advance(@RequestParam(required = false) String duration, @RequestParam(required = false) String preset,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		try {
			testClock.advance(preset != null && !preset.isBlank() ? preset : duration);
		}
		catch (ApiProblem invalid) {
			model.addAttribute("error", "clock.error.duration");
		}
		model.addAttribute("now", testClock.now());
		return htmx != null ? "admin/clock :: now" : "admin/clock";
	}
}
