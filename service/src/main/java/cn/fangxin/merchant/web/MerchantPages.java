package cn.fangxin.merchant.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.merchant.Category;
import cn.fangxin.merchant.MerchantApplication;
import cn.fangxin.merchant.MerchantView;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PageActions;

/** The merchant's console: apply, see the review, change the registration, re-verify, pay the deposit. */
@Controller
class MerchantPages {

	private final Merchants merchants;
	private final cn.fangxin.merchant.MerchantClosure closure;

	MerchantPages(Merchants merchants, cn.fangxin.merchant.MerchantClosure closure) {
		this.merchants = merchants;
		this.closure = closure;
	}

	@GetMapping("/merchant")
	String console(Caller caller, Model model) {
		var mine = merchants.mine(caller);
		if (mine.isEmpty()) {
			model.addAttribute("form", ApplicationForm.empty());
			model.addAttribute("categories", Category.codes());
			return "merchant/apply";
		}
		MerchantView merchant = mine.get();
		model.addAttribute("merchant", merchant);
		model.addAttribute("balance", merchants.balance(caller, merchant.id()));
		model.addAttribute("notices", merchants.notices(caller, merchant.id()));
		model.addAttribute("closure", closure.closure(caller, merchant.id()));
		return "merchant/console";
	}

	@PostMapping("/merchant/apply")
	String apply(@ModelAttribute("form") ApplicationForm form, Caller caller, Model model, RedirectAttributes redirect) {
		try {
			merchants.apply(caller, form.toApplication(), cn.fangxin.account.Consents.Channel.WEB);
			redirect.addFlashAttribute("flash", "merchant.applied");
			return "redirect:/merchant";
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			model.addAttribute("categories", Category.codes());
			return "merchant/apply";
		}
	}

	@GetMapping("/merchant/registration")
	String registration(Caller caller, Model model) {
		MerchantView merchant = mine(merchants, caller);
		model.addAttribute("merchant", merchant);
		model.addAttribute("form", ApplicationForm.changesOf(merchant));
		model.addAttribute("categories", Category.codes());
		return "merchant/registration";
	}

	@PostMapping("/merchant/registration")
	String change(@ModelAttribute("form") ApplicationForm form, Caller caller, Model model, RedirectAttributes redirect) {
		MerchantView merchant = mine(merchants, caller);
		try {
			merchants.change(caller, merchant.id(), form.toChanges());
			redirect.addFlashAttribute("flash", "merchant.changed");
			return "redirect:/merchant";
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			model.addAttribute("merchant", merchant);
			model.addAttribute("categories", Category.codes());
			return "merchant/registration";
		}
	}

	@PostMapping("/merchant/reverification")
	String reverify(Caller caller, RedirectAttributes redirect) {
		MerchantView merchant = mine(merchants, caller);
		return PageActions.act("/merchant", redirect, "merchant.reverificationSubmitted",
				() -> merchants.reverify(caller, merchant.id()));
	}

	@PostMapping("/merchant/deposit")
	String deposit(@RequestParam String amountYuan, @RequestParam(required = false) String formId, Caller caller,
			RedirectAttributes redirect) {
		MerchantView merchant = mine(merchants, caller);
		// the form's own id (drawn when the page was rendered): a double click or a resent form pays once
		String requestId = formId != null && formId.matches("[A-Za-z0-9]{16,30}") ? formId : null;
		return PageActions.act("/merchant", redirect, "merchant.depositPaid",
				() -> merchants.topUpDeposit(caller, merchant.id(), yuanToFen(amountYuan), requestId));
	}

	@PostMapping("/merchant/closure")
	String close(@RequestParam(required = false) String confirm, Caller caller, RedirectAttributes redirect) {
		MerchantView merchant = mine(merchants, caller);
		if (!"yes".equals(confirm)) {
			redirect.addFlashAttribute("problem", ApiProblem.invalidField("confirm", "CLOSURE_NOT_CONFIRMED",
					"tick the box to confirm that the shop closes for good"));
			return "redirect:/merchant";
		}
		try {
			// a shop that never sold closes at once; one that did announces it and closes after the notice
			redirect.addFlashAttribute("flash",
					closure.close(caller, merchant.id()).closed() ? "merchant.closedAtOnce" : "merchant.closing");
		}
		catch (ApiProblem problem) {
			redirect.addFlashAttribute("problem", problem);
		}
		return "redirect:/merchant";
	}

	@PostMapping("/merchant/closure/withdrawal")
	String withdrawClosure(Caller caller, RedirectAttributes redirect) {
		MerchantView merchant = mine(merchants, caller);
		return PageActions.act("/merchant", redirect, "merchant.closureWithdrawn",
				() -> closure.withdraw(caller, merchant.id()));
	}

	/** The caller's own shop, for the shop's pages; 404 for an account without one. */
	static MerchantView mine(Merchants merchants, Caller caller) {
		return merchants.mine(caller).orElseThrow(() -> ApiProblem.notFound("MERCHANT_NOT_FOUND", "-"));
	}

	/** Yuan as typed ("1000", "99.5") to fen, exactly: no floating point. */
	static Money yuanToFen(String yuan) {
		return Money.parseYuan(yuan, "amountYuan");
	}

	/** The application form; on the change page blank fields mean "unchanged". */
	record ApplicationForm(String kind, String shopName, String legalName, String idNumber, String creditCode,
			String legalRepresentative, String address, String contactPhone, String licenseNumber,
			Boolean registrationExempt, List<String> categories, Boolean crossBorder, Boolean identityConsent) {

		/** Unchecked boxes are not sent at all. */
		ApplicationForm {
			registrationExempt = Boolean.TRUE.equals(registrationExempt);
			crossBorder = Boolean.TRUE.equals(crossBorder);
			identityConsent = Boolean.TRUE.equals(identityConsent);
		}

		static ApplicationForm empty() {
			return new ApplicationForm("INDIVIDUAL", "", "", "", "", "", "", "", "", false, List.of("general"), false, false);
		}

		static ApplicationForm changesOf(MerchantView m) {
			return new ApplicationForm(m.kind().name(), m.shopName(), "", "", "", "", "", "", m.licenseNumber(),
					m.registrationExempt(), m.categories(), m.crossBorder(), false);
		}

		MerchantApplication toApplication() {
			return new MerchantApplication(kind, shopName, legalName, blank(idNumber), blank(creditCode),
					blank(legalRepresentative), address, contactPhone, blank(licenseNumber), registrationExempt,
					categories == null ? List.of() : new ArrayList<>(categories), crossBorder, identityConsent);
		}

		MerchantApplication toChanges() {
			return new MerchantApplication(null, blank(shopName), blank(legalName), blank(idNumber), blank(creditCode),
					blank(legalRepresentative), blank(address), blank(contactPhone), blank(licenseNumber),
					registrationExempt, categories == null || categories.isEmpty() ? null : new ArrayList<>(categories),
					crossBorder, null);
		}

		private static String blank(String value) {
			return value == null || value.isBlank() ? null : value;
		}
	}
}
