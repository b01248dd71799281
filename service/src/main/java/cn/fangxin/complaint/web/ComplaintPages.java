package cn.fangxin.complaint.web;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.complaint.Channel;
import cn.fangxin.complaint.Claim;
import cn.fangxin.complaint.ComplaintCategory;
import cn.fangxin.complaint.ComplaintPolicy;
import cn.fangxin.complaint.ComplaintRequest;
import cn.fangxin.complaint.ComplaintStatistics;
import cn.fangxin.complaint.ComplaintTriage;
import cn.fangxin.complaint.ComplaintView;
import cn.fangxin.complaint.Complaints;
import cn.fangxin.complaint.OfferAction;
import cn.fangxin.complaint.Outcome;
import cn.fangxin.complaint.Sanction;
import cn.fangxin.evidence.EvidenceBundles;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Csv;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PageActions;

/**
 * The complaint pages: the consumer's wizard (category with channel advice, checklist and legal basis, claims,
 * evidence from the vault), the complaint page with its deadlines and the steps each actor may take now, the
 * merchant's inbox, the arbitration desk, the regulator's inbox with collective cases, and the statistics.
 */
@Controller
class ComplaintPages {

	private final Complaints complaints;
	private final ComplaintStatistics statistics;
	private final ComplaintPolicy policy;
	private final Orders orders;
	private final EvidenceVault vault;
	private final EvidenceBundles bundles;
	private final Clock clock;
	private final ComplaintTriage triage;
	private final org.springframework.context.MessageSource messages;

	ComplaintPages(Complaints complaints, ComplaintStatistics statistics, ComplaintPolicy policy, Orders orders,
			EvidenceVault vault, EvidenceBundles bundles, Clock clock, ComplaintTriage triage,
			org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.triage = triage;
		this.complaints = complaints;
		this.statistics = statistics;
		this.policy = policy;
		this.orders = orders;
		this.vault = vault;
		this.bundles = bundles;
		this.clock = clock;
	}

	/** The wizard's form. */
	record ComplaintForm(String orderId, String merchantId, String category, String channel, String text,
			List<String> claims, String amountYuan, List<String> evidenceIds, String letter) {
	}

	@GetMapping("/complaints")
	String list(Caller caller, Model model) {
		model.addAttribute("complaints", complaints.list(caller, null, 200));
		model.addAttribute("now", clock.instant());
		model.addAttribute("role", caller.role().name());
		return "complaint/list";
	}

	@GetMapping("/complaints/desk")
	String desk(Caller caller, Model model) {
		caller.requireRole(Role.ARBITRATOR, Role.AGENT, Role.ADMIN);
		model.addAttribute("complaints", complaints.list(caller, "arbitration", 200));
		model.addAttribute("alerts", complaints.list(caller, "alerts", 200));
		model.addAttribute("now", clock.instant());
		return "complaint/desk";
	}

	@GetMapping("/regulator/complaints")
	String regulator(Caller caller, Model model) {
		caller.requireRole(Role.REGULATOR);
		model.addAttribute("complaints", complaints.list(caller, null, 200));
		model.addAttribute("collectives", complaints.collectiveCases(caller, 100));
		model.addAttribute("now", clock.instant());
		return "complaint/regulator";
	}

	@GetMapping("/complaints/statistics")
	String statistics(Caller caller, Model model) {
		model.addAttribute("stats", statistics.statistics(caller));
		model.addAttribute("policy", policy.table());
		return "complaint/statistics";
	}

