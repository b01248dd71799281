package cn.fangxin.account.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Accounts;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Consents;
import cn.fangxin.account.NewAccount;
import cn.fangxin.account.Role;
import cn.fangxin.account.internal.SignUp;
import cn.fangxin.platform.ApiProblem;

/** Sign-in, sign-up, the account page and the administrators' account list. */
@Controller
class AccountPages {

	private final Accounts accounts;
	private final SignUp signUp;
	private final boolean demo;

	AccountPages(Accounts accounts, SignUp signUp,
			@org.springframework.beans.factory.annotation.Value("${fangxin.demo:false}") boolean demo) {
		this.accounts = accounts;
		this.signUp = signUp;
		this.demo = demo;
	}

	/** Sign-in; on a demo server it names the demo accounts (never in production, which has none). */
	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("demo", demo);
		return "login";
	}

	@GetMapping("/register")
	String register(Model model) {
		model.addAttribute("form", new SignUpForm("", "", "", "", "CONSUMER", null));
		model.addAttribute("roles", Role.SELF_SERVICE);
		return "register";
	}

	@PostMapping("/register")
	String register(@ModelAttribute("form") SignUpForm form, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			Role role = Role.SELF_SERVICE.stream().filter(r -> r.name().equals(form.role())).findFirst().orElse(Role.CONSUMER);
			if (form.acceptPrivacyNotice() == null) {
				throw ApiProblem.invalidField("acceptPrivacyNotice", "REQUIRED", "read and accept the privacy notice");
			}
			signUp.open(new NewAccount(form.username(), form.password(), role, form.phone(), form.displayName(),
					Consents.Channel.WEB), null, request.getRemoteAddr());
			redirect.addAttribute("registered", "");
			return "redirect:/login";
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			model.addAttribute("roles", Role.SELF_SERVICE);
			return "register";
		}
	}

	@GetMapping("/account")
	String account(Caller caller, Model model) {
		model.addAttribute("account", accounts.find(caller.id()).orElseThrow());
		return "account";
	}

	@GetMapping("/admin/accounts")
	String adminAccounts(Model model) {
		model.addAttribute("accounts", accounts.list(null, 200));
		model.addAttribute("form", new SignUpForm("", "", "", "", "AGENT", null));
		model.addAttribute("roles", List.of(Role.values()));
		return "admin/accounts";
	}

	@PostMapping("/admin/accounts")
	String createAccount(@ModelAttribute("form") SignUpForm form, Caller caller, HttpServletRequest request,
			Model model, RedirectAttributes redirect) {
		try {
			Role role = java.util.Arrays.stream(Role.values())
				.filter(r -> r.name().equals(form.role()))
				.findFirst()
				.orElseThrow(() -> ApiProblem.invalidField("role", "ROLE_INVALID", "choose a role"));
			var created = signUp.open(new NewAccount(form.username(), form.password(), role, form.phone(),
					form.displayName()), caller, request.getRemoteAddr());
			redirect.addFlashAttribute("created", created.username());
			return "redirect:/admin/accounts";
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			model.addAttribute("accounts", accounts.list(null, 200));
			model.addAttribute("roles", List.of(Role.values()));
			return "admin/accounts";
		}
	}

	record SignUpForm(String username, String password, String displayName, String phone, String role,
			String acceptPrivacyNotice) {
	}
}
