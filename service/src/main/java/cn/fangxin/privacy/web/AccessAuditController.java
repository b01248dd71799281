package cn.fangxin.privacy.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.platform.ApiProblem;
import cn.fangxin.privacy.AccessAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The access audit log for administrators. */
@RestController
@Tag(name = "Privacy")
class AccessAuditController {

	private final AccessAudit audit;

	AccessAuditController(AccessAudit audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/admin/access-audit")
	@Operation(summary = "Unmasked reads of personal data by staff, newest first (ADMIN)")
	Items entries(@RequestParam(required = false) String subjectId, @RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw ApiProblem.invalidField("limit", "PARAMETER_INVALID", "limit is between 1 and 1000");
		}
		return new Items(audit.entries(subjectId, limit));
	}

	record Items(List<AccessAudit.Entry> items) {
	}
}
