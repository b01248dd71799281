package cn.fangxin.payment.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.payment.PaidByHand;
import cn.fangxin.payment.Payments;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.PageActions;

/** Refunds and payouts to follow up, for customer service and administrators (/staff/**). */
@Controller
class RefundPages {

	private final Payments payments;

	RefundPages(Payments payments) {
		this.payments = payments;
	}

	@GetMapping("/staff/refunds")
	String refunds(Model model) {
		model.addAttribute("refunds", payments.refundsToFollow(200));
		return "payment/refunds";
	}

	/** Records a refund paid by hand (in the provider's console, or by bank transfer when the provider refused it). */
	@PostMapping("/staff/refunds/{id}/paid-by-hand")
	String paidByHand(@PathVariable String id, @RequestParam(required = false) String paidVia,
			@RequestParam(required = false) String reference, Caller caller, RedirectAttributes redirect) {
		return PageActions.act("/staff/refunds", redirect, "refunds.recorded",
				() -> payments.recordPaidByHand(id, channel(paidVia), reference, caller));
	}

	static PaidByHand channel(String name) {
		try {
			return name == null || name.isBlank() ? null : PaidByHand.valueOf(name);
		}
		catch (IllegalArgumentException e) {
			throw ApiProblem.invalidField("paidVia", "CHANNEL_INVALID", "one of " + java.util.List.of(PaidByHand.values()));
		}
	}

	/** Sends again a refund whose sending gave up (after the scheduler's last retry). */
	@PostMapping("/staff/refunds/{id}/resend")
	String resend(@PathVariable String id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", payments.resend(id) ? "refunds.resent" : "refunds.sentAlready");
		return "redirect:/staff/refunds";
	}
}
