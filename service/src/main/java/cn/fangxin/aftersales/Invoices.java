package cn.fangxin.aftersales;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.aftersales.internal.RequestRepository;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.merchant.MarkKind;
import cn.fangxin.merchant.Merchants;
import cn.fangxin.order.OrderView;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.WorkingDayCalendar;

/**
 * Invoices (E-Commerce Law art. 14; the seeds' shop that refused invoices): the consumer asks on a paid order; the shop
 * uploads the invoice as {@code INVOICE} evidence under the order within 5 working days (holiday calendar). Refused or
 * overdue: a mark on the shop's record and a case in the staff's queue ({@code GET /api/v1/invoice-requests} for staff).
 */
@Service
public class Invoices {

	public static final String DUE = "INVOICE_DUE";
	static final String NOT_FOUND = "INVOICE_REQUEST_NOT_FOUND";
	private static final int WORKING_DAYS = 5;

	private final RequestRepository repository;
	private final Orders orders;
	private final Merchants merchants;
	private final EvidenceVault vault;
	private final Deadlines deadlines;
	private final WorkingDayCalendar calendar;
	private final Clock clock;

	Invoices(RequestRepository repository, Orders orders, Merchants merchants, EvidenceVault vault, Deadlines deadlines,
			WorkingDayCalendar calendar, Clock clock) {
		this.repository = repository;
		this.orders = orders;
		this.merchants = merchants;
		this.vault = vault;
		this.deadlines = deadlines;
		this.calendar = calendar;
		this.clock = clock;
	}

	/** The consumer asks for an invoice. 400 {@code VALIDATION_FAILED}; 409 {@code ORDER_NOT_PAID}. */
	@Transactional
	public InvoiceView request(Caller caller, String orderId, String title, String taxId) {
		OrderView order = orders.get(caller, orderId);
		if (!caller.id().value().equals(order.consumerId())) {
			throw ApiProblem.forbidden("Only the order's consumer asks for its invoice.");
		}
		String t = title == null ? "" : title.strip();
		if (t.isEmpty() || t.length() > 100) {
			throw ApiProblem.invalidField("title", "REQUIRED", "the invoice's title: your name or your company, up to 100");
		}
		String tax = taxId == null || taxId.isBlank() ? null : taxId.strip().toUpperCase();
		if (tax != null && !tax.matches("[0-9A-Z]{15,20}")) {
			throw ApiProblem.invalidField("taxId", "TAX_ID_INVALID", "a taxpayer id of 15 to 20 letters and digits");
		}
		if (order.escrow().paidFen() == 0 || order.status() == cn.fangxin.order.OrderStatus.CANCELLED
				|| order.status() == cn.fangxin.order.OrderStatus.REFUNDED) {
			throw ApiProblem.conflict("ORDER_NOT_PAID", "An invoice is for a paid order that was not refunded.");
		}
		orders.lock(orderId); // one open request per order
		boolean open = repository.invoicesWhere("order_id", orderId, 50)
			.stream()
			.anyMatch(r -> "REQUESTED".equals(r.view().status()) || "OVERDUE".equals(r.view().status()));
		if (open) {
			throw ApiProblem.conflict("INVOICE_REQUEST_OPEN", "An invoice request for this order is still open.");
		}
		Instant now = clock.instant();
		InvoiceView v = new InvoiceView(Ids.next("inv"), orderId, order.merchantId(), t, tax, "REQUESTED",
				calendar.endOfWorkingDays(now, WORKING_DAYS), null, null, now);
		repository.insertInvoice(v, caller.id().value());
		deadlines.schedule(DUE, v.id(), v.dueBy());
		return v;
	}

	/**
	 * The shop issues the invoice: an INVOICE evidence record it uploaded under the order. 409
	 * {@code INVOICE_REQUEST_CLOSED}; 422 {@code EVIDENCE_NOT_AN_INVOICE}.
	 */
	@Transactional
	public InvoiceView issue(Caller caller, String id, String evidenceId) {
		RequestRepository.Invoice row = lockAsMerchant(caller, id);
		EvidenceView invoice;
		try {
			invoice = vault.get(caller, evidenceId == null ? "" : evidenceId.strip());
		}
		catch (ApiProblem notFound) {
			throw ApiProblem.rule("EVIDENCE_NOT_AN_INVOICE", "Upload the invoice to the evidence vault under this order first.");
		}
		return issued(row, invoice);
	}

	private InvoiceView issued(RequestRepository.Invoice row, EvidenceView invoice) {
		if (invoice.kind() != EvidenceKind.INVOICE || !row.view().orderId().equals(invoice.orderId())) {
			throw ApiProblem.rule("EVIDENCE_NOT_AN_INVOICE", "That record is not an INVOICE under this order.");
		}
		String id = row.view().id();
		repository.updateInvoice(id, "ISSUED", invoice.id(), null, clock.instant());
		deadlines.cancelNotDue(DUE, id);
		return view(id);
	}

