package cn.fangxin.aftersales;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.aftersales.internal.AfterSaleRepository;
import cn.fangxin.aftersales.internal.AfterSaleRepository.Row;
import cn.fangxin.catalog.ReturnExclusion;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.order.OrderStatus;
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

import static cn.fangxin.platform.Detail.at;
import static cn.fangxin.platform.Detail.code;
import static cn.fangxin.platform.Detail.fen;
import static cn.fangxin.platform.Detail.nested;
import static cn.fangxin.platform.Detail.text;

/**
 * After-sales cases. The consumer asks (refund only, return and refund, exchange); the merchant approves or rejects
 * within {@code respondWindow}, and silence approves; a rejection needs a reason, and a no-reason return may only be
 * rejected as not intact, with evidence; the consumer may escalate a rejection to staff or withdraw — no other path
 * closes a case. Returns go to the address the shop gives (its registered address when it approved by silence); the
 * shop confirms receipt, or silence counts as received; the refund follows at once from escrow, else from the shop's
 * balance, and when neither can pay by {@code refundDueBy} the platform pays first and recovers from the deposit. An
 * open case holds the order's automatic completion. Every step is a timeline event, and the request, the decision
 * and the refund are {@code CASE_EVENT} evidence.
 */
@Service
public class AfterSales {

	public static final String RESPOND_DUE = "AFTER_SALE_RESPOND";
	public static final String RECEIVE_DUE = "AFTER_SALE_RECEIVE";
	public static final String REFUND_DUE = "AFTER_SALE_REFUND";
	public static final String SHIP_RETURN_DUE = "AFTER_SALE_SHIP_RETURN";
	static final String NOT_FOUND = "AFTER_SALE_NOT_FOUND";
	private static final String NOT_INTACT = "NOT_INTACT";

	private final AfterSaleRepository repository;
	private final Orders orders;
	private final Merchants merchants;
	private final cn.fangxin.account.Accounts accounts;
	private final EvidenceVault vault;
	private final Deadlines deadlines;
	private final WorkingDayCalendar calendar;
	private final AfterSalesProperties properties;
	private final ObjectMapper json;
	private final cn.fangxin.platform.StaffAliases aliases;
	private final Clock clock;

