package cn.fangxin.merchant.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.Merchants;

/**
 * The merchant registry as the regulator (and staff) read it: find a shop, read its registration and every version of
 * its file, unmasked and audited. Read only: reviews stay on staff's pages.
 */
@Controller
class RegistryPages {

	private final Merchants merchants;

	RegistryPages(Merchants merchants) {
		this.merchants = merchants;
	}

	@GetMapping("/registry")
	String search(@RequestParam(required = false) String q, Caller caller, Model model) {
		String query = q == null ? null : q.strip().substring(0, Math.min(q.strip().length(), 50));
		model.addAttribute("q", query);
		model.addAttribute("shops", merchants.registry(caller, query, 200));
		return "merchant/registry";
	}

	@GetMapping("/registry/{id}")
	String record(@PathVariable String id, Caller caller, Model model) {
		model.addAttribute("merchant", merchants.get(caller, id));
		model.addAttribute("history", merchants.history(caller, id));
		model.addAttribute("readOnly", true);
		return "staff/merchant";
	}
}