	/**
	 * The shop issues the invoice by uploading it: recorded as INVOICE evidence under the order and issued in one
	 * transaction, so a request that cannot be issued keeps no stray record. As {@link #issue}, plus the upload's
	 * 413 {@code PAYLOAD_TOO_LARGE} and 415 {@code MEDIA_TYPE_NOT_ALLOWED}.
	 */
	@Transactional
	public InvoiceView issueUploaded(Caller caller, String id, java.io.InputStream invoiceFile) {
		RequestRepository.Invoice row = lockAsMerchant(caller, id);
		return issued(row, vault.upload(caller, EvidenceKind.INVOICE, invoiceFile, clock.instant(), row.view().orderId(),
				null, List.of()));
	}

	/** The shop refuses, with a reason: a mark on its record, and the case goes to staff. */
	@Transactional
	public InvoiceView refuse(Caller caller, String id, String reason) {
		RequestRepository.Invoice row = lockAsMerchant(caller, id);
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > 500) {
			throw ApiProblem.invalidField("reason", "REQUIRED", "why, up to 500 characters");
		}
		repository.updateInvoice(id, "REFUSED", null, why, clock.instant());
		deadlines.cancelNotDue(DUE, id);
		if (!"OVERDUE".equals(row.view().status())) { // one mark per request
			merchants.mark(row.view().merchantId(), MarkKind.INVOICE_REFUSED, id);
		}
		return view(id);
	}

	/** Not issued within 5 working days: overdue, a mark, a case for staff. */
	@Transactional
	public void due(String id) {
		RequestRepository.Invoice row = repository.invoice(id, true).orElse(null);
		if (row == null || !"REQUESTED".equals(row.view().status()) || clock.instant().isBefore(row.view().dueBy())) {
			return;
		}
		repository.updateInvoice(id, "OVERDUE", null, null, clock.instant());
		merchants.mark(row.view().merchantId(), MarkKind.INVOICE_OVERDUE, id);
	}

	/** The invoice requests of a consumer still to be issued (REQUESTED or OVERDUE): the erasure waits for them. */
	@Transactional(readOnly = true)
	public List<String> openFor(cn.fangxin.account.AccountId consumer) {
		return repository.invoicesWhere("consumer_id", consumer.value(), Integer.MAX_VALUE)
			.stream()
			.filter(r -> "REQUESTED".equals(r.view().status()) || "OVERDUE".equals(r.view().status()))
			.map(r -> r.view().id())
			.toList();
	}

	@Transactional(readOnly = true)
	public InvoiceView get(Caller caller, String id) {
		RequestRepository.Invoice row = repository.invoice(id, false)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such invoice request."));
		if (!caller.isStaff() && !caller.id().value().equals(row.consumerId()) && !isMerchant(caller, row)) {
			throw ApiProblem.notFound(NOT_FOUND, "No such invoice request.");
		}
		return row.view();
	}

	/** A consumer's requests, a shop's, the staff's queue (refused and overdue), or those of an order. */
	@Transactional(readOnly = true)
	public List<InvoiceView> list(Caller caller, String orderId) {
		if (orderId != null) {
			orders.get(caller, orderId);
			return repository.invoicesWhere("order_id", orderId, 100).stream().map(RequestRepository.Invoice::view).toList();
		}
		if (caller.isStaff()) {
			var refused = repository.invoicesWhere("status", "REFUSED", 100);
			var overdue = repository.invoicesWhere("status", "OVERDUE", 100);
			return java.util.stream.Stream.concat(overdue.stream(), refused.stream())
				.map(RequestRepository.Invoice::view)
				.toList();
		}
		if (caller.role() == Role.MERCHANT) {
			return merchants.merchantOfAccount(caller.id())
				.map(m -> repository.invoicesWhere("merchant_id", m, 100))
				.orElse(List.of())
				.stream()
				.map(RequestRepository.Invoice::view)
				.toList();
		}
		return repository.invoicesWhere("consumer_id", caller.id().value(), 100)
			.stream()
			.map(RequestRepository.Invoice::view)
			.toList();
	}

	private InvoiceView view(String id) {
		return repository.invoice(id, false).orElseThrow().view();
	}

	private RequestRepository.Invoice lockAsMerchant(Caller caller, String id) {
		RequestRepository.Invoice row = repository.invoice(id, true)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such invoice request."));
		if (!isMerchant(caller, row)) {
			if (caller.isStaff() || caller.id().value().equals(row.consumerId())) {
				throw ApiProblem.forbidden("Only the shop issues or refuses its invoices.");
			}
			throw ApiProblem.notFound(NOT_FOUND, "No such invoice request.");
		}
		if (!"REQUESTED".equals(row.view().status()) && !"OVERDUE".equals(row.view().status())) {
			throw ApiProblem.conflict("INVOICE_REQUEST_CLOSED", "This request is " + row.view().status() + ".");
		}
		return row;
	}

	private boolean isMerchant(Caller caller, RequestRepository.Invoice row) {
		return caller.role() == Role.MERCHANT
				&& merchants.accountOf(row.view().merchantId()).map(caller.id()::equals).orElse(false);
	}
}