	/**
	 * The regulator's inbox as CSV (the latest 200 referred complaints): for its own case system. No personal data:
	 * the consumer is not named; the shop is, as on its public page.
	 */
	@GetMapping("/regulator/complaints.csv")
	org.springframework.http.ResponseEntity<byte[]> regulatorCsv(Caller caller, java.util.Locale locale) {
		caller.requireRole(Role.REGULATOR);
		java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.withZone(cn.fangxin.platform.WorkingDayCalendar.ZONE);
		List<ComplaintView> inbox = complaints.list(caller, null, 200);
		return Csv.download("referred-complaints.csv", csv -> {
			csv.printRecord(text("complaint.csv.id", locale), text("complaint.csv.filedAt", locale),
					text("field.shop", locale), text("complaint.csv.merchantId", locale), text("complaint.category", locale),
					text("complaint.csv.channel", locale), text("complaint.csv.tier", locale), text("field.status", locale),
					text("complaint.csv.amount", locale), text("complaint.collective", locale),
					text("complaint.csv.resolvedAt", locale));
			for (ComplaintView c : inbox) {
				csv.printRecord(c.id(), when.format(c.createdAt()), Csv.text(c.shopName()), c.merchantId(),
						text("complaintCategory." + c.category(), locale), text("complaintChannel." + c.channel(), locale),
						text("complaintTier." + c.tier(), locale), text("complaintStatus." + c.status(), locale),
						c.amountFen() == null ? "" : cn.fangxin.platform.Money.fen(c.amountFen()).toString().substring(1),
						c.collectiveCaseId() == null ? "" : c.collectiveCaseId(),
						c.resolvedAt() == null ? "" : when.format(c.resolvedAt()));
			}
		});
	}

	/**
	 * The statistics as CSV for the regulator's and staff's own analysis (UTF-8 with a byte-order mark for spreadsheet
	 * programs): one line per group (tier, category, channel) with its counts, then the totals.
	 */
	@GetMapping("/complaints/statistics.csv")
	org.springframework.http.ResponseEntity<byte[]> statisticsCsv(Caller caller, java.util.Locale locale) {
		ComplaintStatistics.Statistics stats = statistics.statistics(caller);
		java.util.Map<String, List<ComplaintStatistics.Group>> groups = new java.util.LinkedHashMap<>();
		groups.put("complaintTier.", stats.byTier());
		groups.put("complaintCategory.", stats.byCategory());
		groups.put("complaintChannel.", stats.byChannel());
		java.util.Map<String, String> headings = java.util.Map.of("complaintTier.", "complaint.stats.byTier",
				"complaintCategory.", "complaint.stats.byCategory", "complaintChannel.", "complaint.stats.byChannel");
		return Csv.download("complaint-statistics.csv", csv -> {
			csv.printRecord(text("complaint.csv.grouping", locale), text("complaint.csv.group", locale),
					text("complaint.total", locale), text("complaint.resolvedCount", locale), text("complaint.rate", locale),
					text("complaint.medianHours", locale));
			for (var entry : groups.entrySet()) {
				for (ComplaintStatistics.Group g : entry.getValue()) {
					csv.printRecord(text(headings.get(entry.getKey()), locale),
							messages.getMessage(entry.getKey() + g.key(), null, g.key(), locale), g.count(), g.resolved(),
							String.format(java.util.Locale.ROOT, "%.3f", g.resolutionRate()),
							g.medianHoursToResolution() == null ? "" : g.medianHoursToResolution());
				}
			}
			csv.printRecord(text("complaint.csv.all", locale), "", stats.total(), stats.resolved(),
					stats.total() == 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", (double) stats.resolved() / stats.total()),
					stats.medianHoursToResolution() == null ? "" : stats.medianHoursToResolution());
		});
	}