	AfterSales(AfterSaleRepository repository, Orders orders, Merchants merchants, cn.fangxin.account.Accounts accounts,
			EvidenceVault vault, Deadlines deadlines, WorkingDayCalendar calendar, AfterSalesProperties properties,
			ObjectMapper json, cn.fangxin.platform.StaffAliases aliases, Clock clock) {
		this.aliases = aliases;
		this.accounts = accounts;
		this.repository = repository;
		this.orders = orders;
		this.merchants = merchants;
		this.vault = vault;
		this.deadlines = deadlines;
		this.calendar = calendar;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	// ---------------------------------------------------------------------------------------------------- request

	/**
	 * The consumer opens a case on an order. 400 {@code VALIDATION_FAILED}; 404 {@code ORDER_NOT_FOUND}; 409
	 * {@code ORDER_NOT_PAID}, {@code AFTER_SALE_OPEN}; 422 {@code RETURN_WINDOW_CLOSED}, {@code RETURN_EXCLUDED},
	 * {@code NOT_SHIPPED}, {@code AMOUNT_EXCEEDS_PAID}.
	 */
	@Transactional
	public AfterSaleView request(Caller caller, String orderId, AfterSaleRequest request) {
		OrderView order = orders.get(caller, orderId);
		if (!caller.id().value().equals(order.consumerId())) {
			throw ApiProblem.forbidden("Only the order's consumer asks for after-sales.");
		}
		List<ApiProblem.FieldError> errors = new ArrayList<>();
		AfterSaleType type = Fields.oneOf(AfterSaleType.class, request.type(), "type", errors);
		AfterSaleReason reason = Fields.oneOf(AfterSaleReason.class, request.reason(), "reason", errors);
		String description = request.description() == null ? "" : request.description().strip();
		if (description.isEmpty() || description.length() > 2000) {
			errors.add(new ApiProblem.FieldError("description", "REQUIRED", "what happened, up to 2,000 characters"));
		}
		List<String> evidenceIds = Fields.evidenceIds(request.evidenceIds(), "evidenceIds", errors);
		if (reason == AfterSaleReason.NO_REASON_7DAY && type == AfterSaleType.REFUND_ONLY) {
			errors.add(new ApiProblem.FieldError("type", "REASON_NEEDS_RETURN",
					"a 7-day no-reason request returns the goods: RETURN_AND_REFUND or EXCHANGE"));
		}
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not complete.", errors);
		}
		for (String evidenceId : evidenceIds) {
			requireReadable(caller, evidenceId, orderId, "evidenceIds");
		}
		orders.lock(orderId); // one case at a time per order: the checks below hold until this commits
		long left = orders.refundableFen(orderId);
		if (left <= 0 || order.status() == OrderStatus.REFUNDED || order.status() == OrderStatus.CANCELLED) {
			throw ApiProblem.conflict("ORDER_NOT_PAID", "This order has no payment to refund or exchange.");
		}
		if (!repository.openOf(orderId).isEmpty()) {
			throw ApiProblem.conflict("AFTER_SALE_OPEN", "This order already has an open after-sales case.");
		}
		if (type.hasReturn() && order.shippedAt() == null) {
			throw ApiProblem.rule("NOT_SHIPPED", "Nothing was shipped yet: cancel the order instead.");
		}
		Instant now = clock.instant();
		if (reason == AfterSaleReason.NO_REASON_7DAY) {
			requireReturnable(order, now);
		}
		// for an exchange, the value of the goods sent back: refunded only if no replacement comes
		long amount = request.amountFen() == null ? left : request.amountFen();
		if (amount < 1) {
			throw ApiProblem.invalidField("amountFen", "AMOUNT_INVALID", "a positive amount in fen");
		}
		if (amount > left) {
			throw ApiProblem.rule("AMOUNT_EXCEEDS_PAID", "At most " + left + " fen can be refunded for this order.")
				.with("refundableFen", left);
		}
		String id = Ids.next("afs");
		Instant respondBy = now.plus(properties.respondWindow());
		repository.insert(new Row(id, orderId, caller.id().value(), order.merchantId(), type, reason,
				AfterSaleStatus.REQUESTED, amount, description, evidenceIds, reason.returnShippingPayer(), respondBy, null,
				null, null, null, null, null, null, null, null, 0, null, false, now, null, null, null));
		repository.event(id, now, "REQUESTED", "CONSUMER", amount > 0
				? Detail.of("afterSaleDetail.requestedAmount", code("afterSaleType", type), code("afterSaleReason", reason),
						fen(amount))
				: Detail.of("afterSaleDetail.requested", code("afterSaleType", type), code("afterSaleReason", reason)));
		deadlines.schedule(RESPOND_DUE, id, respondBy);
		orders.hold(orderId, id, Detail.of("holdReason.afterSale", code("afterSaleType", type)), "CONSUMER");
		record(id, orderId, order.merchantId(), "REQUESTED", Map.of("type", type.name(), "reason", reason.name(),
				"amountFen", amount, "evidenceIds", evidenceIds));
		return view(id);
	}

	/** RULES.md: 7 calendar days from the day after signing; a last day on a rest day moves to the next working day. */
	private void requireReturnable(OrderView order, Instant now) {
		for (OrderView.Item item : order.items()) {
			boolean confirmedExclusion = ReturnExclusion.CONFIRMED_AT_PURCHASE.name().equals(item.exclusionReason());
			if (!item.sevenDayNoReason() && item.exclusionReason() != null
					&& (!confirmedExclusion || item.confirmedNoReturn())) {
				// CONFIRMED_AT_PURCHASE excludes only when the consumer confirmed it at checkout (recorded on the item)
				throw ApiProblem.rule("RETURN_EXCLUDED", item.title() + " is excluded from 7-day no-reason returns ("
						+ item.exclusionReason() + ", CRPL art. 25).").with("exclusionReason", item.exclusionReason());
			}
		}
		// signed for: the delivery report, or the consumer's own confirmation of receipt
		Instant signed = order.deliveredAt() != null ? order.deliveredAt() : order.completedAt();
		if (signed == null) {
			return; // the window starts the day after signing; until then a return is open
		}
		LocalDate last = lastDayOfWindow(signed);
		if (LocalDate.ofInstant(now, WorkingDayCalendar.ZONE).isAfter(last)) {
			throw ApiProblem.rule("RETURN_WINDOW_CLOSED",
					"The 7 days for a no-reason return ended on " + last + " (signed for on "
							+ LocalDate.ofInstant(signed, WorkingDayCalendar.ZONE) + ").")
				.with("lastDay", last.toString());
		}
	}

