package cn.fangxin.payment.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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
}
