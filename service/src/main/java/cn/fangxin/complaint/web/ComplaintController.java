package cn.fangxin.complaint.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import cn.fangxin.account.Caller;
import cn.fangxin.complaint.ComplaintPolicy;
import cn.fangxin.complaint.ComplaintRequest;
import cn.fangxin.complaint.ComplaintStatistics;
import cn.fangxin.complaint.ComplaintTriage;
import cn.fangxin.complaint.ComplaintView;
import cn.fangxin.complaint.Complaints;
import cn.fangxin.evidence.EvidenceBundles;
import cn.fangxin.merchant.Merchants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md "Complaints", plus evidence, withdrawal, seller identity, court judgment, policy and statistics. */
@RestController
@Tag(name = "Complaints")
class ComplaintController {

	private final Complaints complaints;
	private final ComplaintStatistics statistics;
	private final ComplaintPolicy policy;
	private final EvidenceBundles bundles;
	private final ComplaintTriage triage;

	ComplaintController(Complaints complaints, ComplaintStatistics statistics, ComplaintPolicy policy,
			EvidenceBundles bundles, ComplaintTriage triage) {
		this.triage = triage;
		this.complaints = complaints;
		this.statistics = statistics;
		this.policy = policy;
		this.bundles = bundles;
	}

	@PostMapping("/api/v1/complaints")
	@Operation(summary = "File a complaint (CONSUMER; staff with onBehalfOf)",
			description = "400 VALIDATION_FAILED; 404 MERCHANT_NOT_FOUND, ORDER_NOT_FOUND; 422 ORDER_NOT_OF_MERCHANT, "
					+ "EVIDENCE_NOT_FOUND, LISTING_NOT_IN_ORDER.")
	ResponseEntity<ComplaintView> file(@RequestBody ComplaintRequest body, Caller caller) {
		ComplaintView created = complaints.file(caller, body);
		return ResponseEntity.created(URI.create("/api/v1/complaints/" + created.id())).body(created);
	}

	@PostMapping("/api/v1/complaints/triage")
	@Operation(summary = "Triage a complaint text (any signed-in user): category with confidence, channel, checklist, "
			+ "legal basis, statutory compensation and a letter draft", description = "400 VALIDATION_FAILED.")
	ComplaintTriage.TriageView triage(@RequestBody ComplaintTriage.TriageRequest body, Caller caller) {
		return triage.triage(caller, body);
	}

	@PostMapping("/api/v1/complaints/{id}/category")
	@Operation(summary = "Staff correct a complaint's category (kept for retraining triage)")
	ComplaintView correct(@PathVariable String id, @RequestBody CategoryBody body, Caller caller) {
		return complaints.correctCategory(caller, id, body.category(), body.reason());
	}

	@GetMapping("/api/v1/admin/triage")
	@Operation(summary = "The triage model in force and its figures on the held-out evaluation split (ADMIN)")
	Map<String, Object> triageModel(Caller caller) {
		caller.requireRole(cn.fangxin.account.Role.ADMIN);
		return Map.of("model", triage.info(), "evaluation", triage.evaluate());
	}

	@PostMapping("/api/v1/admin/triage/retraining")
	@Operation(summary = "Retrain triage on the corpus and staff corrections (ADMIN)")
	ComplaintTriage.ModelInfo retrain(Caller caller) {
		return triage.retrain(caller);
	}

	@GetMapping("/api/v1/complaints")
	@Operation(summary = "A consumer's complaints, a merchant's inbox, staff queues (queue=arbitration|alerts)")
	Items list(@RequestParam(required = false) String queue, @RequestParam(defaultValue = "50") int limit,
			Caller caller) {
		return new Items(complaints.list(caller, queue, limit));
	}

	@GetMapping("/api/v1/complaints/{id}")
	ComplaintView get(@PathVariable String id, Caller caller) {
		return complaints.get(caller, id);
	}

	@PostMapping("/api/v1/complaints/{id}/evidence")
	@Operation(summary = "A party or staff adds evidence from the vault", description = "422 EVIDENCE_NOT_FOUND.")
	ComplaintView attach(@PathVariable String id, @RequestBody EvidenceBody body, Caller caller) {
		return complaints.attach(caller, id, body.evidenceIds());
	}

	@PostMapping("/api/v1/complaints/{id}/responses")
	@Operation(summary = "The merchant answers, optionally with an offer", description = "→ NEGOTIATING; 409 "
			+ "COMPLAINT_NOT_OPEN; 422 OFFER_NEEDS_ORDER, AMOUNT_EXCEEDS_PAID.")
	ComplaintView respond(@PathVariable String id, @RequestBody ResponseBody body, Caller caller) {
		return complaints.respond(caller, id, body.message(), body.offer());
	}

	@PostMapping("/api/v1/complaints/{id}/acceptance")
	@Operation(summary = "The consumer accepts (an offer is carried out by the ledger)", description = "→ RESOLVED")
	ComplaintView accept(@PathVariable String id, @RequestBody AcceptBody body, Caller caller) {
		return complaints.accept(caller, id, body.accept(), body.offer());
	}

	@PostMapping("/api/v1/complaints/{id}/escalation")
	@Operation(summary = "The consumer takes the complaint to the next tier")
	ComplaintView escalate(@PathVariable String id, @RequestBody(required = false) ReasonBody body, Caller caller) {
		return complaints.escalate(caller, id, body == null ? null : body.reason());
	}

	@PostMapping("/api/v1/complaints/{id}/withdrawal")
	@Operation(summary = "The consumer withdraws the complaint")
	ComplaintView withdraw(@PathVariable String id, Caller caller) {
		return complaints.withdraw(caller, id);
	}

