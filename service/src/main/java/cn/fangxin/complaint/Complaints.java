package cn.fangxin.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.complaint.ComplaintPolicy.Step;
import cn.fangxin.complaint.internal.ComplaintRepository;
import cn.fangxin.complaint.internal.ComplaintRepository.Row;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.merchant.MarkKind;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.Fields;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.WorkingDayCalendar;
import tools.jackson.databind.ObjectMapper;

import static cn.fangxin.platform.Detail.code;
import static cn.fangxin.platform.Detail.fen;
import static cn.fangxin.platform.Detail.nested;
import static cn.fangxin.platform.Detail.text;

/**
 * Complaints through their tiers. A consumer files (or staff file on the consumer's behalf) against a merchant,
 * optionally an order; the merchant has its first-response deadline, then the parties negotiate under customer
 * service's deadline; silence at either sends the complaint to platform arbitration, and so does the consumer. An
 * accepted offer, an arbitration decision and a regulator's mediated agreement are carried out by the ledger at once
 * (escrow, then the merchant's balance, then the platform pays first and recovers from the deposit). A decision may be
 * appealed within 7 days to a different arbitrator; an arbitrator's silence refers the complaint to 12315, the
 * regulator's silence or failed mediation leaves the court package. 72 hours unresolved raise the priority. Every
 * transition is a timeline entry and a {@code CASE_EVENT} evidence record; decisions are {@code DECISION} records.
 */
@Service
public class Complaints {

	/** The deadline of a complaint's current step; its payload names the step. One pending per complaint. */
	public static final String STEP_DUE = "COMPLAINT_STEP";
	public static final String PRIORITY_DUE = "COMPLAINT_PRIORITY";
	static final String NOT_FOUND = "COMPLAINT_NOT_FOUND";
	private static final List<ComplaintStatus> OPEN_ON_PLATFORM = List.of(ComplaintStatus.AWAITING_MERCHANT,
			ComplaintStatus.NEGOTIATING, ComplaintStatus.IN_ARBITRATION, ComplaintStatus.APPEALED);

	private final ComplaintRepository repository;
	private final Orders orders;
	private final Merchants merchants;
	private final EvidenceVault vault;
	private final Deadlines deadlines;
	private final WorkingDayCalendar calendar;
	private final ComplaintPolicy policy;
	private final ComplaintTriage triage;
	private final cn.fangxin.account.Accounts accounts;
	private final cn.fangxin.platform.StaffAliases aliases;
	private final ObjectMapper json;
	private final Clock clock;

	private final cn.fangxin.platform.Details details;

	Complaints(ComplaintRepository repository, Orders orders, Merchants merchants, EvidenceVault vault,
			Deadlines deadlines, WorkingDayCalendar calendar, ComplaintPolicy policy, ComplaintTriage triage,
			cn.fangxin.account.Accounts accounts, cn.fangxin.platform.Details details, ObjectMapper json,
			cn.fangxin.platform.StaffAliases aliases, Clock clock) {
		this.aliases = aliases;
		this.details = details;
		this.triage = triage;
		this.accounts = accounts;
		this.repository = repository;
		this.orders = orders;
		this.merchants = merchants;
		this.vault = vault;
		this.deadlines = deadlines;
		this.calendar = calendar;
		this.policy = policy;
		this.json = json;
		this.clock = clock;
	}

	// ---------------------------------------------------------------------------------------------------- intake

