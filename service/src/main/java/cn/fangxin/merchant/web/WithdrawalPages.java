package cn.fangxin.merchant.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.MerchantView;
import cn.fangxin.merchant.MerchantWithdrawals;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.platform.PageActions;

/** The shop's withdrawal page (提现): its bank account, the amount it may withdraw, and its withdrawals. */
@Controller
class WithdrawalPages {

	private final Merchants merchants;
	private final MerchantWithdrawals withdrawals;
	private final java.time.Clock clock;

	WithdrawalPages(Merchants merchants, MerchantWithdrawals withdrawals, java.time.Clock clock) {
		this.merchants = merchants;
		this.withdrawals = withdrawals;
		this.clock = clock;
	}

	@GetMapping("/merchant/withdrawals")
	String page(Caller caller, Model model) {
		MerchantView merchant = MerchantPages.mine(merchants, caller);
		model.addAttribute("merchant", merchant);
		model.addAttribute("overview", withdrawals.overview(caller, merchant.id()));
		model.addAttribute("now", clock.instant());
		return "merchant/withdrawals";
	}

	@PostMapping("/merchant/bank-account")
	String setBankAccount(@RequestParam(required = false) String bankName,
			@RequestParam(required = false) String accountNumber, Caller caller, RedirectAttributes redirect) {
		MerchantView merchant = MerchantPages.mine(merchants, caller);
		return PageActions.act("/merchant/withdrawals", redirect, "withdrawal.accountSaved",
				() -> withdrawals.setBankAccount(caller, merchant.id(), bankName, accountNumber));
	}

	@PostMapping("/merchant/withdrawals")
	String withdraw(@RequestParam String amountYuan, @RequestParam(required = false) String formId, Caller caller,
			RedirectAttributes redirect) {
		MerchantView merchant = MerchantPages.mine(merchants, caller);
		// the form's own id (drawn when the page was rendered): a double click or a resent form withdraws once
		String requestId = formId != null && formId.matches("[A-Za-z0-9]{16,30}") ? formId : null;
		return PageActions.act("/merchant/withdrawals", redirect, "withdrawal.requested",
				() -> withdrawals.withdraw(caller, merchant.id(), MerchantPages.yuanToFen(amountYuan), requestId));
	}

}
