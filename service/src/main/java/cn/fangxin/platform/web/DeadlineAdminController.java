package cn.fangxin.platform.web;

import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.internal.DeadlineRepository;
import cn.fangxin.platform.internal.DeadlineRepository.DeadlineView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Staff's view of the deadline table, e.g. the deadlines whose handler kept failing. ADMIN only. */
@RestController
@Tag(name = "Clock")
class DeadlineAdminController {

	private static final Set<String> STATUSES = Set.of("PENDING", "FIRED", "CANCELLED", "FAILED");

	private final DeadlineRepository deadlines;

	DeadlineAdminController(DeadlineRepository deadlines) {
		this.deadlines = deadlines;
	}

	@GetMapping("/api/v1/admin/deadlines")
	@Operation(summary = "Deadlines by status, latest due first")
	Items list(@RequestParam(defaultValue = "FAILED") String status, @RequestParam(defaultValue = "50") int limit) {
		if (!STATUSES.contains(status)) {
			throw ApiProblem.invalidField("status", "PARAMETER_INVALID", "status is one of " + STATUSES);
		}
		if (limit < 1 || limit > 500) {
			throw ApiProblem.invalidField("limit", "PARAMETER_INVALID", "limit is between 1 and 500");
		}
		return new Items(deadlines.findByStatus(status, limit));
	}

	record Items(List<DeadlineView> items) {
	}
}
