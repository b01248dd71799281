package cn.fangxin.rights.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.rights.PersonalDataCopy;
import cn.fangxin.rights.PersonalDataRights;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/** The page "My personal data": the own copy to download, and erasure; and the public privacy notice. */
@Controller
class PersonalDataPage {

	private final PersonalDataRights rights;
	private final ObjectMapper json;

	PersonalDataPage(PersonalDataRights rights, ObjectMapper json) {
		this.rights = rights;
		this.json = json;
	}

	@GetMapping("/me/privacy")
	String page(Caller caller, Model model) {
		model.addAttribute("blockers", rights.blockers(caller));
		model.addAttribute("consents", rights.consents(caller));
		model.addAttribute("consumer", caller.role() == cn.fangxin.account.Role.CONSUMER);
		return "rights/privacy";
	}

	/** The copy as a file to keep (the same document as the API's). */
	@GetMapping("/me/privacy/copy.json")
	ResponseEntity<byte[]> download(Caller caller) {
		PersonalDataCopy copy = rights.copy(caller);
		byte[] body = json.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(copy);
		String day = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Asia/Shanghai")).format(copy.generatedAt());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("fangxin-personal-data-" + day + ".json").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	/** Erases the account; on success the session ends and the sign-in page says so. */
	@PostMapping("/me/privacy/erasure")
	String erase(Caller caller, @RequestParam(required = false) String password,
			@RequestParam(required = false) String understood, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			if (understood == null) {
				throw ApiProblem.invalidField("understood", "REQUIRED", "confirm that you understand what is erased");
			}
			rights.erase(caller, password);
		}
		catch (ApiProblem problem) {
			redirect.addFlashAttribute("problem", problem);
			return "redirect:/me/privacy";
		}
		SecurityContextHolder.clearContext();
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		return "redirect:/login?erased";
	}

	/** The privacy notice: what is collected, why, who receives it, how long it is kept, and the rights over it. */
	@GetMapping("/public/privacy")
	String notice(Model model) {
		model.addAttribute("noticeVersion", cn.fangxin.account.Consents.NOTICE_VERSION);
		return "rights/notice";
	}
}
