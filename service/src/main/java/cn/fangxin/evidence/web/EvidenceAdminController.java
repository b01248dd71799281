package cn.fangxin.evidence.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.fangxin.evidence.internal.EvidenceAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The vault's self-audit, for administrators. */
@RestController
@Tag(name = "Evidence")
class EvidenceAdminController {

	private final EvidenceAudit audit;

	EvidenceAdminController(EvidenceAudit audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/admin/evidence/audit")
	@Operation(summary = "Re-hashes every blob and recomputes the tree against the stored nodes and signed checkpoints")
	EvidenceAudit.Report audit() {
		return audit.run();
	}
}