	/** The last day a no-reason return may be asked for, after delivery at {@code signedAt}. */
	public LocalDate lastDayOfWindow(Instant signedAt) {
		return calendar.extendPastRestDays(LocalDate.ofInstant(signedAt, WorkingDayCalendar.ZONE).plusDays(7));
	}

	// ---------------------------------------------------------------------------------------------------- merchant

	/**
	 * The merchant decides a REQUESTED case. APPROVE (a return needs {@code returnAddress}); REJECT needs a reason, and
	 * for a no-reason return only {@code NOT_INTACT} with evidence. 409 {@code AFTER_SALE_NOT_PENDING}; 422
	 * {@code REJECTION_NOT_ALLOWED}.
	 */
	@Transactional
	public AfterSaleView decide(Caller caller, String id, String decision, String reason, String returnAddress,
			List<String> evidenceIds) {
		Row row = lockAs(caller, id, Party.MERCHANT);
		if (row.status() == AfterSaleStatus.REQUESTED && !clock.instant().isBefore(row.respondBy())) {
			// the 48 hours are over: the silence approved it, whether or not the scheduler got there first
			respondDue(id);
			return view(id);
		}
		if (row.status() != AfterSaleStatus.REQUESTED) {
			throw ApiProblem.conflict("AFTER_SALE_NOT_PENDING", "This case is " + row.status() + ", not waiting for you.");
		}
		deadlines.cancelNotDue(RESPOND_DUE, id); // the shop decided: its silence decides nothing (undone if refused below)
		String why = reason == null ? null : reason.strip();
		if ("REJECT".equals(decision)) {
			if (why == null || why.isEmpty() || why.length() > 500) {
				throw ApiProblem.invalidField("reason", "REQUIRED", "a rejection needs a reason, up to 500 characters");
			}
			List<ApiProblem.FieldError> errors = new ArrayList<>();
			List<String> proof = Fields.evidenceIds(evidenceIds, "evidenceIds", errors);
			if (!errors.isEmpty()) {
				throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The rejection is not complete.", errors);
			}
			for (String evidenceId : proof) {
				requireReadable(caller, evidenceId, row.orderId(), "evidenceIds");
			}
			if (row.reason() == AfterSaleReason.NO_REASON_7DAY && (!NOT_INTACT.equals(why) || proof.isEmpty())) {
				throw ApiProblem.rule("REJECTION_NOT_ALLOWED", "A 7-day no-reason return may only be refused as NOT_INTACT, "
						+ "with photos of the goods as evidence (CRPL art. 25; opening to inspect is no ground).");
			}
			Instant now = clock.instant();
			repository.update(id, AfterSaleStatus.REJECTED, now,
					Map.of("rejection_reason", why, "rejection_evidence_ids", String.join(",", proof)));
			repository.event(id, now, "REJECTED", "MERCHANT", Detail.words(why));
			record(id, row.orderId(), row.merchantId(), "REJECTED", Map.of("reason", why, "evidenceIds", proof));
			// a rejected request does not hold the order; escalating holds it again
			orders.liftHold(row.orderId(), id, "MERCHANT");
			return view(id);
		}
		if (!"APPROVE".equals(decision)) {
			throw ApiProblem.invalidField("decision", "DECISION_INVALID", "APPROVE or REJECT");
		}
		String address = returnAddress == null ? null : returnAddress.strip();
		if (row.type().hasReturn() && (address == null || address.isEmpty() || address.length() > 300)) {
			throw ApiProblem.invalidField("returnAddress", "REQUIRED", "where the goods go back, up to 300 characters");
		}
		approve(row, "MERCHANT", "APPROVED", address);
		return view(id);
	}

	private void approve(Row row, String actor, String event, String returnAddress) {
		Instant now = clock.instant();
		// the address itself is personal data (often a seller's home): kept encrypted on the case, not in the timeline
		repository.event(row.id(), now, event, actor, row.type().hasReturn() ? Detail.of("afterSaleDetail.returnAddressGiven") : null);
		record(row.id(), row.orderId(), row.merchantId(), event, Map.of("actor", actor));
		if (row.type().hasReturn()) {
			repository.update(row.id(), AfterSaleStatus.APPROVED, now,
					Map.of("return_address", repository.sealAddress(returnAddress)));
			deadlines.schedule(SHIP_RETURN_DUE, row.id(), now.plus(properties.returnShipWindow()));
			return;
		}
		Instant due = now.plus(properties.refundWindow());
		repository.update(row.id(), AfterSaleStatus.APPROVED, now, Map.of("refund_due_by", due));
		if (!refund(repository.lock(row.id()).orElseThrow(), actor, false)) {
			deadlines.schedule(REFUND_DUE, row.id(), due);
		}
	}

