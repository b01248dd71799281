package cn.fangxin.ledger.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.fangxin.ledger.Ledger;

/** The ledger for administrators: the invariant check and the trial balance by kind. */
@Controller
class LedgerPage {

	private final Ledger ledger;

	LedgerPage(Ledger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/admin/ledger")
	String page(Model model) {
		model.addAttribute("verification", ledger.verify());
		model.addAttribute("trial", ledger.trialBalance(null, 200));
		return "admin/ledger";
	}
}