	@PostMapping("/api/v1/complaints/{id}/arbitration-decision")
	@Operation(summary = "An arbitrator decides; money moves at once",
			description = "403 not an arbitrator; 409 COMPLAINT_NOT_IN_ARBITRATION, APPEAL_NEEDS_OTHER_ARBITRATOR.")
	ComplaintView decide(@PathVariable String id, @RequestBody Complaints.DecisionBody body, Caller caller) {
		return complaints.decide(caller, id, body);
	}

	@PostMapping("/api/v1/complaints/{id}/appeal")
	@Operation(summary = "A party appeals within 7 days; a different arbitrator reviews",
			description = "409 NOT_DECIDED, ALREADY_APPEALED; 422 APPEAL_WINDOW_CLOSED.")
	ComplaintView appeal(@PathVariable String id, @RequestBody ReasonBody body, Caller caller) {
		return complaints.appeal(caller, id, body.reason());
	}

	@PostMapping("/api/v1/complaints/{id}/referral")
	@Operation(summary = "Refer to 12315 or court (the consumer, staff)", description = "409 ALREADY_REFERRED, "
			+ "COMPLAINT_CLOSED.")
	ResponseEntity<Map<String, String>> refer(@PathVariable String id, @RequestBody ReferralBody body, Caller caller) {
		String referralId = complaints.referral(caller, id, body.to());
		return ResponseEntity.status(201).body(Map.of("referralId", referralId));
	}

	@GetMapping("/api/v1/complaints/{id}/seller-identity")
	@Operation(summary = "The seller's real name, address and contact (CRPL art. 44), at arbitration or beyond; audited",
			description = "409 SELLER_IDENTITY_NOT_DUE.")
	Merchants.SellerIdentity sellerIdentity(@PathVariable String id, Caller caller) {
		return complaints.sellerIdentity(caller, id);
	}

	@GetMapping(path = "/api/v1/complaints/{id}/bundle", produces = "application/zip")
	@Operation(summary = "The evidence bundle with the complaint and referral packages (ZIP)")
	ResponseEntity<StreamingResponseBody> bundle(@PathVariable String id, Caller caller) {
		var bundle = complaints.bundle(caller, id, bundles);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fangxin-complaint-" + id + ".zip\"")
			.body(bundle::writeTo);
	}

	@PostMapping("/api/v1/complaints/{id}/court-judgment")
	@Operation(summary = "Staff record the court's judgment on a complaint referred to court")
	ComplaintView courtJudgment(@PathVariable String id, @RequestBody JudgmentBody body, Caller caller) {
		return complaints.courtJudgment(caller, id, body.summary());
	}

	@GetMapping("/api/v1/complaints/policy")
	@Operation(summary = "The deadline policy table in force, with sources")
	List<ComplaintPolicy.Row> policy() {
		return policy.table();
	}

	@GetMapping("/api/v1/complaints/statistics")
	@Operation(summary = "Counts and resolution rates by tier, category and channel; deadlines met; median time")
	ComplaintStatistics.Statistics statistics(Caller caller) {
		return statistics.statistics(caller);
	}

	@GetMapping("/api/v1/regulator/complaints")
	@Operation(summary = "The regulator's inbox: complaints referred to 12315 or from it")
	Items regulatorInbox(@RequestParam(defaultValue = "100") int limit, Caller caller) {
		caller.requireRole(cn.fangxin.account.Role.REGULATOR);
		return new Items(complaints.list(caller, null, limit));
	}

	@PostMapping("/api/v1/regulator/complaints/{id}/acceptance")
	@Operation(summary = "The regulator accepts a referral (mediation starts) or not (SAMR Order 20 art. 14)")
	ComplaintView regulatorAcceptance(@PathVariable String id, @RequestBody AcceptanceBody body, Caller caller) {
		return complaints.regulatorAcceptance(caller, id, body.accepted(), body.note());
	}

	@PostMapping("/api/v1/regulator/complaints/{id}/mediation-result")
	@Operation(summary = "The regulator reports the mediation: an agreement (carried out by the ledger) or none",
			description = "refundFen and compensationFen are the totals agreed for the complaint; what was paid through it "
					+ "before counts towards them.")
	ComplaintView mediation(@PathVariable String id, @RequestBody MediationBody body, Caller caller) {
		return complaints.mediationResult(caller, id, body.agreement(), body.refundFen(), body.compensationFen(),
				body.note());
	}

	@GetMapping("/api/v1/regulator/collective-cases")
	@Operation(summary = "Collective cases: 5 or more consumers against one shop in one category within 30 days")
	Map<String, Object> collectiveCases(@RequestParam(defaultValue = "100") int limit, Caller caller) {
		return Map.of("items", complaints.collectiveCases(caller, limit));
	}

	record Items(List<ComplaintView> items) {
	}

	record EvidenceBody(List<String> evidenceIds) {
	}

	record ResponseBody(String message, Complaints.OfferBody offer) {
	}

	/** {@code offer}: the offer the consumer read; when given and the shop changed it since, 409 OFFER_CHANGED. */
	record AcceptBody(Boolean accept, Complaints.OfferBody offer) {
	}

	record ReasonBody(String reason) {
	}

	record ReferralBody(String to) {
	}

	record CategoryBody(String category, String reason) {
	}

	record JudgmentBody(String summary) {
	}

	record AcceptanceBody(Boolean accepted, String note) {
	}

	record MediationBody(Boolean agreement, Long refundFen, Long compensationFen, String note) {
	}
}
