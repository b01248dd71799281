package cn.fangxin.payment.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.payment.Payments;

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

	/** Sends again a refund whose sending gave up (after the scheduler's last retry). */
	@PostMapping("/staff/refunds/{id}/resend")
	String resend(@PathVariable String id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", payments.resend(id) ? "refunds.resent" : "refunds.sentAlready");
		return "redirect:/staff/refunds";
	}
}
