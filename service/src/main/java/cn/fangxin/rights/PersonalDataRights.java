package cn.fangxin.rights;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.AccountId;
import cn.fangxin.account.Accounts;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Consents;
import cn.fangxin.account.Role;
import cn.fangxin.aftersales.AddressChanges;
import cn.fangxin.aftersales.AfterSaleStatus;
import cn.fangxin.aftersales.AfterSaleView;
import cn.fangxin.aftersales.AfterSales;
import cn.fangxin.complaint.ComplaintView;
import cn.fangxin.complaint.Complaints;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.order.Orders;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.StaffAliases;
import cn.fangxin.privacy.AccessAudit;
import cn.fangxin.rights.PersonalDataCopy.Blocker;

/**
 * A person's rights over their personal data (PIPL arts. 44–47, 50): their own copy of it and its erasure on request.
 * Only ever about the caller themself.
 */
@Service
public class PersonalDataRights {

	/** What an erasure answers. */
	public record Erased(String id, String status, java.time.Instant erasedAt, int ordersErased, int requestsErased) {
	}

	/** How many copies a person may take an hour: each reads everything, and a stolen token should not drain it. */
	static final int COPIES_PER_HOUR = 10;

	/** How long after an erasure its sweep still looks for orders that were placed in its last moments. */
	static final java.time.Duration SWEEP_WINDOW = java.time.Duration.ofDays(90);

	private static final int EVIDENCE_PAGE = 500;

	private final Accounts accounts;
	private final Orders orders;
	private final AfterSales afterSales;
	private final AddressChanges addressChanges;
	private final Complaints complaints;
	private final EvidenceVault vault;
	private final AccessAudit audit;
	private final StaffAliases aliases;
	private final Clock clock;
	private final Consents consents;
	private final cn.fangxin.payment.Payments payments;
	private final cn.fangxin.platform.IdempotencyKeys idempotencyKeys;
	private final cn.fangxin.merchant.Merchants merchants;
	private final cn.fangxin.aftersales.Invoices invoices;

	PersonalDataRights(Accounts accounts, Orders orders, AfterSales afterSales, AddressChanges addressChanges,
			Complaints complaints, EvidenceVault vault, AccessAudit audit, StaffAliases aliases, Clock clock,
			Consents consents, cn.fangxin.payment.Payments payments, cn.fangxin.platform.IdempotencyKeys idempotencyKeys,
			cn.fangxin.merchant.Merchants merchants, cn.fangxin.aftersales.Invoices invoices) {
		this.merchants = merchants;
		this.invoices = invoices;
		this.consents = consents;
		this.payments = payments;
		this.idempotencyKeys = idempotencyKeys;
		this.accounts = accounts;
		this.orders = orders;
		this.afterSales = afterSales;
		this.addressChanges = addressChanges;
		this.complaints = complaints;
		this.vault = vault;
		this.audit = audit;
		this.aliases = aliases;
		this.clock = clock;
	}