	/**
	 * Files a complaint: the consumer, or staff with {@code onBehalfOf}. 400 {@code VALIDATION_FAILED}; 404
	 * {@code MERCHANT_NOT_FOUND}, {@code ORDER_NOT_FOUND}; 422 {@code ORDER_NOT_OF_MERCHANT},
	 * {@code EVIDENCE_NOT_FOUND}, {@code LISTING_NOT_IN_ORDER}.
	 */
	@Transactional
	public ComplaintView file(Caller caller, ComplaintRequest request) {
		String consumerId;
		String enteredBy = null;
		if (caller.role() == Role.CONSUMER) {
			consumerId = caller.id().value();
		}
		else if (caller.isStaff()) {
			if (request.onBehalfOf() == null || request.onBehalfOf().isBlank()) {
				throw ApiProblem.invalidField("onBehalfOf", "REQUIRED", "staff enter a complaint for a consumer's account id");
			}
			consumerId = request.onBehalfOf().strip();
			boolean consumer = consumerId.length() <= 40 && accounts.find(new AccountId(consumerId))
				.map(a -> a.role() == Role.CONSUMER)
				.orElse(false);
			if (!consumer) {
				throw ApiProblem.invalidField("onBehalfOf", "CONSUMER_NOT_FOUND", "no consumer account with this id");
			}
			enteredBy = Orders.actorOf(caller);
		}
		else {
			throw ApiProblem.forbidden("Consumers file complaints; staff may enter one on a consumer's behalf.");
		}
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		Channel channel = request.channel() == null || request.channel().isBlank() ? Channel.PLATFORM_SERVICE
				: Fields.oneOf(Channel.class, request.channel(), "channel", errors);
		ComplaintCategory category = request.category() == null || request.category().isBlank() ? null
				: Fields.oneOf(ComplaintCategory.class, request.category(), "category", errors);
		String letter = request.letter() == null || request.letter().isBlank() ? null : request.letter().strip();
		if (letter != null && letter.length() > 6000) {
			errors.add(new ApiProblem.FieldError("letter", "LENGTH", "at most 6,000 characters"));
		}
		String text = request.text() == null ? "" : request.text().strip();
		if (text.isEmpty() || text.length() > 4000) {
			errors.add(new ApiProblem.FieldError("text", "REQUIRED", "what happened, up to 4,000 characters"));
		}
		List<Claim> claims = new ArrayList<>();
		if (request.claims() == null || request.claims().isEmpty()) {
			errors.add(new ApiProblem.FieldError("claims", "REQUIRED", "at least one of " + List.of(Claim.values())));
		}
		else {
			for (String c : request.claims()) {
				Claim claim = Fields.oneOf(Claim.class, c, "claims", errors);
				if (claim != null && !claims.contains(claim)) {
					claims.add(claim);
				}
			}
		}
		if (request.amountFen() != null && (request.amountFen() < 0 || request.amountFen() > 100_000_000_00L)) {
			errors.add(new ApiProblem.FieldError("amountFen", "AMOUNT_INVALID", "0 or more fen"));
		}
		if (request.merchantId() == null || request.merchantId().isBlank()) {
			errors.add(new ApiProblem.FieldError("merchantId", "REQUIRED", "the shop complained about"));
		}
		List<String> evidenceIds = Fields.evidenceIds(request.evidenceIds(), "evidenceIds", errors);
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The complaint is not complete.", errors);
		}
		String merchantId = request.merchantId().strip();
		if (merchants.accountOf(merchantId).isEmpty()) {
			throw ApiProblem.notFound("MERCHANT_NOT_FOUND", "No such shop.");
		}
		String orderId = blankToNull(request.orderId());
		String listingId = blankToNull(request.listingId());
		if (listingId != null && listingId.length() > 40) {
			throw ApiProblem.invalidField("listingId", "LISTING_ID_INVALID", "a listing id");
		}
		Long priceFen = null;
		if (orderId != null) {
			OrderView order = orders.view(orderId);
			if (!order.consumerId().equals(consumerId)) {
				throw ApiProblem.notFound("ORDER_NOT_FOUND", "No such order.");
			}
			if (!order.merchantId().equals(merchantId)) {
				throw ApiProblem.rule("ORDER_NOT_OF_MERCHANT", "This order was bought from another shop.");
			}
			if (listingId != null) {
				String wanted = listingId;
				OrderView.Item item = order.items()
					.stream()
					.filter(i -> i.listingId().equals(wanted))
					.findFirst()
					.orElseThrow(() -> ApiProblem.rule("LISTING_NOT_IN_ORDER", "This listing is not part of the order."));
				priceFen = item.unitPriceFen() * item.quantity();
			}
			else {
				priceFen = order.totalFen();
				if (order.items().size() == 1) {
					listingId = order.items().get(0).listingId();
				}
			}
		}
		Caller reader = caller.role() == Role.CONSUMER ? caller : new Caller(new AccountId(consumerId), "consumer", Role.CONSUMER);
		for (String evidenceId : evidenceIds) {
			requireUsable(caller.isStaff() ? caller : reader, evidenceId, orderId, null, consumerId);
		}
		Instant now = clock.instant();
		String id = Ids.next("cpl");
		String source = "CONSUMER";
		Double confidence = null;
		if (category == null) {
			// the consumer left the category to us: triage reads the text (issue 9)
			ComplaintTriage.Classification c = triage.classify(text);
			category = c.category();
			confidence = c.confidence();
			source = "TRIAGE";
		}
		repository.insert(new Row(id, consumerId, merchantId, orderId, listingId, channel, category, Tier.PLATFORM_SERVICE,
				ComplaintStatus.AWAITING_MERCHANT, "NORMAL", text, claims.stream().map(Enum::name).toList(),
				request.amountFen(), priceFen, evidenceIds, enteredBy, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, 0, 0, null, null, null, now, source, confidence, letter));
		String actor = enteredBy != null ? enteredBy : "CONSUMER";
		Detail filed = confidence != null
				? Detail.of("complaintDetail.filedByTriage", code("complaintChannel", channel),
						code("complaintCategory", category), text(String.valueOf(confidence)))
				: Detail.of("complaintDetail.filed", code("complaintChannel", channel), code("complaintCategory", category));
		repository.event(id, now, "FILED", actor, Tier.PLATFORM_SERVICE,
				enteredBy != null ? Detail.of("complaintDetail.enteredForConsumer", nested(filed)) : filed);
		Row row = repository.find(id).orElseThrow();
		setStep(row, Step.MERCHANT_RESPONSE, now, ComplaintStatus.AWAITING_MERCHANT, Tier.PLATFORM_SERVICE);
		deadlines.schedule(PRIORITY_DUE, id, now.plus(policy.priorityMark()));
		record(id, "FILED", Map.of("channel", channel.name(), "category", category.name(), "claims", claims,
				"evidenceIds", evidenceIds, "orderId", orderId == null ? "" : orderId, "merchantId", merchantId));
		collective(repository.find(id).orElseThrow(), now);
		if (orderId != null) {
			// after the other complaints' rows (collective): complaint rows before the order's, as a decision takes them
			orders.hold(orderId, id, Detail.of("holdReason.complaint", code("complaintCategory", category)), actor);
		}
		return view(id);
	}

	/** Adds evidence to a complaint (a party, staff). 409 {@code COMPLAINT_CLOSED}; 422 {@code EVIDENCE_NOT_FOUND}. */
	@Transactional
	public ComplaintView attach(Caller caller, String id, List<String> evidenceIds) {
		Row row = lockVisible(caller, id);
		if (!isConsumer(caller, row) && !isMerchant(caller, row) && !caller.isStaff()) {
			throw ApiProblem.forbidden("The parties and staff add evidence.");
		}
		if (row.status() == ComplaintStatus.RESOLVED || row.status() == ComplaintStatus.WITHDRAWN) {
			throw ApiProblem.conflict("COMPLAINT_CLOSED", "This complaint is " + row.status() + ".");
		}
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		List<String> more = Fields.evidenceIds(evidenceIds, "evidenceIds", errors);
		if (!errors.isEmpty() || more.isEmpty()) {
			throw ApiProblem.invalidField("evidenceIds", "EVIDENCE_IDS_INVALID", "1 to 20 evidence ids");
		}
		for (String evidenceId : more) {
			requireUsable(caller, evidenceId, row.orderId(), row.id(), row.consumerId());
		}
		List<String> all = new ArrayList<>(row.evidenceIds());
		more.stream().filter(e -> !all.contains(e)).forEach(all::add);
		if (all.size() > 30) {
			throw ApiProblem.rule("TOO_MUCH_EVIDENCE", "At most 30 evidence records per complaint.");
		}
		Instant now = clock.instant();
		repository.update(id, row.status(), now, Map.of("evidence_ids", String.join(",", all)));
		repository.event(id, now, "EVIDENCE_ADDED", actorOf(caller, row), row.tier(),
				Detail.words(String.join(", ", more)));
		record(id, "EVIDENCE_ADDED", Map.of("evidenceIds", more, "by", actorOf(caller, row)));
		return view(id);
	}

	// ---------------------------------------------------------------------------------------------------- negotiation

	/**
	 * The merchant answers, optionally with an offer. AWAITING_MERCHANT or NEGOTIATING become NEGOTIATING; during
	 * arbitration an offer is recorded and the consumer may still accept it. 409 {@code COMPLAINT_NOT_OPEN}; 422
	 * {@code OFFER_NEEDS_ORDER}, {@code AMOUNT_EXCEEDS_PAID}.
	 */
	@Transactional
	public ComplaintView respond(Caller caller, String id, String message, OfferBody offer) {
		Row row = lockAs(caller, id, Party.MERCHANT);
		if (row.status() == ComplaintStatus.AWAITING_MERCHANT && !clock.instant().isBefore(row.dueAt())) {
			stepDue(id, Step.MERCHANT_RESPONSE); // the 48 hours are over: arbitration, whatever the scheduler's timing
			row = repository.lock(id).orElseThrow();
		}
		if (row.status() != ComplaintStatus.AWAITING_MERCHANT && row.status() != ComplaintStatus.NEGOTIATING
				&& row.status() != ComplaintStatus.IN_ARBITRATION) {
			throw ApiProblem.conflict("COMPLAINT_NOT_OPEN", "This complaint is " + row.status() + ".");
		}
		String text = message == null ? "" : message.strip();
		if (text.isEmpty() || text.length() > 2000) {
			throw ApiProblem.invalidField("message", "REQUIRED", "the answer, up to 2,000 characters");
		}
		Instant now = clock.instant();
		Map<String, Object> fields = new LinkedHashMap<>();
		Detail detail = Detail.words(text);
		if (offer != null) {
			OfferAction action = Fields.oneOf(OfferAction.class, offer.action(), "offer.action");
			long refund = offer.refundFen() == null ? 0 : offer.refundFen();
			long compensation = offer.compensationFen() == null ? 0 : offer.compensationFen();
			if (refund < 0 || compensation < 0) {
				throw ApiProblem.invalidField("offer.refundFen", "AMOUNT_INVALID", "amounts are 0 or more fen");
			}
			requirePayable(row, refund, compensation);
			long recoverable = merchants.recoverableFen(row.merchantId());
			if (compensation > recoverable) {
				// the platform pays first and recovers from the shop: an offer beyond what it can recover is not the shop's
				throw ApiProblem.rule("OFFER_NOT_FUNDED", "Compensation offered must be covered by your balance and deposit ("
						+ recoverable + " fen now).").with("recoverableFen", recoverable);
			}
			fields.put("offer_refund_fen", refund);
			fields.put("offer_compensation_fen", compensation);
			fields.put("offer_action", action.name());
			fields.put("offer_message", text);
			detail = Detail.of("complaintDetail.offer", code("offerAction", action), fen(refund), fen(compensation),
					Detail.text(text));
		}
		if (row.firstResponseAt() == null) {
			fields.put("first_response_at", now);
		}
		ComplaintStatus next = row.status() == ComplaintStatus.IN_ARBITRATION ? ComplaintStatus.IN_ARBITRATION
				: ComplaintStatus.NEGOTIATING;
		repository.update(id, next, now, fields);
		repository.event(id, now, offer != null ? "OFFER" : "RESPONSE", "MERCHANT", row.tier(), detail);
		record(id, offer != null ? "OFFER" : "RESPONSE", offer == null ? Map.of() : Map.of("refundFen",
				fields.get("offer_refund_fen"), "compensationFen", fields.get("offer_compensation_fen"), "action",
				fields.get("offer_action")));
		if (row.status() == ComplaintStatus.AWAITING_MERCHANT) {
			repository.deadlineClosed(id, Step.MERCHANT_RESPONSE.name(), now, true);
			setStep(repository.find(id).orElseThrow(), Step.NEGOTIATION, now, ComplaintStatus.NEGOTIATING,
					Tier.PLATFORM_SERVICE);
		}
		return view(id);
	}

	/**
	 * An offer's amounts.
	 *
	 * @param refundFen refunded of the order's payment
	 * @param compensationFen paid on top
	 * @param action what else the shop does
	 */
	public record OfferBody(Long refundFen, Long compensationFen, String action) {
	}

	/**
	 * The consumer accepts: the merchant's offer when there is one (carried out by the ledger at once), otherwise the
	 * matter as settled. 400 {@code ACCEPT_REQUIRED} for anything but {@code true}; 409 {@code COMPLAINT_NOT_OPEN}.
	 */
	@Transactional
	public ComplaintView accept(Caller caller, String id, Boolean accept, OfferBody seen) {
		if (!Boolean.TRUE.equals(accept)) {
			throw ApiProblem.invalidField("accept", "ACCEPT_REQUIRED", "accept: true; to go on, escalate instead");
		}
		Row row = lockAs(caller, id, Party.CONSUMER);
		if (!OPEN_ON_PLATFORM.contains(row.status()) || row.status() == ComplaintStatus.APPEALED) {
			throw ApiProblem.conflict("COMPLAINT_NOT_OPEN", "There is nothing to accept: the complaint is " + row.status() + ".");
		}
		if (seen != null && !sameOffer(row, seen)) {
			throw ApiProblem.conflict("OFFER_CHANGED", "The shop changed its offer since you read it; read it again.");
		}
		if (row.hasOffer() && row.orderId() != null) {
			orders.lock(row.orderId()); // the order before the shop's balances, as every order path takes them
		}
		// locked: two consumers accepting offers of one shop at once must not both count the same balance
		if (row.hasOffer() && row.offerCompensationFen() > merchants.lockedRecoverableFen(row.merchantId())) {
			throw ApiProblem.conflict("OFFER_NOT_FUNDED",
					"The shop can no longer fund the compensation it offered; escalate to arbitration instead.");
		}
		Instant now = clock.instant();
		String resolution = "SETTLED";
		if (row.hasOffer()) {
			payOut(row, row.offerRefundFen(), row.offerCompensationFen(), "offer", "CONSUMER",
					Detail.of("refundReason.acceptedOffer"));
			resolution = "OFFER_ACCEPTED";
		}
		repository.event(id, now, "ACCEPTED", "CONSUMER", row.tier(),
				Detail.of(row.hasOffer() ? "complaintDetail.acceptedOffer" : "complaintDetail.settled"));
		resolve(repository.lock(id).orElseThrow(), ComplaintStatus.RESOLVED, resolution, "CONSUMER", true);
		return view(id);
	}

	/** Whether the offer the consumer read is the one in force (amounts and action; none read when none is made). */
	private static boolean sameOffer(Row row, OfferBody seen) {
		if (!row.hasOffer()) {
			return seen.action() == null && (seen.refundFen() == null || seen.refundFen() == 0)
					&& (seen.compensationFen() == null || seen.compensationFen() == 0);
		}
		return row.offerAction().equals(seen.action()) && row.offerRefundFen() == (seen.refundFen() == null ? 0 : seen.refundFen())
				&& row.offerCompensationFen() == (seen.compensationFen() == null ? 0 : seen.compensationFen());
	}

	/**
	 * The consumer takes the complaint to the next tier: from the platform's customer service to arbitration; from
	 * arbitration or a decision to 12315; from 12315 to court. 409 {@code COMPLAINT_CLOSED}.
	 */
	@Transactional
	public ComplaintView escalate(Caller caller, String id, String reason) {
		Row row = lockAs(caller, id, Party.CONSUMER);
		String why = reason == null ? "" : reason.strip();
		if (why.length() > 1000) {
			throw ApiProblem.invalidField("reason", "LENGTH", "at most 1,000 characters");
		}
		if (row.status() == ComplaintStatus.RESOLVED || row.status() == ComplaintStatus.WITHDRAWN) {
			throw ApiProblem.conflict("COMPLAINT_CLOSED", "This complaint is " + row.status() + ".");
		}
		Tier next = row.tier() == Tier.PLATFORM_SERVICE ? Tier.PLATFORM_ARBITRATION : row.tier().next();
		if ("COURT_JUDGMENT".equals(row.resolution())
				|| repository.referrals(id).stream().anyMatch(r -> r.destination() == next)) {
			throw ApiProblem.conflict("ALREADY_REFERRED", "This complaint was before " + next + " already.");
		}
		switch (row.tier()) {
			case PLATFORM_SERVICE -> toArbitration(row, "CONSUMER", "ESCALATED", byConsumer(why));
			case PLATFORM_ARBITRATION -> refer(row, Tier.REGULATOR_12315, "CONSUMER", byConsumer(why));
			case REGULATOR_12315 -> refer(row, Tier.COURT, "CONSUMER", byConsumer(why));
			case COURT -> throw ApiProblem.conflict("COMPLAINT_AT_TOP_TIER", "Court is the last tier.");
		}
		return view(id);
	}

	/** The consumer withdraws the complaint. 409 {@code COMPLAINT_CLOSED}. */
	@Transactional
	public ComplaintView withdraw(Caller caller, String id) {
		Row row = lockAs(caller, id, Party.CONSUMER);
		if (row.status().over()) {
			throw ApiProblem.conflict("COMPLAINT_CLOSED", "This complaint is " + row.status() + ".");
		}
		repository.event(id, clock.instant(), "WITHDRAWN", "CONSUMER", row.tier(), null);
		resolve(row, ComplaintStatus.WITHDRAWN, "WITHDRAWN", "CONSUMER", false);
		return view(id);
	}

	// ---------------------------------------------------------------------------------------------------- arbitration

	/**
	 * An arbitrator decides a complaint in arbitration, or an appeal (then a different arbitrator from the first
	 * decision). Money moves at once. 403 for non-arbitrators; 409 {@code COMPLAINT_NOT_IN_ARBITRATION},
	 * {@code APPEAL_NEEDS_OTHER_ARBITRATOR}; 422 {@code OFFER_NEEDS_ORDER}, {@code AMOUNT_EXCEEDS_PAID}.
	 */
	@Transactional
	public ComplaintView decide(Caller caller, String id, DecisionBody body) {
		caller.requireRole(Role.ARBITRATOR);
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such complaint."));
		boolean appeal = row.status() == ComplaintStatus.APPEALED;
		if (row.status() != ComplaintStatus.IN_ARBITRATION && !appeal) {
			throw ApiProblem.conflict("COMPLAINT_NOT_IN_ARBITRATION", "This complaint is " + row.status() + ".");
		}
		if (appeal && caller.id().value().equals(row.decidedBy())) {
			throw ApiProblem.conflict("APPEAL_NEEDS_OTHER_ARBITRATOR",
					"You decided this complaint; a different arbitrator reviews the appeal.");
		}
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		Outcome outcome = Fields.oneOf(Outcome.class, body.outcome(), "outcome", errors);
		Sanction sanction = body.sanction() == null || body.sanction().isBlank() ? null
				: Fields.oneOf(Sanction.class, body.sanction(), "sanction", errors);
		long refund = body.refundFen() == null ? 0 : body.refundFen();
		long compensation = body.compensationFen() == null ? 0 : body.compensationFen();
		String reasoning = body.reasoning() == null ? "" : body.reasoning().strip();
		if (reasoning.isEmpty() || reasoning.length() > 4000) {
			errors.add(new ApiProblem.FieldError("reasoning", "REQUIRED", "the reasoning, up to 4,000 characters"));
		}
		if (refund < 0 || compensation < 0) {
			errors.add(new ApiProblem.FieldError("refundFen", "AMOUNT_INVALID", "amounts are 0 or more fen"));
		}
		if (outcome == Outcome.MERCHANT_WINS && (refund > 0 || compensation > 0)) {
			errors.add(new ApiProblem.FieldError("outcome", "OUTCOME_AMOUNTS",
					"MERCHANT_WINS awards nothing; use SPLIT for a partial award"));
		}
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The decision is not complete.", errors);
		}
		requirePayable(row, refund, compensation);
		Instant now = clock.instant();
		Step step = appeal ? Step.APPEAL_DECISION : Step.ARBITRATION_DECISION;
		repository.deadlineClosed(id, step.name(), now, true);
		Instant appealBy = appeal ? null : policy.rowFor(Step.APPEAL_WINDOW, row.category().group()).dueFrom(now, calendar);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("decided_by", caller.id().value());
		fields.put("outcome", outcome.name());
		fields.put("decision_refund_fen", refund);
		fields.put("decision_compensation_fen", compensation);
		fields.put("sanction", sanction == null ? null : sanction.name());
		fields.put("reasoning", reasoning);
		fields.put("decided_at", now);
		fields.put("appeal_by", appealBy);
		fields.put("due_step", appeal ? null : Step.APPEAL_WINDOW.name());
		fields.put("due_at", appealBy);
		repository.update(id, ComplaintStatus.DECIDED, now, fields);
		String actor = Orders.actorOf(caller);
		repository.event(id, now, appeal ? "APPEAL_DECIDED" : "DECIDED", actor, row.tier(), sanction == null
				? Detail.of("complaintDetail.decided", code("complaintOutcome", outcome), fen(refund), fen(compensation),
						Detail.text(reasoning))
				: Detail.of("complaintDetail.decidedWithSanction", code("complaintOutcome", outcome), fen(refund),
						fen(compensation), code("complaintSanction", sanction), Detail.text(reasoning)));
		Map<String, Object> decision = new LinkedHashMap<>();
		decision.put("type", "fangxin-decision/1");
		decision.put("complaintId", id);
		decision.put("orderId", row.orderId() == null ? "" : row.orderId());
		decision.put("appeal", appeal);
		decision.put("arbitrator", caller.id().value());
		decision.put("outcome", outcome.name());
		decision.put("refundFen", refund);
		decision.put("compensationFen", compensation);
		decision.put("sanction", sanction == null ? "" : sanction.name());
		decision.put("reasoning", reasoning);
		decision.put("statutoryCompensation", row.category()
			.statutoryCompensation(row.priceFen())
			.map(s -> Map.<String, Object>of("basis", s.basis(), "amountFen", s.amountFen()))
			.orElse(Map.of()));
		decision.put("at", now.toString());
		vault.recordSystem(EvidenceKind.DECISION, json.writeValueAsString(decision).getBytes(StandardCharsets.UTF_8),
				"application/json", row.orderId(), id, parties(row));
		Row decided = repository.lock(id).orElseThrow();
		payOut(decided, refund, compensation, appeal ? "appeal" : "decision", actor,
				Detail.of("refundReason.arbitration", code("complaintOutcome", outcome)));
		if (sanction != null) {
			merchants.sanction(row.merchantId(), sanction == Sanction.SUSPEND ? MarkKind.ARBITRATION_SUSPENSION
					: MarkKind.ARBITRATION_WARNING, id, reasoning.length() > 300 ? reasoning.substring(0, 300) : reasoning);
		}
		if (appeal) {
			// the appeal's decision is final on the platform; 12315 and court remain open to the consumer
			resolve(repository.lock(id).orElseThrow(), ComplaintStatus.CLOSED, "APPEAL_DECIDED", actor, true);
		}
		else {
			repository.deadlineSet(id, Step.APPEAL_WINDOW.name(), appealBy);
			deadlines.cancelNotDue(STEP_DUE, id); // the decision's own deadline
			deadlines.schedule(STEP_DUE, id, appealBy, Step.APPEAL_WINDOW.name());
		}
		return view(id);
	}

	/**
	 * A decision.
	 *
	 * @param outcome CONSUMER_WINS, MERCHANT_WINS or SPLIT
	 * @param refundFen the refund of the order's payment (in total, for the complaint)
	 * @param compensationFen compensation on top (in total)
	 * @param sanction WARNING or SUSPEND, optional
	 * @param reasoning why
	 */
	public record DecisionBody(String outcome, Long refundFen, Long compensationFen, String sanction, String reasoning) {
	}

	/**
	 * A party appeals a decision within its window; a different arbitrator reviews it. 409 {@code NOT_DECIDED},
	 * {@code ALREADY_APPEALED}; 422 {@code APPEAL_WINDOW_CLOSED}.
	 */
	@Transactional
	public ComplaintView appeal(Caller caller, String id, String reason) {
		Row row = lockVisible(caller, id);
		boolean consumer = isConsumer(caller, row);
		if (!consumer && !isMerchant(caller, row)) {
			throw ApiProblem.forbidden("The parties appeal.");
		}
		if (row.appealedBy() != null) {
			throw ApiProblem.conflict("ALREADY_APPEALED", "This decision was appealed already.");
		}
		if (row.status() != ComplaintStatus.DECIDED) {
			throw ApiProblem.conflict("NOT_DECIDED", "There is no decision to appeal.");
		}
		Instant now = clock.instant();
		if (!now.isBefore(row.appealBy())) {
			throw ApiProblem.rule("APPEAL_WINDOW_CLOSED", "The 7 days to appeal ended at " + row.appealBy() + ".");
		}
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > 2000) {
			throw ApiProblem.invalidField("reason", "REQUIRED", "why the decision is wrong, up to 2,000 characters");
		}
		String party = consumer ? "CONSUMER" : "MERCHANT";
		repository.deadlineClosed(id, Step.APPEAL_WINDOW.name(), now, true);
		repository.update(id, ComplaintStatus.APPEALED, now, Map.of("appealed_by", party));
		repository.event(id, now, "APPEALED", party, row.tier(), Detail.words(why));
		record(id, "APPEALED", Map.of("by", party));
		setStep(repository.find(id).orElseThrow(), Step.APPEAL_DECISION, now, ComplaintStatus.APPEALED,
				Tier.PLATFORM_ARBITRATION);
		return view(id);
	}

	/**
	 * Staff correct a complaint's category (AGENT, ARBITRATOR, ADMIN); the text with the old and new category is kept
	 * for retraining triage. 409 {@code COMPLAINT_CLOSED}.
	 */
	@Transactional
	public ComplaintView correctCategory(Caller caller, String id, String category, String reason) {
		caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such complaint."));
		ComplaintCategory to = Fields.oneOf(ComplaintCategory.class, category, "category");
		String why = reason == null ? "" : reason.strip();
		if (why.length() > 500) {
			throw ApiProblem.invalidField("reason", "LENGTH", "at most 500 characters");
		}
		if (row.status() == ComplaintStatus.RESOLVED || row.status() == ComplaintStatus.WITHDRAWN) {
			throw ApiProblem.conflict("COMPLAINT_CLOSED", "This complaint is " + row.status() + ".");
		}
		if (to == row.category()) {
			return view(id);
		}
		Instant now = clock.instant();
		String actor = Orders.actorOf(caller);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("category", to.name());
		fields.put("category_source", "STAFF");
		repository.update(id, row.status(), now, fields);
		repository.event(id, now, "CATEGORY_CORRECTED", actor, row.tier(), why.isEmpty()
				? Detail.of("complaintDetail.categoryCorrected", code("complaintCategory", row.category()),
						code("complaintCategory", to))
				: Detail.of("complaintDetail.categoryCorrectedBecause", code("complaintCategory", row.category()),
						code("complaintCategory", to), text(why)));
		record(id, "CATEGORY_CORRECTED", Map.of("from", row.category().name(), "to", to.name()));
		triage.recordCorrection(id, row.text(), row.category(), to, actor);
		return view(id);
	}

	// ---------------------------------------------------------------------------------------------------- identity

	/**
	 * The seller's real name, address and contact for the consumer of a complaint that claims them and has reached
	 * arbitration or beyond (CRPL art. 44); staff may always look. Audited. 409 {@code SELLER_IDENTITY_NOT_DUE}.
	 */
	@Transactional
	public Merchants.SellerIdentity sellerIdentity(Caller caller, String id) {
		Row row = lockVisible(caller, id);
		if (!isConsumer(caller, row) && !caller.isStaff() && caller.role() != Role.REGULATOR) {
			throw ApiProblem.forbidden("The seller's identity is given to the complaining consumer.");
		}
		if (isConsumer(caller, row)) {
			identityRefusal(row).ifPresent(reason -> {
				throw ApiProblem.conflict("SELLER_IDENTITY_NOT_DUE", reason);
			});
		}
		Merchants.SellerIdentity identity = merchants.discloseIdentity(caller, row.merchantId(),
				Detail.of("auditPurpose.sellerIdentity", text(id)));
		Instant now = clock.instant();
		String actor = actorOf(caller, row);
		repository.event(id, now, "SELLER_IDENTITY_DISCLOSED", actor, row.tier(),
				Detail.of("complaintDetail.disclosedTo", code("actor", actor)));
		record(id, "SELLER_IDENTITY_DISCLOSED", Map.of("to", actor));
		return identity;
	}

	// ---------------------------------------------------------------------------------------------------- referrals

	/**
	 * Refers the complaint to 12315 or court (the consumer, staff): the package and evidence bundle are at
	 * {@code /bundle}. 409 {@code COMPLAINT_CLOSED}, {@code ALREADY_REFERRED}.
	 */
	@Transactional
	public String referral(Caller caller, String id, String to) {
		Row row = lockVisible(caller, id);
		if (!isConsumer(caller, row) && !caller.isStaff()) {
			throw ApiProblem.forbidden("The consumer or staff refer a complaint.");
		}
		Tier destination = "REGULATOR_12315".equals(to) ? Tier.REGULATOR_12315 : "COURT".equals(to) ? Tier.COURT : null;
		if (destination == null) {
			throw ApiProblem.invalidField("to", "TO_INVALID", "REGULATOR_12315 or COURT");
		}
		if (row.status() == ComplaintStatus.RESOLVED || row.status() == ComplaintStatus.WITHDRAWN
				|| "COURT_JUDGMENT".equals(row.resolution())) {
			throw ApiProblem.conflict("COMPLAINT_CLOSED", "This complaint is " + row.status() + ".");
		}
		if (repository.referrals(id).stream().anyMatch(r -> r.destination() == destination)) {
			throw ApiProblem.conflict("ALREADY_REFERRED", "This complaint was referred there already.");
		}
		return refer(row, destination, actorOf(caller, row),
				Detail.of("complaintDetail.referredBy", code("actor", actorOf(caller, row))));
	}

	/**
	 * The regulator decides whether to accept a referred complaint (SAMR Order 20 art. 14). Accepted: mediation
	 * starts (45 working days). Not accepted: the complaint is closed on this tier; court remains. 409
	 * {@code REFERRAL_NOT_PENDING}.
	 */
	@Transactional
	public ComplaintView regulatorAcceptance(Caller caller, String id, Boolean accepted, String note) {
		caller.requireRole(Role.REGULATOR);
		Row row = regulatorRow(id);
		ComplaintRepository.Referral referral = pendingReferral(id, "AWAITING_ACCEPTANCE");
		Instant now = clock.instant();
		String text = note == null || note.isBlank() ? null : note.strip();
		if (text != null && text.length() > 2000) {
			throw ApiProblem.invalidField("note", "LENGTH", "at most 2,000 characters");
		}
		repository.deadlineClosed(id, Step.REGULATOR_ACCEPTANCE.name(), now, true);
		if (Boolean.TRUE.equals(accepted)) {
			Instant mediateBy = policy.rowFor(Step.REGULATOR_MEDIATION, row.category().group()).dueFrom(now, calendar);
			repository.updateReferral(referral.id(), "MEDIATING", now, mediateBy, null, text);
			repository.event(id, now, "REGULATOR_ACCEPTED", "REGULATOR", Tier.REGULATOR_12315, Detail.words(text));
			record(id, "REGULATOR_ACCEPTED", Map.of());
			setStep(row, Step.REGULATOR_MEDIATION, now, ComplaintStatus.REFERRED, Tier.REGULATOR_12315);
		}
		else if (Boolean.FALSE.equals(accepted)) {
			repository.updateReferral(referral.id(), "NOT_ACCEPTED", null, null, now, text);
			repository.event(id, now, "REGULATOR_NOT_ACCEPTED", "REGULATOR", Tier.REGULATOR_12315, Detail.words(text));
			record(id, "REGULATOR_NOT_ACCEPTED", Map.of());
			resolve(repository.lock(id).orElseThrow(), ComplaintStatus.CLOSED, "REGULATOR_NOT_ACCEPTED", "REGULATOR", true);
		}
		else {
			throw ApiProblem.invalidField("accepted", "REQUIRED", "true or false");
		}
		return view(id);
	}

	/**
	 * The regulator reports the mediation's end: an agreement (carried out by the ledger at once) or none, which
	 * leaves court. 409 {@code REFERRAL_NOT_PENDING}.
	 */
	@Transactional
	public ComplaintView mediationResult(Caller caller, String id, Boolean agreement, Long refundFen,
			Long compensationFen, String note) {
		caller.requireRole(Role.REGULATOR);
		Row row = regulatorRow(id);
		ComplaintRepository.Referral referral = pendingReferral(id, "MEDIATING");
		if (agreement == null) {
			throw ApiProblem.invalidField("agreement", "REQUIRED", "true or false");
		}
		long refund = refundFen == null ? 0 : refundFen;
		long compensation = compensationFen == null ? 0 : compensationFen;
		if (refund < 0 || compensation < 0) {
			throw ApiProblem.invalidField("refundFen", "AMOUNT_INVALID", "amounts are 0 or more fen");
		}
		Instant now = clock.instant();
		String text = note == null || note.isBlank() ? null : note.strip();
		if (text != null && text.length() > 2000) {
			throw ApiProblem.invalidField("note", "LENGTH", "at most 2,000 characters");
		}
		repository.deadlineClosed(id, Step.REGULATOR_MEDIATION.name(), now, true);
		if (agreement) {
			requirePayable(row, Math.max(refund, row.refundedFen()), Math.max(compensation, row.compensatedFen()));
			repository.updateReferral(referral.id(), "AGREED", null, null, now, text);
			repository.event(id, now, "MEDIATION_AGREED", "REGULATOR", Tier.REGULATOR_12315, text == null
					? Detail.of("complaintDetail.agreed", fen(refund), fen(compensation))
					: Detail.of("complaintDetail.agreedBecause", fen(refund), fen(compensation), Detail.text(text)));
			record(id, "MEDIATION_AGREED", Map.of("refundFen", refund, "compensationFen", compensation));
			payOut(row, Math.max(refund, row.refundedFen()), Math.max(compensation, row.compensatedFen()), "mediation",
					"REGULATOR", Detail.of("refundReason.mediation"));
			resolve(repository.lock(id).orElseThrow(), ComplaintStatus.RESOLVED, "MEDIATION_AGREED", "REGULATOR", true);
		}
		else {
			repository.updateReferral(referral.id(), "NO_AGREEMENT", null, null, now, text);
			repository.event(id, now, "MEDIATION_FAILED", "REGULATOR", Tier.REGULATOR_12315, Detail.words(text));
			record(id, "MEDIATION_FAILED", Map.of());
			resolve(repository.lock(id).orElseThrow(), ComplaintStatus.CLOSED, "MEDIATION_FAILED", "REGULATOR", true);
		}
		return view(id);
	}

	/** Staff record a court's judgment on a complaint referred to court; the platform's part ends. */
	@Transactional
	public ComplaintView courtJudgment(Caller caller, String id, String summary) {
		caller.requireRole(Role.ARBITRATOR, Role.ADMIN);
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such complaint."));
		if (row.status() != ComplaintStatus.REFERRED || row.tier() != Tier.COURT) {
			throw ApiProblem.conflict("REFERRAL_NOT_PENDING", "This complaint is not before a court.");
		}
		ComplaintRepository.Referral referral = repository.referrals(id)
			.stream()
			.filter(r -> r.destination() == Tier.COURT && r.closedAt() == null)
			.findFirst()
			.orElseThrow(() -> ApiProblem.conflict("REFERRAL_NOT_PENDING", "No court referral is pending."));
		String text = summary == null ? "" : summary.strip();
		if (text.isEmpty() || text.length() > 2000) {
			throw ApiProblem.invalidField("summary", "REQUIRED", "the judgment's outcome, up to 2,000 characters");
		}
		Instant now = clock.instant();
		repository.deadlineClosed(id, Step.COURT_JUDGMENT.name(), now, true);
		repository.updateReferral(referral.id(), "JUDGED", null, null, now, text);
		repository.event(id, now, "COURT_JUDGMENT", Orders.actorOf(caller), Tier.COURT, Detail.words(text));
		record(id, "COURT_JUDGMENT", Map.of());
		resolve(row, ComplaintStatus.CLOSED, "COURT_JUDGMENT", Orders.actorOf(caller), true);
		return view(id);
	}

	// ---------------------------------------------------------------------------------------------------- deadlines

	/** A step's deadline fell due: silence at a tier escalates. Stale deadlines (the step moved on) do nothing. */
	@Transactional
	public void stepDue(String id, Step step) {
		Row row = repository.lock(id).orElse(null);
		if (row == null || !step.name().equals(row.dueStep()) || row.dueAt() == null
				|| clock.instant().isBefore(row.dueAt())) {
			return;
		}
		repository.deadlineClosed(id, step.name(), row.dueAt(), false);
		switch (step) {
			case MERCHANT_RESPONSE -> toArbitration(row, "SYSTEM", "MERCHANT_SILENT", Detail.of("complaintDetail.noAnswer",
					nested(policy.rowFor(step, row.category().group()).period())));
			case NEGOTIATION -> toArbitration(row, "SYSTEM", "NO_AGREEMENT", Detail.of("complaintDetail.noAgreement",
					nested(policy.rowFor(step, row.category().group()).period())));
			case ARBITRATION_DECISION, APPEAL_DECISION -> {
				repository.event(id, clock.instant(), "ARBITRATION_OVERDUE", "SYSTEM", row.tier(),
						Detail.of("complaintDetail.noDecision", nested(policy.rowFor(step, row.category().group()).period())));
				refer(row, Tier.REGULATOR_12315, "SYSTEM", Detail.of("complaintDetail.platformLate"));
			}
			case APPEAL_WINDOW -> {
				repository.event(id, clock.instant(), "DECISION_FINAL", "SYSTEM", row.tier(),
						Detail.of("complaintDetail.noAppeal", nested(policy.rowFor(Step.APPEAL_WINDOW, row.category().group()).period())));
				resolve(row, ComplaintStatus.CLOSED, "DECIDED", "SYSTEM", true);
			}
			case REGULATOR_ACCEPTANCE -> {
				pendingReferralOpt(id, "AWAITING_ACCEPTANCE")
					.ifPresent(r -> repository.updateReferral(r.id(), "NOT_ANSWERED", null, null, clock.instant(), null));
				repository.event(id, clock.instant(), "REGULATOR_SILENT", "SYSTEM", row.tier(),
						Detail.of("complaintDetail.regulatorSilent",
								nested(policy.rowFor(step, row.category().group()).period())));
				refer(row, Tier.COURT, "SYSTEM", Detail.of("complaintDetail.regulatorLate"));
			}
			case REGULATOR_MEDIATION -> {
				pendingReferralOpt(id, "MEDIATING")
					.ifPresent(r -> repository.updateReferral(r.id(), "MEDIATION_ENDED", null, null, clock.instant(), null));
				repository.event(id, clock.instant(), "MEDIATION_ENDED", "SYSTEM", row.tier(),
						Detail.of("complaintDetail.mediationEnded",
								nested(policy.rowFor(step, row.category().group()).period())));
				refer(row, Tier.COURT, "SYSTEM", Detail.of("complaintDetail.mediationLate"));
			}
			case COURT_JUDGMENT -> {
				Instant now = clock.instant();
				repository.update(id, row.status(), now, Map.of("priority", "HIGH", "due_step", "", "due_at", now));
				repository.event(id, now, "COURT_OVERDUE", "SYSTEM", row.tier(),
						Detail.of("complaintDetail.courtOverdue"));
				record(id, "COURT_OVERDUE", Map.of());
			}
		}
	}

	/** 72 hours without resolution: priority raised, staff alerted (seed 003 §3). */
	@Transactional
	public void priorityDue(String id) {
		Row row = repository.lock(id).orElse(null);
		if (row == null || !OPEN_ON_PLATFORM.contains(row.status()) || "HIGH".equals(row.priority())) {
			return;
		}
		Instant now = clock.instant();
		repository.update(id, row.status(), now, Map.of("priority", "HIGH"));
		repository.event(id, now, "PRIORITY_RAISED", "SYSTEM", row.tier(), Detail.of("complaintDetail.priorityRaised",
				text(String.valueOf(policy.priorityMark().toHours()))));
		record(id, "PRIORITY_RAISED", Map.of());
	}

	// ---------------------------------------------------------------------------------------------------- reads

	/** A complaint, for its parties, staff, and the regulator once referred there; 404 for anyone else. */
	@Transactional(readOnly = true)
	public ComplaintView get(Caller caller, String id) {
		Row row = repository.find(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such complaint."));
		requireVisible(caller, row);
		return view(id);
	}

	/** How many complaints wait for the calling shop's answer (0 for anyone else). */
	@Transactional(readOnly = true)
	public long waitingForShop(Caller caller) {
		if (caller.role() != Role.MERCHANT) {
			return 0;
		}
		return merchants.merchantOfAccount(caller.id())
			.map(m -> repository.countForMerchant(m, List.of(ComplaintStatus.AWAITING_MERCHANT.name())))
			.orElse(0L);
	}

	/**
	 * The caller's complaints: a consumer's own, a merchant's inbox (open first, by deadline), staff's queue (the
	 * arbitration desk with {@code queue=arbitration}: in arbitration and appealed, raised priority first, then by
	 * deadline; {@code queue=alerts}: raised priority), the regulator's inbox.
	 */
	@Transactional(readOnly = true)
	public List<ComplaintView> list(Caller caller, String queue, int limit) {
		int n = Math.max(1, Math.min(limit, 200));
		List<Row> rows;
		if (caller.role() == Role.CONSUMER) {
			rows = repository.listFor("consumer_id", caller.id().value(), n);
		}
		else if (caller.role() == Role.MERCHANT) {
			rows = merchants.merchantOfAccount(caller.id())
				.map(m -> repository.listFor("merchant_id", m, n))
				.orElse(List.of())
				.stream()
				// waiting for the shop first, then whatever falls due soonest, then the rest newest first
				.sorted(java.util.Comparator.comparing((Row r) -> r.status() != ComplaintStatus.AWAITING_MERCHANT)
					.thenComparing(r -> r.status().over() || r.dueAt() == null)
					.thenComparing(r -> r.dueAt() == null ? Instant.MAX : r.dueAt()))
				.toList();
		}
		else if (caller.role() == Role.REGULATOR) {
			rows = repository.forRegulator(n);
		}
		else if (caller.isStaff()) {
			rows = switch (queue == null ? "" : queue) {
				case "arbitration" -> repository.queue(List.of(ComplaintStatus.IN_ARBITRATION, ComplaintStatus.APPEALED), n);
				case "alerts" -> repository.queue(OPEN_ON_PLATFORM, n).stream().filter(r -> "HIGH".equals(r.priority())).toList();
				default -> repository.queue(List.of(ComplaintStatus.values()), n);
			};
		}
		else {
			rows = List.of();
		}
		return rows.stream().map(r -> view(r.id())).toList();
	}

	/**
	 * Stops using an erased consumer's complaint texts beyond keeping the complaints: the copies staff's corrections put
	 * into triage's retraining corpus are deleted (PIPL art. 47 ¶2: only storage while a record must be kept).
	 */
	@Transactional
	public int forgetForRetraining(cn.fangxin.account.AccountId consumer) {
		return triage.forgetCorrectionsOf(consumer.value());
	}

	/** Every complaint of a consumer, newest first: for the consumer's own copy of their data, and the erasure's check. */
	@Transactional(readOnly = true)
	public List<ComplaintView> ofConsumer(cn.fangxin.account.AccountId consumer) {
		return repository.listFor("consumer_id", consumer.value(), Integer.MAX_VALUE).stream().map(r -> view(r.id())).toList();
	}

	/** A collective case with its members, as the regulator and staff see it. */
	public record CollectiveCase(String id, String merchantId, String shopName, ComplaintCategory category,
			String listingId, Instant createdAt, long consumers, List<Member> members) {
	}

	/** A member complaint of a collective case. */
	public record Member(String complaintId, ComplaintStatus status, Tier tier, Instant filedAt) {
	}

	/** Collective cases, newest first (REGULATOR, staff). */
	@Transactional(readOnly = true)
	public List<CollectiveCase> collectiveCases(Caller caller, int limit) {
		if (caller.role() != Role.REGULATOR && !caller.isStaff()) {
			throw ApiProblem.forbidden("Collective cases are for the regulator and staff.");
		}
		return repository.collectives(Math.max(1, Math.min(limit, 200))).stream().map(c -> {
			List<Row> members = repository.members(c.id());
			return new CollectiveCase(c.id(), c.merchantId(), merchants.shopName(c.merchantId()),
					ComplaintCategory.valueOf(c.category()), c.listingId(), c.createdAt(),
					members.stream().map(Row::consumerId).distinct().count(),
					members.stream().map(m -> new Member(m.id(), m.status(), m.tier(), m.createdAt())).toList());
		}).toList();
	}

	/** The parties of a complaint, for the evidence vault. */
	@Transactional(readOnly = true)
	public Optional<Set<AccountId>> partiesOf(String id) {
		return repository.find(id).map(r -> Set.copyOf(parties(r)));
	}

	/** The referral package's documents and the complaint's bundle, for those who may see it. */
	@Transactional
	public cn.fangxin.evidence.EvidenceBundles.Bundle bundle(Caller caller, String id,
			cn.fangxin.evidence.EvidenceBundles bundles) {
		Row row = repository.find(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such complaint."));
		requireVisible(caller, row);
		Map<String, byte[]> documents = new LinkedHashMap<>();
		documents.put("complaint.json", json.writerWithDefaultPrettyPrinter()
			.writeValueAsBytes(referralPackage(caller, row, null)));
		for (ComplaintRepository.Referral r : repository.referrals(id)) {
			String name = r.destination() == Tier.COURT ? "court-package.json" : "referral-12315.json";
			documents.put(name, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(referralPackage(caller, row, r)));
		}
		if (documents.containsKey("court-package.json")) {
			documents.put("VERIFY-FOR-COURT.txt", courtInstructions(id).getBytes(StandardCharsets.UTF_8));
		}
		return bundles.complaintBundle(id, row.orderId(), row.evidenceIds(), documents);
	}

	/**
	 * The fields a 12315 submission needs (complainant, respondent with real identity, claims, facts, evidence list)
	 * — the complainant by account id (12315 asks the consumer for contact details when it contacts them: the platform
	 * does not pass the consumer's phone on without need, PIPL art. 6).
	 */
	private Map<String, Object> referralPackage(Caller caller, Row row, ComplaintRepository.Referral referral) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("format", "fangxin-referral/1");
		p.put("complaintId", row.id());
		if (referral != null) {
			p.put("referralId", referral.id());
			p.put("to", referral.destination().name());
			p.put("referredAt", referral.createdAt().toString());
		}
		p.put("complainant", Map.of("accountId", row.consumerId(), "role", "consumer"));
		Map<String, Object> respondent = new LinkedHashMap<>();
		respondent.put("merchantId", row.merchantId());
		respondent.put("shopName", merchants.shopName(row.merchantId()));
		// a referred complaint names the seller for real (CRPL art. 44), the read audited; the consumer's own copy only
		// when the identity is due to them (see boughtFromShop): the regulator and staff always see it
		boolean named = referral != null && (!isConsumer(caller, row) || identityRefusal(row).isEmpty());
		if (named) {
			Merchants.SellerIdentity identity = merchants.discloseIdentity(caller, row.merchantId(),
					Detail.of("auditPurpose.referralPackage", text(row.id())));
			respondent.put("kind", identity.kind().name());
			respondent.put("legalName", identity.legalName());
			if (identity.creditCode() != null) {
				respondent.put("creditCode", identity.creditCode());
				respondent.put("legalRepresentative", identity.legalRepresentative());
			}
			if (identity.idNumberMasked() != null) {
				respondent.put("idNumber", identity.idNumberMasked());
			}
			respondent.put("address", identity.address());
			respondent.put("contactPhone", identity.contactPhone());
			respondent.put("licenseNumber", identity.licenseNumber());
		}
		p.put("respondent", respondent);
		p.put("platform", Map.of("name", "Fangxin (放心)", "role", "e-commerce platform operator (E-Commerce Law art. 9)"));
		p.put("category", row.category().name());
		p.put("claims", row.claims());
		if (row.amountFen() != null) {
			p.put("amountClaimedFen", row.amountFen());
		}
		if (row.priceFen() != null) {
			p.put("pricePaidFen", row.priceFen());
		}
		p.put("orderId", row.orderId() == null ? "" : row.orderId());
		p.put("facts", row.text());
		p.put("legalBasis", row.category().legalBasis());
		row.category().statutoryCompensation(row.priceFen()).ifPresent(s -> p.put("statutoryCompensation", s));
		p.put("filedAt", row.createdAt().toString());
		// each event with its detail in English and, for the court and 12315, in Chinese (a row written before details
		// were kept as data has its stored English text only)
		p.put("history", repository.timeline(row.id()).stream().map(e -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("at", e.at().toString());
			entry.put("event", e.event());
			entry.put("tier", e.tier().name());
			entry.put("actor", aliases.shown(e.actor()));
			if (e.detail() != null) {
				entry.put("detail", e.detail());
			}
			if (e.data() != null) {
				entry.put("detailZh", details.render(e.data(), java.util.Locale.SIMPLIFIED_CHINESE));
			}
			return entry;
		}).toList());
		p.put("evidence", vault.forCase(row.evidenceIds(), row.id())
			.stream()
			.map(e -> Map.of("id", e.id(), "kind", e.kind().name(), "sha256", e.sha256(), "leafIndex",
					e.leafIndex() == null ? -1 : e.leafIndex(), "recordedAt", e.recordedAt().toString()))
			.toList());
		p.put("bundle", "the records listed in manifest.txt of this ZIP, each with its inclusion proof");
		return p;
	}

	private static String courtInstructions(String id) {
		return """
				投诉 %1$s 证据核验说明（供法院使用）

				1. 证据文件位于 files/ 目录，以证据编号命名；manifest.txt 列出每份证据在平台透明日志中的叶子序号，
				   以及它到已签名检查点（checkpoint.txt）的包含证明。
				2. 运行离线核验程序（无需联网，也无需信任平台）：
				     java -jar fangxin-verify.jar <本 ZIP 文件>
				   程序核验检查点的 Ed25519 签名、RFC 3161 时间戳（如有 checkpoint.tsr）、每份证据在已签名的
				   Merkle 树（RFC 9162）中的包含关系，以及每个文件的 SHA-256。
				3. 将核验程序输出的日志公钥与平台在 /api/v1/log/public-key 公布的公钥（或此前从平台取得的公钥）比对；
				   较晚检查点的一致性证明（/api/v1/log/proofs/consistency）可以证明日志此后只有追加、没有改动。
				4. court-package.json 载明当事人、诉求、事实、投诉处理经过（history，事件说明附中文 detailZh）和按编号及
				   SHA-256 列出的证据清单；投诉本身的事件和裁决是本证据包中的 CASE_EVENT 和 DECISION 记录。

				Verifying the evidence of complaint %1$s (for the court)

				1. The records are the files under files/ named by evidence id; manifest.txt lists each with its leaf index
				   in the platform's transparency log and its inclusion proof to the signed checkpoint in checkpoint.txt.
				2. Run the offline verifier (no network, no trust in the platform needed):
				     java -jar fangxin-verify.jar <this ZIP>
				   It checks the checkpoint's Ed25519 signature, the RFC 3161 time-stamp token (checkpoint.tsr) when present,
				   every record's inclusion in the signed Merkle tree (RFC 9162) and every file's SHA-256.
				3. Compare the log key printed by the verifier with the key published at /api/v1/log/public-key, or one
				   obtained earlier from the platform; a later checkpoint's consistency proof
				   (/api/v1/log/proofs/consistency) shows the log was only appended to since.
				4. court-package.json states the parties, the claims, the facts, the history of the complaint and the list
				   of evidence by id and SHA-256; the complaint's own events and decisions are CASE_EVENT and DECISION records
				   in the bundle.
				""".formatted(id);
	}

	private ComplaintView view(String id) {
		Row r = repository.find(id).orElseThrow();
		List<EvidenceView> evidence = vault.forCase(r.evidenceIds(), r.id());
		Set<String> kinds = evidence.stream().map(e -> e.kind().name()).collect(Collectors.toSet());
		if (r.orderId() != null) {
			kinds.add("ORDER_SNAPSHOT"); // the order's snapshot is in the vault already
		}
		List<ComplaintView.ChecklistEntry> checklist = r.category()
			.checklist()
			.stream()
			.map(i -> new ComplaintView.ChecklistEntry(i.kind(), i.required(), kinds.contains(i.kind())))
			.toList();
		List<ComplaintView.Deadline> due = new ArrayList<>();
		if (r.dueStep() != null && !r.dueStep().isEmpty() && r.dueAt() != null && !r.status().over()) {
			Step step = Step.valueOf(r.dueStep());
			ComplaintPolicy.Row rule = policy.rowFor(step, r.category().group());
			due.add(new ComplaintView.Deadline(step.name(), r.dueAt(), rule.actor(), rule.describe() + " — " + rule.source(),
					rule.workingDays() == null && rule.days() == null ? rule.hours() : null, rule.workingDays(), rule.days(),
					rule.sourceKey()));
		}
		ComplaintView.Offer offer = r.hasOffer() ? new ComplaintView.Offer(r.offerRefundFen(), r.offerCompensationFen(),
				OfferAction.valueOf(r.offerAction()), r.offerMessage()) : null;
		ComplaintView.Decision decision = r.outcome() == null ? null : new ComplaintView.Decision(Outcome.valueOf(r.outcome()),
				r.decisionRefundFen(), r.decisionCompensationFen(), r.sanction() == null ? null : Sanction.valueOf(r.sanction()),
				r.reasoning(), r.decidedBy(), r.decidedAt(), r.appealBy(), r.appealedBy());
		List<ComplaintView.ReferralView> referrals = repository.referrals(id)
			.stream()
			.map(x -> new ComplaintView.ReferralView(x.id(), x.destination(), x.status(), x.createdAt(), x.acceptBy(),
					x.acceptedAt(), x.mediateBy(), x.closedAt(), x.note()))
			.toList();
		return new ComplaintView(r.id(), r.status(), r.tier(), r.category(), r.channel(), r.priority(), r.consumerId(),
				r.merchantId(), merchants.shopName(r.merchantId()), r.orderId(), r.listingId(), r.text(),
				r.claims().stream().map(Claim::valueOf).toList(), r.amountFen(), r.priceFen(), r.evidenceIds(), aliases.shown(r.enteredBy()),
				r.status() == ComplaintStatus.AWAITING_MERCHANT ? r.dueAt() : null, due, checklist,
				r.category().legalBasis(), r.category().suggestedChannel(),
				r.category().statutoryCompensation(r.priceFen()).orElse(null), offer, decision, r.refundedFen(),
				r.compensatedFen(), r.resolution(), r.resolvedAt(), r.collectiveCaseId(), referrals,
				aliases.shown(repository.timeline(id), ComplaintView.Event::actor,
						(e, actor) -> new ComplaintView.Event(e.at(), e.event(), actor, e.tier(), e.detail(), e.data())),
				r.createdAt(), r.categorySource(), r.triageConfidence(), r.letter());
	}

	// ---------------------------------------------------------------------------------------------------- transitions

	private void setStep(Row row, Step step, Instant from, ComplaintStatus status, Tier tier) {
		Instant due = policy.rowFor(step, row.category().group()).dueFrom(from, calendar);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("tier", tier.name());
		fields.put("due_step", step.name());
		fields.put("due_at", due);
		repository.update(row.id(), status, from, fields);
		repository.deadlineSet(row.id(), step.name(), due);
		deadlines.cancelNotDue(STEP_DUE, row.id()); // the step it leaves
		deadlines.schedule(STEP_DUE, row.id(), due, step.name());
	}

	private static Detail byConsumer(String why) {
		return why.isEmpty() ? Detail.of("complaintDetail.byConsumer") : Detail.words(why);
	}

	private void toArbitration(Row row, String actor, String event, Detail detail) {
		Instant now = clock.instant();
		endPendingSteps(row, now);
		repository.event(row.id(), now, event, actor, row.tier(), detail);
		repository.event(row.id(), now, "TIER_CHANGED", actor, Tier.PLATFORM_ARBITRATION,
				Detail.of("complaintDetail.toTier", code("complaintTier", Tier.PLATFORM_ARBITRATION)));
		setStep(row, Step.ARBITRATION_DECISION, now, ComplaintStatus.IN_ARBITRATION, Tier.PLATFORM_ARBITRATION);
		record(row.id(), "TO_ARBITRATION", Map.of("event", event, "by", actor));
	}

	private String refer(Row row, Tier destination, String actor, Detail detail) {
		Instant now = clock.instant();
		endPendingSteps(row, now);
		closeOpenReferrals(row.id(), "SUPERSEDED", now); // a complaint is before one authority at a time
		String referralId = Ids.next("ref");
		Step step = destination == Tier.COURT ? Step.COURT_JUDGMENT : Step.REGULATOR_ACCEPTANCE;
		Instant due = policy.rowFor(step, row.category().group()).dueFrom(now, calendar);
		repository.insertReferral(new ComplaintRepository.Referral(referralId, row.id(), destination,
				destination == Tier.COURT ? "PACKAGE_READY" : "AWAITING_ACCEPTANCE", actor, now,
				destination == Tier.COURT ? null : due, null, null, null, null));
		repository.event(row.id(), now, "REFERRED", actor, destination, Detail.of("complaintDetail.referred",
				code("complaintTier", destination), text(referralId), nested(detail)));
		setStep(row, step, now, ComplaintStatus.REFERRED, destination);
		record(row.id(), "REFERRED", Map.of("to", destination.name(), "referralId", referralId, "by", actor));
		return referralId;
	}

	private void closeOpenReferrals(String id, String status, Instant now) {
		for (ComplaintRepository.Referral r : repository.referrals(id)) {
			if (r.closedAt() == null) {
				repository.updateReferral(r.id(), status, null, null, now, null);
			}
		}
	}

	/**
	 * Ends the deadlines of the step the complaint leaves (the appeal window, a negotiation) as moot. The scheduler's
	 * row is withdrawn by the next {@link #setStep}, or by {@link #resolve}.
	 */
	private void endPendingSteps(Row row, Instant now) {
		repository.deadlinesMoot(row.id(), now);
	}

	private void resolve(Row row, ComplaintStatus status, String resolution, String actor, boolean liftHold) {
		Instant now = clock.instant();
		endPendingSteps(row, now);
		// withdrawn under the complaint's lock, which is safe for deadlines not yet due (Deadlines.cancelNotDue); one due
		// within the minute is left to fire, and stepDue and priorityDue ignore a closed complaint
		deadlines.cancelNotDue(STEP_DUE, row.id());
		deadlines.cancelNotDue(PRIORITY_DUE, row.id());
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("resolution", resolution);
		fields.put("resolved_at", now);
		fields.put("due_step", null);
		fields.put("due_at", null);
		repository.update(row.id(), status, now, fields);
		closeOpenReferrals(row.id(), status == ComplaintStatus.WITHDRAWN ? "WITHDRAWN" : "CLOSED", now);
		repository.event(row.id(), now, status.name(), actor, row.tier(),
				Detail.of("detail.words", code("complaintResolution", resolution)));
		record(row.id(), status.name(), Map.of("resolution", resolution));
		if (row.orderId() != null && (liftHold || status == ComplaintStatus.WITHDRAWN)) {
			orders.liftHold(row.orderId(), row.id(), actor);
		}
	}

	/**
	 * Carries out amounts awarded or agreed (totals for the complaint): what is not yet paid of them moves now —
	 * the refund from escrow, the merchant's balance, or the platform first; compensation from the merchant's balance
	 * or the platform first, recovered from the deposit.
	 */
	private void payOut(Row row, long refundTotal, long compensationTotal, String what, String actor, Detail reason) {
		long refund = refundTotal - row.refundedFen();
		long compensation = compensationTotal - row.compensatedFen();
		Instant now = clock.instant();
		Map<String, Object> fields = new LinkedHashMap<>();
		if (refund > 0) {
			Orders.Refunded done = orders.refund(row.orderId(), "cpl-" + row.id() + "-" + what, Money.fen(refund), row.id(),
					actor, Detail.of("refundReason.complaint", text(row.id()), nested(reason)), true).orElseThrow();
			fields.put("refunded_fen", row.refundedFen() + done.amountFen());
			repository.event(row.id(), now, "REFUNDED", actor, row.tier(),
					Detail.of("detail.amountFrom", fen(done.amountFen()), code("refundSource", done.source())));
		}
		if (compensation > 0) {
			Orders.Refunded done = orders.compensate(row.orderId(), "cpl-" + row.id() + "-" + what + "-comp",
					Money.fen(compensation), row.id(), actor, Detail.of("refundReason.complaint", text(row.id()), nested(reason)));
			fields.put("compensated_fen", row.compensatedFen() + done.amountFen());
			repository.event(row.id(), now, "COMPENSATED", actor, row.tier(),
					Detail.of("detail.amountFrom", fen(done.amountFen()), code("refundSource", done.source())));
		}
		if (!fields.isEmpty()) {
			repository.update(row.id(), repository.find(row.id()).orElseThrow().status(), now, fields);
			record(row.id(), "MONEY_MOVED", Map.of("refundFen", Math.max(refund, 0), "compensationFen",
					Math.max(compensation, 0)));
		}
	}

	private void requirePayable(Row row, long refund, long compensation) {
		if ((refund > 0 || compensation > 0) && (row.orderId() == null || orders.view(row.orderId()).escrow().paidFen() <= 0)) {
			throw ApiProblem.rule("OFFER_NEEDS_ORDER", "Money moves through an order's payment; this complaint has none.");
		}
		if (refund > row.refundedFen()) {
			long left = orders.refundableFen(row.orderId());
			if (refund - row.refundedFen() > left) {
				throw ApiProblem.rule("AMOUNT_EXCEEDS_PAID", "At most " + (left + row.refundedFen())
						+ " fen of the order's payment can be refunded through this complaint.")
					.with("refundableFen", left + row.refundedFen());
			}
		}
		if (compensation > 100_000_000L) {
			throw ApiProblem.rule("AMOUNT_INVALID", "Compensation above 1,000,000 CNY goes to court.");
		}
	}

	private void collective(Row row, Instant now) {
		Instant since = now.minus(policy.collectiveWindow());
		long consumers = repository.consumersSince(row.merchantId(), row.category().name(), row.listingId(), since);
		if (consumers < policy.collectiveThreshold()) {
			return;
		}
		String caseId = repository.collectiveCase(row.merchantId(), row.category().name(), row.listingId(), since)
			.orElseGet(() -> {
				String created = Ids.next("col");
				repository.insertCollective(created, row.merchantId(), row.category().name(), row.listingId(), now);
				return created;
			});
		for (String member : repository.joinCollective(caseId, row.merchantId(), row.category().name(), row.listingId(),
				since)) {
			Row m = repository.find(member).orElseThrow();
			repository.event(member, now, "COLLECTIVE_CASE", "SYSTEM", m.tier(), Detail.of("complaintDetail.collective",
					text(caseId), text(String.valueOf(consumers)), text(String.valueOf(policy.collectiveWindow().toDays()))));
			record(member, "COLLECTIVE_CASE", Map.of("collectiveCaseId", caseId, "consumers", consumers));
		}
	}

	// ---------------------------------------------------------------------------------------------------- helpers

	private enum Party {
		CONSUMER, MERCHANT
	}

	private Row lockAs(Caller caller, String id, Party party) {
		Row row = lockVisible(caller, id);
		if (party == Party.CONSUMER ? isConsumer(caller, row) : isMerchant(caller, row)) {
			return row;
		}
		throw ApiProblem.forbidden("Only the complaint's " + party.name().toLowerCase() + " may do this.");
	}

	private Row lockVisible(Caller caller, String id) {
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such complaint."));
		requireVisible(caller, row);
		return row;
	}

	private void requireVisible(Caller caller, Row row) {
		boolean regulator = caller.role() == Role.REGULATOR
				&& (row.channel() == Channel.REGULATOR_12315 || repository.referredToRegulator(row.id()));
		if (!caller.isStaff() && !regulator && !isConsumer(caller, row) && !isMerchant(caller, row)) {
			throw ApiProblem.notFound(NOT_FOUND, "No such complaint.");
		}
	}

	private Row regulatorRow(String id) {
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such complaint."));
		if (!repository.referredToRegulator(id)) {
			throw ApiProblem.notFound(NOT_FOUND, "No such complaint.");
		}
		if (row.status() != ComplaintStatus.REFERRED || row.tier() != Tier.REGULATOR_12315) {
			throw ApiProblem.conflict("REFERRAL_NOT_PENDING", "This complaint is " + row.status() + " at " + row.tier()
					+ ", not with 12315.");
		}
		return row;
	}

	private ComplaintRepository.Referral pendingReferral(String id, String status) {
		return pendingReferralOpt(id, status).orElseThrow(() -> ApiProblem.conflict("REFERRAL_NOT_PENDING",
				"No referral to 12315 is " + status.toLowerCase().replace('_', ' ') + "."));
	}

	private Optional<ComplaintRepository.Referral> pendingReferralOpt(String id, String status) {
		return repository.referrals(id)
			.stream()
			.filter(r -> r.destination() == Tier.REGULATOR_12315 && r.status().equals(status))
			.findFirst();
	}

	/**
	 * Why the seller's identity is not (yet) due to the complaint's consumer, for {@code /seller-identity} and their copy
	 * of a referral package alike: the complaint must claim it, have left the first tier, and show a purchase.
	 * CRPL art. 44 gives the seller's identity to a consumer who bought from the shop. An order on the complaint (checked
	 * at filing to be the consumer's, with this shop) shows it; a complaint without one (a sale paid off the platform)
	 * shows it once an arbitrator has found for the consumer. Else anyone could sign up, complain about any shop and
	 * read its owner's name, address and phone.
	 */
	private static Optional<String> identityRefusal(Row row) {
		if (!row.claims().contains(Claim.DISCLOSE_SELLER_IDENTITY.name())) {
			return Optional.of("The complaint does not claim the seller's identity.");
		}
		if (row.tier() == Tier.PLATFORM_SERVICE) {
			return Optional.of("The seller's identity is given once the complaint reaches arbitration.");
		}
		if (!boughtFromShop(row)) {
			return Optional.of("Without an order with this shop, the seller's identity is given once an arbitrator has "
					+ "found for you.");
		}
		return Optional.empty();
	}

	private static boolean boughtFromShop(Row row) {
		return row.orderId() != null
				|| (row.outcome() != null && !Outcome.MERCHANT_WINS.name().equals(row.outcome()));
	}

	private static boolean isConsumer(Caller caller, Row row) {
		return caller.id().value().equals(row.consumerId());
	}

	private boolean isMerchant(Caller caller, Row row) {
		return caller.role() == Role.MERCHANT
				&& merchants.accountOf(row.merchantId()).map(caller.id()::equals).orElse(false);
	}

	private String actorOf(Caller caller, Row row) {
		return isConsumer(caller, row) ? "CONSUMER" : isMerchant(caller, row) ? "MERCHANT"
				: caller.role() == Role.REGULATOR ? "REGULATOR" : Orders.actorOf(caller);
	}

	private List<AccountId> parties(Row row) {
		List<AccountId> parties = new ArrayList<>();
		parties.add(new AccountId(row.consumerId()));
		merchants.accountOf(row.merchantId()).ifPresent(parties::add);
		return parties;
	}

	/**
	 * Evidence a complaint may carry: readable by the caller, filed under the complaint's order (or under no order and
	 * submitted by the caller or the complainant), not filed under another complaint, and not a record the system made
	 * about another case — so nobody can bring a stranger's records into a complaint (and its bundle).
	 */
	private void requireUsable(Caller caller, String evidenceId, String orderId, String complaintId, String consumerId) {
		EvidenceView evidence;
		try {
			evidence = vault.get(caller, evidenceId);
		}
		catch (ApiProblem notFound) {
			throw ApiProblem.rule("EVIDENCE_NOT_FOUND", "No evidence record " + evidenceId + " that you may use.")
				.with("field", "evidenceIds");
		}
		boolean underThisOrder = orderId != null && orderId.equals(evidence.orderId());
		boolean ownLoose = evidence.orderId() == null
				&& (caller.id().value().equals(evidence.submitter()) || consumerId.equals(evidence.submitter()));
		boolean ownCase = evidence.complaintId() == null || evidence.complaintId().equals(complaintId);
		boolean systemCase = evidence.kind() == EvidenceKind.CASE_EVENT || evidence.kind() == EvidenceKind.DECISION;
		if (!(underThisOrder || ownLoose) || !ownCase || systemCase) {
			throw ApiProblem.rule("EVIDENCE_NOT_FOUND", "Evidence " + evidenceId + " belongs to another order or case.")
				.with("field", "evidenceIds");
		}
	}

	/** A CASE_EVENT evidence record of a step, readable by both parties: ids and facts, no personal data. */
	private void record(String id, String event, Map<String, Object> facts) {
		Row row = repository.find(id).orElseThrow();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "fangxin-complaint-event/1");
		body.put("complaintId", id);
		body.put("event", event);
		body.put("tier", row.tier().name());
		body.put("status", row.status().name());
		body.put("at", clock.instant().toString());
		// the log is read by the parties, 12315 and a court: staff by their work number, never their login name
		facts.forEach((k, v) -> body.put(k, v instanceof String text ? aliases.shown(text) : v));
		vault.recordSystem(EvidenceKind.CASE_EVENT, json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8),
				"application/json", row.orderId(), id, parties(row));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