	/** The merchant confirms the returned goods arrived; the refund follows. 409 {@code RETURN_NOT_SHIPPED}. */
	@Transactional
	public AfterSaleView confirmReturnReceipt(Caller caller, String id) {
		Row row = lockAs(caller, id, Party.MERCHANT);
		if (row.status() != AfterSaleStatus.RETURN_SHIPPED) {
			throw ApiProblem.conflict("RETURN_NOT_SHIPPED", "No return is on its way for this case.");
		}
		received(row, "MERCHANT", "RETURN_RECEIVED");
		return view(id);
	}

	private void received(Row row, String actor, String event) {
		Instant now = clock.instant();
		Instant due = now.plus(properties.refundWindow());
		repository.update(row.id(), AfterSaleStatus.RETURN_RECEIVED, now,
				Map.of("return_received_at", now, "refund_due_by", due));
		repository.event(row.id(), now, event, actor, null);
		deadlines.cancelNotDue(RECEIVE_DUE, row.id());
		if (row.type() == AfterSaleType.EXCHANGE) {
			// the shop now owes the replacement, by the same deadline a refund would have
			deadlines.schedule(REFUND_DUE, row.id(), due);
			return;
		}
		if (!refund(repository.lock(row.id()).orElseThrow(), actor, false)) {
			deadlines.schedule(REFUND_DUE, row.id(), due);
		}
	}

	/** Refunds what is left of the case from the first source that can pay; false when none could (yet). */
	private boolean refund(Row row, String actor, boolean compensate) {
		long asked = row.amountFen() - row.refundedFen();
		Optional<Orders.Refunded> done = asked <= 0 ? Optional.of(new Orders.Refunded(Orders.RefundSource.NOTHING_LEFT, 0))
				: orders.refund(row.orderId(), "afs-" + row.id(), Money.fen(asked), row.id(), actor,
						Detail.of("refundReason.afterSale", text(row.id())), compensate);
		Instant now = clock.instant();
		if (done.isEmpty()) {
			repository.event(row.id(), now, "REFUND_PENDING", "SYSTEM",
					Detail.of("afterSaleDetail.refundPending", at(row.refundDueBy())));
			return false;
		}
		Orders.Refunded refunded = done.get();
		deadlines.cancelNotDue(REFUND_DUE, row.id()); // set when an earlier attempt could not pay
		if (refunded.source() == Orders.RefundSource.NOTHING_LEFT) {
			// the order's payment went back by another path meanwhile (a late-shipment refund, a cancellation)
			repository.update(row.id(), AfterSaleStatus.REFUNDED, now, Map.of("refunded_fen", row.refundedFen()));
			repository.event(row.id(), now, "REFUNDED_ELSEWHERE", "SYSTEM", Detail.of("afterSaleDetail.refundedElsewhere"));
			orders.liftHold(row.orderId(), row.id(), actor);
			return true;
		}
		boolean compensated = refunded.source() == Orders.RefundSource.COMPENSATION_FIRST;
		repository.update(row.id(), AfterSaleStatus.REFUNDED, now, Map.of("refunded_fen",
				row.refundedFen() + refunded.amountFen(), "refund_source", refunded.source().name(),
				"compensated_by_platform", compensated));
		repository.event(row.id(), now, compensated ? "REFUNDED_BY_PLATFORM" : "REFUNDED", actor,
				Detail.of("detail.amountFrom", fen(refunded.amountFen()), code("refundSource", refunded.source())));
		record(row.id(), row.orderId(), row.merchantId(), "REFUNDED",
				Map.of("amountFen", refunded.amountFen(), "source", refunded.source().name()));
		orders.liftHold(row.orderId(), row.id(), actor);
		return true;
	}

	// ---------------------------------------------------------------------------------------------------- consumer