	/**
	 * The caller's own copy of their personal data, unmasked. The copy itself goes on the access audit, so that a copy
	 * taken with a stolen token shows there.
	 */
	@Transactional
	public PersonalDataCopy copy(Caller caller) {
		AccountId id = caller.id();
		accounts.limit(id, "personal-data-copy", COPIES_PER_HOUR);
		Accounts.PersonalData account = accounts.personalData(id)
			.orElseThrow(() -> ApiProblem.notFound("ACCOUNT_NOT_FOUND", "No such account."));
		boolean consumer = caller.role() == Role.CONSUMER;
		List<PersonalDataCopy.Order> bought = consumer ? orders.personalCopy(caller)
			.stream()
			.map(o -> new PersonalDataCopy.Order(o.order(), o.shippingAddress()))
			.toList() : List.of();
		List<AfterSaleView> cases = consumer ? afterSales.ofConsumer(id) : List.of();
		AddressChanges.ConsumerRequests requests = consumer ? addressChanges.personalCopy(id)
				: new AddressChanges.ConsumerRequests(List.of(), List.of());
		List<ComplaintView> filed = consumer ? complaints.ofConsumer(id) : List.of();
		List<EvidenceView> uploaded = uploads(caller);

		Set<String> subjects = new LinkedHashSet<>();
		subjects.add(id.value());
		bought.forEach(o -> subjects.add(o.order().id()));
		List<PersonalDataCopy.Access> accessLog = audit.entriesAbout(subjects)
			.stream()
			.map(e -> new PersonalDataCopy.Access(e.at(), e.readerRole(), reader(e, id),
					e.subjectType(), e.subjectId(), e.fields(), e.purpose()))
			.toList();
		audit.unmaskedRead(caller, "ACCOUNT", id.value(), List.of("phone", "shippingAddress"),
				Detail.of("auditPurpose.personalDataCopy"));
		List<Blocker> blockers = blockers(caller, cases, filed);
		List<cn.fangxin.merchant.VersionView> registration = caller.role() == Role.MERCHANT
				? merchants.ownRegistration(caller) : List.of();
		return new PersonalDataCopy("fangxin-personal-data/1", clock.instant(), account, consents.of(id), registration,
				bought, cases,
				requests.addressChanges(), requests.invoices(), filed, uploaded, accessLog,
				new PersonalDataCopy.Erasure(blockers.isEmpty(), blockers));
	}

	/** Who read: the person themself, the shop of the order (no one named), or a staff member by work number. */
	private String reader(AccessAudit.Entry entry, AccountId self) {
		if (self.value().equals(entry.readerAccountId())) {
			return "SELF";
		}
		return Role.valueOf(entry.readerRole()) == Role.MERCHANT ? null : aliases.alias(entry.readerUsername());
	}

	/** What the caller agreed to, oldest first. */
	@Transactional(readOnly = true)
	public List<Consents.Consent> consents(Caller caller) {
		return consents.of(caller.id());
	}

	/** What keeps the caller's account from being erased now; empty when it can be. */
	@Transactional(readOnly = true)
	public List<Blocker> blockers(Caller caller) {
		if (caller.role() != Role.CONSUMER) {
			return blockers(caller, List.of(), List.of());
		}
		return blockers(caller, afterSales.ofConsumer(caller.id()), complaints.ofConsumer(caller.id()));
	}

	private List<Blocker> blockers(Caller caller, List<AfterSaleView> cases, List<ComplaintView> filed) {
		List<Blocker> blockers = new ArrayList<>();
		if (caller.role() == Role.MERCHANT) {
			blockers.add(new Blocker("MERCHANT_ACCOUNT", "A shop's account is not erased here: the registry keeps the "
					+ "seller's identity for three years after the shop closes (E-Commerce Law arts. 27, 31). Close the shop "
					+ "first, then ask customer service.", List.of()));
			return blockers;
		}
		if (caller.role() != Role.CONSUMER) {
			blockers.add(new Blocker("STAFF_ACCOUNT", "Staff accounts are closed by an administrator.", List.of()));
			return blockers;
		}
		java.util.Map<String, cn.fangxin.order.OrderStatus> bought = orders.statusesOf(caller.id());
		List<String> open = bought.entrySet().stream().filter(e -> !e.getValue().closed()).map(e -> e.getKey()).toList();
		if (!open.isEmpty()) {
			blockers.add(new Blocker("OPEN_ORDERS", "Some orders are not finished: wait until they complete, or cancel "
					+ "them, and settle any charge still owed.", open));
		}
		List<String> openCases = cases.stream()
			.filter(c -> !c.status().closed() && c.status() != AfterSaleStatus.REJECTED)
			.map(AfterSaleView::id)
			.toList();
		if (!openCases.isEmpty()) {
			blockers.add(new Blocker("OPEN_AFTER_SALES", "Some returns or refunds are still open: finish or withdraw "
					+ "them first.", openCases));
		}
		List<String> openComplaints = filed.stream().filter(c -> !c.status().over()).map(ComplaintView::id).toList();
		if (!openComplaints.isEmpty()) {
			blockers.add(new Blocker("OPEN_COMPLAINTS", "Some complaints are still being handled: wait for them to end, "
					+ "or withdraw them, first.", openComplaints));
		}
		List<String> openInvoices = invoices.openFor(caller.id());
		if (!openInvoices.isEmpty()) {
			blockers.add(new Blocker("OPEN_INVOICES", "Some invoices you asked for are not issued yet: the shop issues "
					+ "them to your name, so wait for them first.", openInvoices));
		}
		Set<String> references = new java.util.HashSet<>();
		references.addAll(bought.keySet());
		filed.forEach(c -> references.add(c.id()));
		List<String> owed = payments.owedFor(references);
		if (!owed.isEmpty()) {
			blockers.add(new Blocker("OPEN_REFUNDS", "Money is still on its way to you (a refund or compensation the "
					+ "provider has not paid yet): staff must be able to reach you until it arrives.", owed));
		}
		return blockers;
	}

