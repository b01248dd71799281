package cn.fangxin.platform.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.fangxin.platform.internal.DeadlineRepository;

/**
 * Scheduled work in the web UI (ADMIN): the deadlines that failed after every retry, those still waiting (with their
 * failures so far: a refund the provider keeps refusing shows here), and those done. The same as
 * {@code GET /api/v1/admin/deadlines}.
 */
@Controller
class DeadlinePage {

	static final List<String> STATUSES = List.of("FAILED", "PENDING", "FIRED", "CANCELLED");

	private final DeadlineRepository deadlines;

	DeadlinePage(DeadlineRepository deadlines) {
		this.deadlines = deadlines;
	}

	@GetMapping("/admin/deadlines")
	String page(@RequestParam(defaultValue = "FAILED") String status, Model model) {
		String shown = STATUSES.contains(status) ? status : "FAILED";
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("status", shown);
		model.addAttribute("items", deadlines.findByStatus(shown, 200));
		return "admin/deadlines";
	}
}