	/** The consumer sends the goods back. 409 {@code AFTER_SALE_NOT_APPROVED}. */
	@Transactional
	public AfterSaleView shipReturn(Caller caller, String id, String carrier, String trackingNumber) {
		Row row = lockAs(caller, id, Party.CONSUMER);
		if (row.status() != AfterSaleStatus.APPROVED || !row.type().hasReturn()) {
			throw ApiProblem.conflict("AFTER_SALE_NOT_APPROVED", "Send the goods back once the return is approved.");
		}
		String c = carrier == null ? "" : carrier.strip();
		String t = trackingNumber == null ? "" : trackingNumber.strip();
		if (c.isEmpty() || c.length() > 40) {
			throw ApiProblem.invalidField("carrier", "REQUIRED", "the carrier, up to 40 characters");
		}
		if (!t.matches("[A-Za-z0-9-]{4,40}")) {
			throw ApiProblem.invalidField("trackingNumber", "TRACKING_NUMBER_INVALID", "4 to 40 letters, digits or '-'");
		}
		Instant now = clock.instant();
		Instant receiveBy = now.plus(properties.returnReceiveWindow());
		repository.update(id, AfterSaleStatus.RETURN_SHIPPED, now, Map.of("return_carrier", c, "return_tracking_number", t,
				"return_shipped_at", now, "receive_by", receiveBy));
		repository.event(id, now, "RETURN_SHIPPED", "CONSUMER", Detail.of("detail.tracking", text(c), text(t)));
		deadlines.cancelNotDue(SHIP_RETURN_DUE, id);
		deadlines.schedule(RECEIVE_DUE, id, receiveBy);
		orders.hold(row.orderId(), id, Detail.of("holdReason.returnOnItsWay"), "CONSUMER"); // again, if it had lapsed
		return view(id);
	}

	/**
	 * The return was delivered to the shop (staff report it, as for orders, until carriers do): the shop's silence from
	 * now on counts as receipt after {@code receiveAfterDelivery}. 409 {@code RETURN_NOT_SHIPPED}.
	 */
	@Transactional
	public AfterSaleView returnDelivered(Caller caller, String id) {
		caller.requireRole(Role.AGENT, Role.ADMIN);
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such after-sales case."));
		if (row.status() != AfterSaleStatus.RETURN_SHIPPED) {
			throw ApiProblem.conflict("RETURN_NOT_SHIPPED", "No return is on its way for this case.");
		}
		Instant now = clock.instant();
		Instant receiveBy = now.plus(properties.receiveAfterDelivery());
		if (receiveBy.isAfter(row.receiveBy())) {
			receiveBy = row.receiveBy();
		}
		repository.update(id, AfterSaleStatus.RETURN_SHIPPED, now, Map.of("return_delivered_at", now, "receive_by", receiveBy));
		repository.event(id, now, "RETURN_DELIVERED", Orders.actorOf(caller), null);
		deadlines.cancelNotDue(RECEIVE_DUE, id); // the one set when it was sent, replaced by this sooner one
		deadlines.schedule(RECEIVE_DUE, id, receiveBy);
		return view(id);
	}

	/**
	 * The consumer takes a rejection to customer service (a rejection they uphold can go on as a complaint, which has
	 * the arbitration, 12315 and court tiers). 409 {@code AFTER_SALE_NOT_REJECTED}.
	 */
	@Transactional
	public AfterSaleView escalate(Caller caller, String id) {
		Row row = lockAs(caller, id, Party.CONSUMER);
		if (row.status() != AfterSaleStatus.REJECTED) {
			throw ApiProblem.conflict("AFTER_SALE_NOT_REJECTED", "Only a rejected request can be escalated.");
		}
		if (repository.timeline(id).stream().anyMatch(e -> e.event().equals("REJECTION_UPHELD"))) {
			throw ApiProblem.conflict("AFTER_SALE_DECIDED",
					"Customer service upheld the rejection; file a complaint to take it further.");
		}
		Instant now = clock.instant();
		repository.update(id, AfterSaleStatus.ESCALATED, now, Map.of());
		repository.event(id, now, "ESCALATED", "CONSUMER", Detail.of("afterSaleDetail.escalated"));
		orders.hold(row.orderId(), id, Detail.of("holdReason.afterSaleEscalated", code("afterSaleType", row.type())),
				"CONSUMER");
		return view(id);
	}