	/**
	 * Erases the caller's account on their request, after checking their password (PIPL art. 47). Refused with 409
	 * {@code ERASURE_BLOCKED} and its reasons while something is open; 403 {@code PASSWORD_INCORRECT} for a wrong
	 * password. What is erased: the username, name, mobile number and password, and the names, phones and addresses in
	 * the orders, address changes and invoice requests; the username in the access audit; the answers kept for
	 * retries; the complaint texts copied into triage's retraining corpus. What stays, naming only the account's id: the
	 * orders and their snapshots, the after-sales cases and complaints with what the person wrote in them, and the
	 * evidence (E-Commerce Law art. 31: three years at least).
	 */
	@Transactional
	public Erased erase(Caller caller, String password) {
		if (password == null || password.isEmpty()) {
			throw ApiProblem.invalidField("password", "REQUIRED", "your password, to confirm it is you");
		}
		if (!accounts.passwordMatches(caller.id(), password)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "PASSWORD_INCORRECT", "The password is not this account's.");
		}
		List<Blocker> blockers = blockers(caller);
		if (!blockers.isEmpty()) {
			throw ApiProblem.conflict("ERASURE_BLOCKED", "The account cannot be erased yet: "
					+ String.join(" ", blockers.stream().map(Blocker::detail).toList())).with("blockers", blockers);
		}
		String pseudonym = accounts.erase(caller.id())
			.orElseThrow(() -> ApiProblem.conflict("ACCOUNT_ERASED", "This account was erased already."));
		int erasedOrders = orders.eraseAddresses(caller.id());
		int erasedRequests = addressChanges.erasePersonalData(caller.id());
		audit.pseudonymiseReader(caller.id().value(), pseudonym);
		complaints.forgetForRetraining(caller.id());
		idempotencyKeys.forgetAccount(caller.id().value());
		List<Blocker> meanwhile = blockers(caller);
		if (!meanwhile.isEmpty()) {
			// something was opened from another device since the check (it keeps its data: only what is over loses it):
			// the erasure waits for it
			throw ApiProblem.conflict("ERASURE_BLOCKED", "Something was opened meanwhile; try again once it is over.")
				.with("blockers", meanwhile);
		}
		return new Erased(caller.id().value(), "ERASED", clock.instant(), erasedOrders, erasedRequests);
	}

	/**
	 * Finishes erasures: an order placed in an erasure's last moments (from another device, or on another instance
	 * before it learnt of the erasure) kept its address; once it is over, this erases it. Hourly, on every instance:
	 * each step only rewrites rows that still hold personal data, so running it twice, or on two instances, is harmless.
	 */
	@org.springframework.scheduling.annotation.Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	@Transactional
	public void sweepErasures() {
		for (AccountId erased : accounts.erasedSince(clock.instant().minus(SWEEP_WINDOW))) {
			orders.eraseAddresses(erased);
			addressChanges.erasePersonalData(erased);
		}
	}

	private List<EvidenceView> uploads(Caller caller) {
		List<EvidenceView> all = new ArrayList<>();
		Long cursor = null;
		while (true) {
			List<EvidenceView> page = vault.mine(caller, cursor, EVIDENCE_PAGE);
			all.addAll(page);
			if (page.size() < EVIDENCE_PAGE || page.get(page.size() - 1).leafIndex() == null) {
				return all;
			}
			cursor = page.get(page.size() - 1).leafIndex();
		}
	}
}