	private String text(String key, java.util.Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	@GetMapping("/complaints/new")
	String wizard(@RequestParam(required = false) String orderId, @RequestParam(required = false) String merchantId,
			@RequestParam(required = false) String category, Caller caller, Model model) {
		ComplaintCategory chosen = category(category);
		model.addAttribute("form", new ComplaintForm(orderId, merchantId, chosen == null ? null : chosen.name(),
				chosen == null ? null : chosen.suggestedChannel().name(), "",
				chosen == null ? List.of() : chosen.defaultClaims().stream().map(Enum::name).toList(), "", List.of(), null));
		return wizardPage(caller, orderId, chosen, model);
	}

	/**
	 * Advice for what the consumer wrote: triage suggests the category (unless the consumer chose one), the claims and
	 * a letter to the shop citing the law, which the consumer may edit before filing.
	 */
	@PostMapping("/complaints/new/advice")
	String advice(@ModelAttribute("form") ComplaintForm form, Caller caller, Model model) {
		ComplaintCategory chosen = category(form.category());
		if (form.text() == null || form.text().isBlank()) {
			model.addAttribute("problem", ApiProblem.invalidField("text", "REQUIRED", "what happened"));
			return wizardPage(caller, form.orderId(), chosen, model);
		}
		try {
			ComplaintTriage.TriageView t = triage.triage(caller, new ComplaintTriage.TriageRequest(form.text(),
					blank(form.orderId()) ? null : form.orderId(), null, form.claims()));
			ComplaintCategory category = chosen != null ? chosen : t.category();
			List<cn.fangxin.complaint.Claim> claims = form.claims() != null && !form.claims().isEmpty() ? t.claims()
					: category.defaultClaims();
			OrderView order = blank(form.orderId()) ? null : orders.get(caller, form.orderId());
			String letter = triage.letter(t.language(), category, order == null ? null : order.shopName(),
					order == null ? null : order.id(), order == null ? null : order.createdAt(), form.text(), claims,
					category.statutoryCompensation(order == null ? null : order.totalFen()).orElse(null));
			model.addAttribute("triage", t);
			model.addAttribute("form", new ComplaintForm(form.orderId(), form.merchantId(), category.name(),
					category.suggestedChannel().name(), form.text(), claims.stream().map(Enum::name).toList(),
					form.amountYuan(), form.evidenceIds(), letter));
			return wizardPage(caller, form.orderId(), category, model);
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			return wizardPage(caller, form.orderId(), chosen, model);
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	@PostMapping("/complaints")
	String file(@ModelAttribute("form") ComplaintForm form, Caller caller, Model model, RedirectAttributes redirect) {
		try {
			Long amount = form.amountYuan() == null || form.amountYuan().isBlank() ? null
					: Money.parseYuan(form.amountYuan(), "amountFen").fen();
			String merchantId = form.merchantId();
			if ((merchantId == null || merchantId.isBlank()) && form.orderId() != null && !form.orderId().isBlank()) {
				merchantId = orders.get(caller, form.orderId()).merchantId();
			}
			ComplaintView created = complaints.file(caller, new ComplaintRequest(merchantId, form.orderId(), null,
					form.channel(), form.category(), form.text(), form.claims() == null ? List.of() : form.claims(), amount,
					form.evidenceIds() == null ? List.of() : form.evidenceIds(), null, form.letter()));
			redirect.addFlashAttribute("flash", "complaint.filed");
			return "redirect:/complaints/" + created.id();
		}
		catch (ApiProblem problem) {
			model.addAttribute("problem", problem);
			return wizardPage(caller, form.orderId(), category(form.category()), model);
		}
	}

	private String wizardPage(Caller caller, String orderId, ComplaintCategory chosen, Model model) {
		caller.requireRole(Role.CONSUMER);
		OrderView order = orderId == null || orderId.isBlank() ? null : orders.get(caller, orderId);
		model.addAttribute("order", order);
		model.addAttribute("myOrders", order == null ? orders.list(caller, List.of(), null, null, 50).items() : List.of());
		model.addAttribute("evidence", order == null ? List.of() : vault.ofOrder(caller, order.id())
			.stream()
			.filter(e -> e.kind() != EvidenceKind.ORDER_SNAPSHOT && e.kind() != EvidenceKind.CASE_EVENT
					&& e.kind() != EvidenceKind.DECISION)
			.toList());
		model.addAttribute("categories", ComplaintCategory.values());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("claimValues", Claim.values());
		model.addAttribute("chosen", chosen);
		model.addAttribute("statutory", chosen == null || order == null ? null
				: chosen.statutoryCompensation(order.totalFen()).orElse(null));
		model.addAttribute("merchantDeadline", chosen == null ? null
				: policy.rowFor(ComplaintPolicy.Step.MERCHANT_RESPONSE, chosen.group()));
		return "complaint/new";
	}

	private static ComplaintCategory category(String name) {
		try {
			return name == null || name.isBlank() ? null : ComplaintCategory.valueOf(name);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	@GetMapping("/complaints/{id}")
	String show(@PathVariable String id, Caller caller, Model model) {
		ComplaintView c = complaints.get(caller, id);
		model.addAttribute("c", c);
		model.addAttribute("now", clock.instant());
		boolean consumer = caller.id().value().equals(c.consumerId());
		model.addAttribute("isConsumer", consumer);
		model.addAttribute("isMerchant", caller.role() == Role.MERCHANT && !consumer);
		model.addAttribute("isArbitrator", caller.role() == Role.ARBITRATOR);
		model.addAttribute("isRegulator", caller.role() == Role.REGULATOR);
		model.addAttribute("isStaff", caller.isStaff());
		model.addAttribute("outcomes", Outcome.values());
		model.addAttribute("sanctions", Sanction.values());
		model.addAttribute("offerActions", OfferAction.values());
		model.addAttribute("evidence", c.orderId() == null ? List.of() : vault.ofOrder(caller, c.orderId())
			.stream()
			.filter(e -> e.kind() != EvidenceKind.ORDER_SNAPSHOT && e.kind() != EvidenceKind.CASE_EVENT
					&& e.kind() != EvidenceKind.DECISION && !c.evidenceIds().contains(e.id()))
			.toList());
		model.addAttribute("records", vault.ofComplaint(caller, id));
		// what the parties attached: shown to whoever may read each record (a party's own, the order's parties, staff)
		model.addAttribute("attached", c.evidenceIds().stream().flatMap(e -> readable(caller, e).stream()).toList());
		model.addAttribute("categories", ComplaintCategory.values());
		return "complaint/show";
	}

	@GetMapping("/complaints/{id}/seller-identity")
	String identity(@PathVariable String id, Caller caller, Model model, RedirectAttributes redirect) {
		try {
			model.addAttribute("identity", complaints.sellerIdentity(caller, id));
			model.addAttribute("complaintId", id);
			return "complaint/identity";
		}
		catch (ApiProblem problem) {
			redirect.addFlashAttribute("problem", problem);
			return "redirect:/complaints/" + id;
		}
	}

	@GetMapping("/complaints/{id}/evidence-bundle")
	ResponseEntity<StreamingResponseBody> bundle(@PathVariable String id, Caller caller) {
		var bundle = complaints.bundle(caller, id, bundles);
		return ResponseEntity.ok()
			.header("Content-Disposition", "attachment; filename=\"fangxin-complaint-" + id + ".zip\"")
			.contentType(MediaType.parseMediaType("application/zip"))
			.body(bundle::writeTo);
	}

	@PostMapping("/complaints/{id}/respond")
	String respond(@PathVariable String id, @RequestParam(required = false) String message,
			@RequestParam(required = false) String offerAction, @RequestParam(required = false) String refundYuan,
			@RequestParam(required = false) String compensationYuan, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "complaint.responded", () -> {
			Complaints.OfferBody offer = offerAction == null || offerAction.isBlank() ? null
					: new Complaints.OfferBody(fen(refundYuan, "offer.refundFen"), fen(compensationYuan, "offer.compensationFen"),
							offerAction);
			return complaints.respond(caller, id, message, offer);
		}, "message", "refundYuan", "compensationYuan");
	}

	@PostMapping("/complaints/{id}/accept")
	String accept(@PathVariable String id, @RequestParam(required = false) String offerAction,
			@RequestParam(required = false) Long offerRefundFen, @RequestParam(required = false) Long offerCompensationFen,
			Caller caller, RedirectAttributes redirect) {
		// the page sends the offer it showed: a changed offer is refused rather than accepted unseen
		return act(id, redirect, "complaint.accepted", () -> complaints.accept(caller, id, true,
				new Complaints.OfferBody(offerRefundFen, offerCompensationFen, offerAction == null || offerAction.isBlank()
						? null : offerAction)));
	}

	@PostMapping("/complaints/{id}/escalate")
	String escalate(@PathVariable String id, @RequestParam(required = false) String reason, Caller caller,
			RedirectAttributes redirect) {
		return act(id, redirect, "complaint.escalated", () -> complaints.escalate(caller, id, reason));
	}

	@PostMapping("/complaints/{id}/withdraw")
	String withdraw(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "complaint.withdrawn", () -> complaints.withdraw(caller, id));
	}

	@PostMapping("/complaints/{id}/appeal")
	String appeal(@PathVariable String id, @RequestParam(required = false) String reason, Caller caller,
			RedirectAttributes redirect) {
		return act(id, redirect, "complaint.appealed", () -> complaints.appeal(caller, id, reason));
	}

	@PostMapping("/complaints/{id}/refer")
	String refer(@PathVariable String id, @RequestParam String to, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "complaint.referred", () -> complaints.referral(caller, id, to));
	}

	@PostMapping("/complaints/{id}/evidence")
	String attach(@PathVariable String id, @RequestParam(required = false) List<String> evidenceIds, Caller caller,
			RedirectAttributes redirect) {
		return act(id, redirect, "complaint.evidenceAdded", () -> complaints.attach(caller, id, evidenceIds));
	}

	@PostMapping("/complaints/{id}/decide")
	String decide(@PathVariable String id, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String refundYuan, @RequestParam(required = false) String compensationYuan,
			@RequestParam(required = false) String sanction, @RequestParam(required = false) String reasoning,
			Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "complaint.decided", () -> complaints.decide(caller, id, new Complaints.DecisionBody(
				outcome, fen(refundYuan, "refundFen"), fen(compensationYuan, "compensationFen"), sanction, reasoning)),
				"refundYuan", "compensationYuan", "reasoning");
	}

	@PostMapping("/complaints/{id}/regulator-acceptance")
	String regulatorAcceptance(@PathVariable String id, @RequestParam boolean accepted,
			@RequestParam(required = false) String note, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "complaint.regulatorAnswered",
				() -> complaints.regulatorAcceptance(caller, id, accepted, note));
	}