	/**
	 * Customer service decides an escalated case: {@code APPROVE} grants the request as asked (a return goes to the
	 * shop's registered address), {@code UPHOLD} confirms the shop's rejection; either is recorded on the case with the
	 * reasoning. 409 {@code AFTER_SALE_NOT_ESCALATED}.
	 */
	@Transactional
	public AfterSaleView staffDecide(Caller caller, String id, String decision, String reasoning) {
		caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN);
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such after-sales case."));
		if (row.status() != AfterSaleStatus.ESCALATED) {
			throw ApiProblem.conflict("AFTER_SALE_NOT_ESCALATED", "Customer service decides escalated cases only.");
		}
		String why = reasoning == null ? "" : reasoning.strip();
		if (why.isEmpty() || why.length() > 900) {
			throw ApiProblem.invalidField("reasoning", "REQUIRED", "the reasoning, up to 900 characters");
		}
		String actor = Orders.actorOf(caller);
		if ("APPROVE".equals(decision)) {
			repository.event(id, clock.instant(), "STAFF_DECISION", actor,
					Detail.of("afterSaleDetail.approvedBecause", text(why)));
			String address = row.type().hasReturn() ? registeredAddress(row,
					Detail.of("auditPurpose.approvedBy", code("actor", actor))) : null;
			approve(row, actor, "APPROVED_BY_STAFF", address);
		}
		else if ("UPHOLD".equals(decision)) {
			Instant now = clock.instant();
			repository.update(id, AfterSaleStatus.REJECTED, now, Map.of());
			repository.event(id, now, "REJECTION_UPHELD", actor, Detail.words(why));
			record(id, row.orderId(), row.merchantId(), "REJECTION_UPHELD", Map.of("actor", actor, "reasoning", why));
			orders.liftHold(row.orderId(), id, actor);
		}
		else {
			throw ApiProblem.invalidField("decision", "DECISION_INVALID", "APPROVE or UPHOLD");
		}
		return view(id);
	}

	/** The consumer withdraws the case: the only way a case closes without a refund. 409 {@code AFTER_SALE_CLOSED}. */
	@Transactional
	public AfterSaleView withdraw(Caller caller, String id) {
		Row row = lockAs(caller, id, Party.CONSUMER);
		if (row.status().closed()) {
			throw ApiProblem.conflict("AFTER_SALE_CLOSED", "This case is " + row.status() + " already.");
		}
		Instant now = clock.instant();
		repository.update(id, AfterSaleStatus.WITHDRAWN, now, Map.of());
		repository.event(id, now, "WITHDRAWN", "CONSUMER", null);
		for (String kind : List.of(RESPOND_DUE, SHIP_RETURN_DUE, RECEIVE_DUE, REFUND_DUE)) {
			deadlines.cancelNotDue(kind, id);
		}
		orders.liftHold(row.orderId(), id, "CONSUMER");
		return view(id);
	}

	// ---------------------------------------------------------------------------------------------------- deadlines

	/** The merchant did not decide in time: the request is approved (returns go to the shop's registered address). */
	@Transactional
	public void respondDue(String id) {
		Row row = repository.lock(id).orElse(null);
		if (row == null || row.status() != AfterSaleStatus.REQUESTED || clock.instant().isBefore(row.respondBy())) {
			return;
		}
		String address = row.type().hasReturn() ? registeredAddress(row,
				Detail.of("auditPurpose.approvedBySilence")) : null;
		approve(row, "SYSTEM", "APPROVED_BY_SILENCE", address);
	}

	/** The shop's registered address as the return address, disclosed to the case's consumer (audited). */
	private String registeredAddress(Row row, Detail how) {
		Caller consumer = accounts.caller(new AccountId(row.consumerId()))
			.orElse(new Caller(new AccountId(row.consumerId()), row.consumerId(), Role.CONSUMER));
		return merchants.registeredAddress(row.merchantId(), consumer,
				Detail.of("auditPurpose.returnAddress", text(row.id()), nested(how))).orElse("—");
	}

	/**
	 * The consumer did not send an approved return back in time: the case stays approved (the consumer may still send
	 * it), but it no longer holds the order.
	 */
	@Transactional
	public void shipReturnDue(String id) {
		Row row = repository.lock(id).orElse(null);
		if (row == null || row.status() != AfterSaleStatus.APPROVED || !row.type().hasReturn()) {
			return;
		}
		repository.event(id, clock.instant(), "RETURN_NOT_SENT", "SYSTEM", Detail.of("afterSaleDetail.returnNotSent"));
		orders.liftHold(row.orderId(), id, "SYSTEM");
	}

	/** The merchant did not confirm the return in time: it counts as received, and the refund follows. */
	@Transactional
	public void receiveDue(String id) {
		Row row = repository.lock(id).orElse(null);
		if (row == null || row.status() != AfterSaleStatus.RETURN_SHIPPED || clock.instant().isBefore(row.receiveBy())) {
			return;
		}
		received(row, "SYSTEM", "RECEIVED_BY_SILENCE");
	}

	/** The refund is due and the shop has not paid: the platform pays first (compensation first). */
	@Transactional
	public void refundDue(String id) {
		Row row = repository.lock(id).orElse(null);
		if (row == null || row.refundDueBy() == null || clock.instant().isBefore(row.refundDueBy())
				|| (row.status() != AfterSaleStatus.APPROVED && row.status() != AfterSaleStatus.RETURN_RECEIVED)) {
			return;
		}
		if (row.type() == AfterSaleType.EXCHANGE) {
			if (row.replacementShippedAt() != null) {
				return;
			}
			// the shop kept the returned goods and sent nothing: the buyer gets the money back instead
			repository.event(id, clock.instant(), "REPLACEMENT_OVERDUE", "SYSTEM",
					Detail.of("afterSaleDetail.replacementOverdue", at(row.refundDueBy())));
			refund(row, "SYSTEM", true); // the value of the goods sent back, stated with the request
			return;
		}
		refund(row, "SYSTEM", true);
	}

	/**
	 * The shop sends an exchange's replacement after receiving the returned goods; the buyer closes the case once it
	 * arrives. 409 {@code REPLACEMENT_NOT_DUE}.
	 */
	@Transactional
	public AfterSaleView shipReplacement(Caller caller, String id, String carrier, String trackingNumber) {
		Row row = lockAs(caller, id, Party.MERCHANT);
		if (row.type() != AfterSaleType.EXCHANGE || row.status() != AfterSaleStatus.RETURN_RECEIVED
				|| row.replacementShippedAt() != null) {
			throw ApiProblem.conflict("REPLACEMENT_NOT_DUE", "A replacement is sent for an exchange whose return arrived.");
		}
		String c = carrier == null ? "" : carrier.strip();
		String t = trackingNumber == null ? "" : trackingNumber.strip();
		if (c.isEmpty() || c.length() > 40) {
			throw ApiProblem.invalidField("carrier", "REQUIRED", "the carrier, up to 40 characters");
		}
		if (!t.matches("[A-Za-z0-9-]{4,40}")) {
			throw ApiProblem.invalidField("trackingNumber", "TRACKING_NUMBER_INVALID", "4 to 40 letters, digits or '-'");
		}
		Instant now = clock.instant();
		repository.update(id, AfterSaleStatus.RETURN_RECEIVED, now, Map.of("replacement_carrier", c,
				"replacement_tracking_number", t, "replacement_shipped_at", now));
		repository.event(id, now, "REPLACEMENT_SHIPPED", "MERCHANT", Detail.of("detail.tracking", text(c), text(t)));
		deadlines.cancelNotDue(REFUND_DUE, id); // the replacement is what the deadline asked for
		// the order may complete again (no sooner than 3 days after this); the consumer closes the case
		orders.liftHold(row.orderId(), id, "MERCHANT");
		return view(id);
	}

	// ---------------------------------------------------------------------------------------------------- reads

	/** A case, for its consumer, its merchant and staff; 404 for anyone else. */
	@Transactional(readOnly = true)
	public AfterSaleView get(Caller caller, String id) {
		Row row = repository.find(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such after-sales case."));
		if (!caller.isStaff() && !isConsumer(caller, row) && !isMerchant(caller, row)) {
			throw ApiProblem.notFound(NOT_FOUND, "No such after-sales case.");
		}
		return view(id);
	}

	/**
	 * How many of the caller's cases wait for them in one of these statuses (and of these types): a consumer's own, a
	 * shop's; 0 for anyone else.
	 */
	@Transactional(readOnly = true)
	public long waiting(Caller caller, Set<AfterSaleStatus> statuses, Set<AfterSaleType> types) {
		List<String> s = statuses.stream().map(Enum::name).toList();
		List<String> t = types.stream().map(Enum::name).toList();
		return switch (caller.role()) {
			case CONSUMER -> repository.count("consumer_id", caller.id().value(), s, t);
			case MERCHANT -> merchants.merchantOfAccount(caller.id()).map(m -> repository.count("merchant_id", m, s, t)).orElse(0L);
			default -> 0;
		};
	}

	/** The caller's cases: a consumer's own, a shop's; for staff the escalated ones; or those of one order. */
	@Transactional(readOnly = true)
	public List<AfterSaleView> list(Caller caller, String orderId, int limit) {
		int n = Math.max(1, Math.min(limit, 200));
		List<Row> rows;
		if (orderId != null) {
			orders.get(caller, orderId); // 404 for strangers
			rows = repository.ofOrder(orderId);
		}
		else if (caller.role() == Role.CONSUMER) {
			rows = repository.listFor("consumer_id", caller.id().value(), n);
		}
		else if (caller.role() == Role.MERCHANT) {
			rows = merchants.merchantOfAccount(caller.id())
				.map(m -> repository.listFor("merchant_id", m, n))
				.orElse(List.of());
		}
		else if (caller.isStaff()) {
			rows = repository.escalated(n);
		}
		else {
			rows = List.of();
		}
		return rows.stream().map(r -> view(r.id())).toList();
	}

	/** Every case of a consumer, newest first: for the consumer's own copy of their data, and the erasure's check. */
	@Transactional(readOnly = true)
	public List<AfterSaleView> ofConsumer(cn.fangxin.account.AccountId consumer) {
		return repository.listFor("consumer_id", consumer.value(), Integer.MAX_VALUE).stream().map(r -> view(r.id())).toList();
	}

	private AfterSaleView view(String id) {
		Row r = repository.find(id).orElseThrow();
		return new AfterSaleView(r.id(), r.orderId(), r.merchantId(), r.type(), r.reason(), r.status(), r.amountFen(),
				r.description(), r.evidenceIds(), r.returnShippingPayer(),
				r.status() == AfterSaleStatus.REQUESTED ? r.respondBy() : null, r.rejectionReason(), r.rejectionEvidenceIds(),
				r.returnAddress(), r.returnCarrier(), r.returnTrackingNumber(),
				r.status() == AfterSaleStatus.RETURN_SHIPPED ? r.receiveBy() : null,
				r.status() == AfterSaleStatus.REFUNDED || r.status() == AfterSaleStatus.WITHDRAWN
						|| r.replacementShippedAt() != null ? null : r.refundDueBy(),
				r.refundedFen(), r.refundSource(), r.compensatedByPlatform(),
				aliases.shown(repository.timeline(id), AfterSaleView.Event::actor,
						(e, actor) -> new AfterSaleView.Event(e.at(), e.event(), actor, e.detail(), e.data())),
				r.createdAt(),
				r.replacementCarrier(), r.replacementTrackingNumber());
	}

	// ---------------------------------------------------------------------------------------------------- helpers

	private enum Party {
		CONSUMER, MERCHANT
	}

	private Row lockAs(Caller caller, String id, Party party) {
		Row row = repository.lock(id).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such after-sales case."));
		boolean consumer = isConsumer(caller, row);
		boolean merchant = isMerchant(caller, row);
		if (party == Party.CONSUMER ? consumer : merchant) {
			return row;
		}
		if (consumer || merchant || caller.isStaff()) {
			throw ApiProblem.forbidden("Only the case's " + party.name().toLowerCase() + " may do this.");
		}
		throw ApiProblem.notFound(NOT_FOUND, "No such after-sales case.");
	}

	private static boolean isConsumer(Caller caller, Row row) {
		return caller.id().value().equals(row.consumerId());
	}

	private boolean isMerchant(Caller caller, Row row) {
		return caller.role() == Role.MERCHANT
				&& merchants.accountOf(row.merchantId()).map(caller.id()::equals).orElse(false);
	}

	private void requireReadable(Caller caller, String evidenceId, String orderId, String field) {
		cn.fangxin.evidence.EvidenceView evidence;
		try {
			evidence = vault.get(caller, evidenceId);
		}
		catch (ApiProblem notFound) {
			throw ApiProblem.rule("EVIDENCE_NOT_FOUND", "No evidence record " + evidenceId + " that you may use.")
				.with("field", field);
		}
		if (!orderId.equals(evidence.orderId())) {
			throw ApiProblem.rule("EVIDENCE_NOT_FOUND", "Evidence " + evidenceId + " is not filed under this order.")
				.with("field", field);
		}
	}

	/** A CASE_EVENT evidence record of a step, readable by both parties: ids and facts, no personal data. */
	private void record(String id, String orderId, String merchantId, String event, Map<String, Object> facts) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "fangxin-after-sales-event/1");
		body.put("caseId", id);
		body.put("orderId", orderId);
		body.put("event", event);
		body.put("at", clock.instant().toString());
		// the log is read by the parties and a court: staff by their work number, never their login name
		facts.forEach((k, v) -> body.put(k, v instanceof String text ? aliases.shown(text) : v));
		List<AccountId> parties = new ArrayList<>();
		repository.find(id).ifPresent(r -> parties.add(new AccountId(r.consumerId())));
		merchants.accountOf(merchantId).ifPresent(parties::add);
		vault.recordSystem(EvidenceKind.CASE_EVENT, json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8),
				"application/json", orderId, null, parties);
	}

}
