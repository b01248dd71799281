package cn.fangxin.privacy.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.fangxin.privacy.AccessAudit;

/** The access audit log as a page for administrators. */
@Controller
class AccessAuditPage {

	private final AccessAudit audit;

	AccessAuditPage(AccessAudit audit) {
		this.audit = audit;
	}

	@GetMapping("/admin/access-audit")
	String page(Model model) {
		model.addAttribute("entries", audit.entries(null, 200));
		return "admin/access-audit";
	}
}
