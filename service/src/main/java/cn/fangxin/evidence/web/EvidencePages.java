package cn.fangxin.evidence.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.evidence.internal.Checkpoints;
import cn.fangxin.evidence.internal.LogKeys;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.WorkingDayCalendar;

/** Evidence in the web UI: upload a screenshot or a chat export, see it in the log; the log's public page. */
@Controller
class EvidencePages {

	private final EvidenceVault vault;
	private final Checkpoints checkpoints;
	private final LogKeys keys;

	EvidencePages(EvidenceVault vault, Checkpoints checkpoints, LogKeys keys) {
		this.vault = vault;
		this.checkpoints = checkpoints;
		this.keys = keys;
	}

	@GetMapping("/evidence")
	String upload(@RequestParam(required = false) String orderId, Caller caller, Model model) {
		model.addAttribute("orderId", orderId);
		return upload(caller, model);
	}

	/** The upload form, and below it the caller's own records (the latest hundred). */
	private String upload(Caller caller, Model model) {
		model.addAttribute("kinds", Arrays.stream(EvidenceKind.values()).filter(EvidenceKind::uploadable).toList());
		model.addAttribute("mine", vault.mine(caller, null, 100));
		model.addAttribute("choices", vault.choicesFor(caller));
		return "evidence/upload";
	}

	@PostMapping("/evidence")
	String upload(@RequestParam(required = false) MultipartFile file, @RequestParam String kind,
			@RequestParam(required = false) String orderId, @RequestParam(required = false) String occurredAt,
			Caller caller, Model model, RedirectAttributes redirect) {
		try {
			if (file == null || file.isEmpty()) {
				throw ApiProblem.invalidField("file", "FILE_REQUIRED", "choose a file");
			}
			EvidenceKind evidenceKind = Arrays.stream(EvidenceKind.values())
				.filter(k -> k.name().equals(kind))
				.findFirst()
				.orElse(null);
			var recorded = vault.upload(caller, evidenceKind, file.getInputStream(), occurred(occurredAt),
					orderId == null || orderId.isBlank() ? null : orderId.strip(), null, List.of());
			redirect.addFlashAttribute("flash", "evidence.recorded");
			return "redirect:/evidence/" + recorded.id();
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			model.addAttribute("orderId", orderId);
			return upload(caller, model);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@GetMapping("/evidence/{id}")
	String show(@PathVariable String id, Caller caller, Model model) {
		model.addAttribute("evidence", vault.get(caller, id));
		model.addAttribute("checkpoint", checkpoints.latest().orElse(null));
		return "evidence/show";
	}

	/** The record's bytes for a signed-in party or staff (the API's twin takes a bearer token, a browser has a session). */
	@GetMapping("/evidence/{id}/content")
	org.springframework.http.ResponseEntity<org.springframework.core.io.InputStreamResource> content(@PathVariable String id,
			Caller caller) {
		EvidenceVault.Content content = vault.content(caller, id);
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.parseMediaType(content.view().mediaType()))
			.contentLength(content.view().size())
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "\"")
			.header("X-Content-SHA256", content.view().sha256())
			.header("X-Content-Type-Options", "nosniff")
			.body(new org.springframework.core.io.InputStreamResource(content.stream()));
	}

	@GetMapping("/public/log")
	String log(Model model) {
		model.addAttribute("checkpoint", checkpoints.latest().orElse(null));
		model.addAttribute("verifierKey", keys.verifierKey());
		model.addAttribute("origin", keys.origin());
		return "evidence/log";
	}

	/** A local date-time typed in the browser, in Beijing time. */
	private static java.time.Instant occurred(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text).atZone(WorkingDayCalendar.ZONE).toInstant();
		}
		catch (DateTimeParseException e) {
			throw ApiProblem.invalidField("occurredAt", "INSTANT_INVALID", "a date and time");
		}
	}
}