	@PostMapping("/complaints/{id}/mediation")
	String mediation(@PathVariable String id, @RequestParam boolean agreement,
			@RequestParam(required = false) String refundYuan, @RequestParam(required = false) String compensationYuan,
			@RequestParam(required = false) String note, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "complaint.regulatorAnswered", () -> complaints.mediationResult(caller, id, agreement,
				fen(refundYuan, "refundFen"), fen(compensationYuan, "compensationFen"), note));
	}

	@PostMapping("/complaints/{id}/category")
	String correctCategory(@PathVariable String id, @RequestParam String category,
			@RequestParam(required = false) String reason, Caller caller, RedirectAttributes redirect) {
		return act(id, redirect, "complaint.categoryCorrected", () -> complaints.correctCategory(caller, id, category, reason));
	}

	@PostMapping("/complaints/{id}/court-judgment")
	String courtJudgment(@PathVariable String id, @RequestParam(required = false) String summary, Caller caller,
			RedirectAttributes redirect) {
		return act(id, redirect, "complaint.judgmentRecorded", () -> complaints.courtJudgment(caller, id, summary));
	}

	private static Long fen(String yuan, String field) {
		return yuan == null || yuan.isBlank() ? null : Money.parseYuan(yuan, field).fen();
	}

	private static String act(String id, RedirectAttributes redirect, String done, Supplier<?> action, String... keep) {
		return PageActions.act("/complaints/" + id, redirect, done, action::get, keep);
	}

	private java.util.Optional<cn.fangxin.evidence.EvidenceView> readable(Caller caller, String evidenceId) {
		try {
			return java.util.Optional.of(vault.get(caller, evidenceId));
		}
		catch (cn.fangxin.platform.ApiProblem notReadable) {
			return java.util.Optional.empty();
		}
	}
}
