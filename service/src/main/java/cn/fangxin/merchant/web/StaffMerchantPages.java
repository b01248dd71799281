package cn.fangxin.merchant.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.platform.ApiProblem;

/** Staff's review desk: the queue, a registration in full (audited), approve or reject with a reason. */
@Controller
class StaffMerchantPages {

	private final Merchants merchants;
	private final cn.fangxin.merchant.MerchantWithdrawals withdrawals;

	StaffMerchantPages(Merchants merchants, cn.fangxin.merchant.MerchantWithdrawals withdrawals) {
		this.merchants = merchants;
		this.withdrawals = withdrawals;
	}

	@GetMapping("/staff/merchants")
	String queue(Caller caller, Model model) {
		model.addAttribute("queue", merchants.reviewQueue(caller, 200));
		return "staff/merchants";
	}

	@GetMapping("/staff/merchants/{id}")
	String detail(@PathVariable String id, Caller caller, Model model) {
		model.addAttribute("merchant", merchants.get(caller, id));
		model.addAttribute("history", merchants.history(caller, id));
		model.addAttribute("balance", merchants.balance(caller, id));
		model.addAttribute("overview", withdrawals.overview(caller, id));
		model.addAttribute("stuck", withdrawals.stuck(caller, id));
		return "staff/merchant";
	}

	@PostMapping("/staff/merchants/{id}/withdrawals/{withdrawalId}/resend")
	String resendWithdrawal(@PathVariable String id, @PathVariable String withdrawalId, Caller caller,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash",
				withdrawals.resend(caller, id, withdrawalId) ? "withdrawal.resent" : "withdrawal.sentAlready");
		return "redirect:/staff/merchants/" + id;
	}

		@PostMapping("/staff/merchants/{id}/review")
	String review(@PathVariable String id, @RequestParam String decision, @RequestParam(required = false) String reason,
			Caller caller, RedirectAttributes redirect) {
		try {
			merchants.review(caller, id, decision, reason);
			redirect.addFlashAttribute("flash", "APPROVE".equals(decision) ? "review.approved" : "review.rejected");
			return "redirect:/staff/merchants";
		}
		catch (ApiProblem problem) {
			redirect.addFlashAttribute("problem", problem);
			return "redirect:/staff/merchants/" + id;
		}
	}
}
