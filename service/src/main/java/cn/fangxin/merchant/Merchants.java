package cn.fangxin.merchant;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Access;
import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.account.ConsentPurpose;
import cn.fangxin.account.Consents;
import cn.fangxin.account.Role;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Balance;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.merchant.internal.MerchantRepository;
import cn.fangxin.merchant.internal.MerchantRepository.MerchantRow;
import cn.fangxin.merchant.internal.MerchantRepository.Notice;
import cn.fangxin.merchant.internal.MerchantRepository.VersionRow;
import cn.fangxin.merchant.internal.RegistrationRules;
import cn.fangxin.merchant.internal.VerificationSchedule;
import cn.fangxin.payment.PaymentPurpose;
import cn.fangxin.payment.PaymentProvider;
import cn.fangxin.payment.PaymentRequest;
import cn.fangxin.payment.PaymentStatus;
import cn.fangxin.payment.PaymentView;
import cn.fangxin.payment.Payments;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Detail;
import cn.fangxin.platform.Ids;
import cn.fangxin.platform.Masking;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.PersonalDataCipher;
import cn.fangxin.platform.WorkingDayCalendar;
import cn.fangxin.privacy.AccessAudit;

/**
 * The real-name registry's use cases: apply, change, re-verify, review, read (masked, or unmasked and audited for
 * staff), the public shop, deposits, and the checks other modules ask before a merchant lists or sells.
 */
@Service
public class Merchants {

	static final String NOT_FOUND = "MERCHANT_NOT_FOUND";
	private static final List<String> UNMASKED_FIELDS = List.of("idNumber", "address", "contactPhone", "legalName");

	private final MerchantRepository repository;
	private final PersonalDataCipher cipher;
	private final AccessAudit audit;
	private final VerificationSchedule schedule;
	private final Ledger ledger;
	private final Payments payments;
	private final MerchantProperties properties;
	private final Clock clock;
	private final org.springframework.beans.factory.ObjectProvider<EscrowHoldings> escrow;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private final Consents consents;

	Merchants(MerchantRepository repository, PersonalDataCipher cipher, AccessAudit audit, VerificationSchedule schedule,
			Ledger ledger, Payments payments, MerchantProperties properties, Clock clock,
			org.springframework.beans.factory.ObjectProvider<EscrowHoldings> escrow,
			org.springframework.jdbc.core.simple.JdbcClient jdbc, Consents consents) {
		this.consents = consents;
		this.escrow = escrow;
		this.jdbc = jdbc;
		this.repository = repository;
		this.cipher = cipher;
		this.audit = audit;
		this.schedule = schedule;
		this.ledger = ledger;
		this.payments = payments;
		this.properties = properties;
		this.clock = clock;
	}

	/** A merchant account applies to sell; staff review it. One shop per account. */
	@Transactional
	public MerchantView apply(Caller caller, MerchantApplication application) {
		return apply(caller, application, Consents.Channel.API);
	}

	/**
	 * {@link #apply(Caller, MerchantApplication)} through a channel: an individual's separate consent to the processing of
	 * their ID number ({@link MerchantApplication#identityConsent}) is recorded as given there.
	 */
	@Transactional
	public MerchantView apply(Caller caller, MerchantApplication application, Consents.Channel channel) {
		caller.requireRole(Role.MERCHANT);
		if (repository.findByAccount(caller.id().value()).isPresent()) {
			throw ApiProblem.conflict("MERCHANT_EXISTS", "This account has applied already; change that application instead.");
		}
		RegistrationRules.Valid valid = RegistrationRules.check(application, today(), true);
		String id = Ids.next("mer");
		Instant now = clock.instant();
		String identityIndex = identityIndex(valid);
		String phoneIndex = phoneIndex(valid.phone());
		repository.insertMerchant(new MerchantRow(id, caller.id().value(), MerchantStatus.PENDING_REVIEW, null,
				valid.kind(), 1, null, valid.shopName(), valid.regionCode(), null, null, identityIndex, phoneIndex, now, null),
				now);
		repository.insertVersion(versionRow(id, 1, valid, caller, now, "APPLICATION"));
		if (valid.kind() == MerchantKind.INDIVIDUAL && Boolean.TRUE.equals(application.identityConsent())) {
			consents.record(caller.id(), ConsentPurpose.IDENTITY_DOCUMENT, true, channel);
		}
		return view(repository.find(id).orElseThrow(), caller);
	}

	/**
	 * The merchant changes its registration file: a new version, reviewed by staff. Fields left out keep their value.
	 * A change of who the seller is (kind, legal name, ID number, credit code) stops selling until approved; other
	 * changes wait for review while the approved version stays in force.
	 */
	@Transactional
	public MerchantView change(Caller caller, String merchantId, MerchantApplication patch) {
		MerchantRow merchant = ownedForUpdate(caller, merchantId);
		if (merchant.status() == MerchantStatus.BANNED) {
			throw ApiProblem.conflict("MERCHANT_BANNED", "A banned shop cannot change its registration.");
		}
		refuseClosed(merchant);
		VersionRow latest = repository.version(merchantId, merchant.currentVersion()).orElseThrow();
		RegistrationRules.Valid valid = RegistrationRules.check(merge(latest, patch), today());
		return submitVersion(caller, merchant, latest, valid, "CHANGE");
	}

	/** The merchant confirms its registration for the periodic re-verification; staff review it. */
	@Transactional
	public MerchantView reverify(Caller caller, String merchantId) {
		MerchantRow merchant = ownedForUpdate(caller, merchantId);
		if (merchant.approvedVersion() == null) {
			throw ApiProblem.conflict("MERCHANT_NOT_VERIFIED", "The application is still waiting for its first review.");
		}
		refuseClosed(merchant);
		VersionRow latest = repository.version(merchantId, merchant.currentVersion()).orElseThrow();
		RegistrationRules.Valid valid = RegistrationRules.check(merge(latest, null), today());
		return submitVersion(caller, merchant, latest, valid, "REVERIFICATION");
	}

	private MerchantView submitVersion(Caller caller, MerchantRow merchant, VersionRow latest,
			RegistrationRules.Valid valid, String note) {
		Instant now = clock.instant();
		int version = merchant.currentVersion() + 1;
		repository.insertVersion(versionRow(merchant.id(), version, valid, caller, now, note));
		repository.supersedePending(merchant.id(), version);
		boolean sellerChanged = valid.kind() != latest.kind() || !valid.legalName().equals(decrypt(latest.legalNameEnc(), "legalName"))
				|| !valid.identityNumber().equals(identityNumber(latest));
		MerchantStatus status = merchant.status();
		String reason = merchant.statusReason();
		if (merchant.approvedVersion() == null || status == MerchantStatus.REJECTED || sellerChanged) {
			status = MerchantStatus.PENDING_REVIEW;
			reason = sellerChanged && merchant.approvedVersion() != null ? "IDENTITY_CHANGED" : null;
		}
		repository.updateMerchant(merchant.id(), status, reason, version, merchant.approvedVersion(),
				merchant.approvedVersion() == null ? valid.shopName() : merchant.shopName(),
				merchant.approvedVersion() == null ? valid.regionCode() : merchant.regionCode(),
				merchant.approvedVersion() == null ? identityIndex(valid) : merchant.identityIndex(),
				merchant.approvedVersion() == null ? phoneIndex(valid.phone()) : merchant.phoneIndex(),
				merchant.verifiedAt(), merchant.nextVerificationDue(), now);
		return view(repository.find(merchant.id()).orElseThrow(), caller);
	}

	/**
	 * Staff decide on the latest submitted version. Approval puts it in force, makes the shop ACTIVE and sets the next
	 * re-verification six months on; rejection needs a reason, which the applicant sees.
	 */
	@Transactional
	public MerchantView review(Caller reviewer, String merchantId, String decision, String reason) {
		reviewer.requireRole(Role.AGENT, Role.ADMIN);
		MerchantRow merchant = repository.findForUpdate(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		VersionRow latest = repository.version(merchantId, merchant.currentVersion()).orElseThrow();
		if (!"PENDING".equals(latest.reviewStatus())) {
			throw ApiProblem.conflict("NOTHING_TO_REVIEW", "The latest version of this registration was reviewed already.");
		}
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		if (why != null && why.length() > 500) {
			throw ApiProblem.invalidField("reason", "LENGTH", "at most 500 characters");
		}
		Instant now = clock.instant();
		switch (decision == null ? "" : decision) {
			case "APPROVE" -> {
				repository.setReview(merchantId, latest.version(), "APPROVED", reviewer.id().value(), why, now);
				Instant due = now.atZone(WorkingDayCalendar.ZONE).plus(properties.verificationInterval()).toInstant();
				boolean sanctioned = merchant.status() == MerchantStatus.BANNED || (merchant.status() == MerchantStatus.SUSPENDED
						&& !VerificationSchedule.OVERDUE_REASON.equals(merchant.statusReason()));
				repository.updateMerchant(merchantId, sanctioned ? merchant.status() : MerchantStatus.ACTIVE,
						sanctioned ? merchant.statusReason() : null, latest.version(), latest.version(),
						latest.shopName(), latest.regionCode(), latest.identityIndex(), latest.phoneIndex(), now, due, now);
				schedule.verified(merchantId, due);
				openAccounts(merchantId);
				repository.notice(merchantId, "APPROVED", why, now);
			}
			case "REJECT" -> {
				if (why == null) {
					throw ApiProblem.invalidField("reason", "REASON_REQUIRED", "a rejection tells the applicant why");
				}
				if (why.length() > 300) {
					throw ApiProblem.invalidField("reason", "LENGTH", "at most 300 characters");
				}
				repository.setReview(merchantId, latest.version(), "REJECTED", reviewer.id().value(), why, now);
				if (merchant.approvedVersion() == null) {
					repository.changeStatus(merchantId, List.of(MerchantStatus.PENDING_REVIEW), MerchantStatus.REJECTED, why, now);
				}
				else if (merchant.status() == MerchantStatus.PENDING_REVIEW) {
					// A rejected change of identity: the verified identity stays in force.
					MerchantStatus standing = schedule.standingOn(merchant.nextVerificationDue(), now);
					repository.changeStatus(merchantId, List.of(MerchantStatus.PENDING_REVIEW), standing,
							standing == MerchantStatus.SUSPENDED ? VerificationSchedule.OVERDUE_REASON : null, now);
				}
				repository.notice(merchantId, "REJECTED", why, now);
			}
			default -> throw ApiProblem.invalidField("decision", "DECISION_INVALID", "APPROVE or REJECT");
		}
		return view(repository.find(merchantId).orElseThrow(), reviewer);
	}

	/**
	 * The registration as the caller may see it: the merchant itself masked; staff and the regulator (E-Commerce Law
	 * arts. 25, 28: the platform gives the market regulator its sellers' identities) unmasked, and audited.
	 */
	@Transactional
	public MerchantView get(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		if (caller.role() == Role.REGULATOR) {
			requireInRegistry(merchant);
		}
		else {
			Access.partiesOrStaff(NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		}
		return view(merchant, caller);
	}

	/** The regulator reads shops that were verified; an applicant that never sold is not in the registry (PIPL). */
	private static void requireInRegistry(MerchantRow merchant) {
		if (merchant.approvedVersion() == null) {
			throw ApiProblem.notFound(NOT_FOUND, "No such merchant.");
		}
	}

	/**
	 * A shop in the registry, as staff and the regulator find it.
	 *
	 * @param id merchant id
	 * @param shopName its shop's name
	 * @param kind individual or enterprise
	 * @param status where it stands
	 * @param region province
	 * @param verifiedAt its last identity verification
	 */
	public record RegistryItem(String id, String shopName, MerchantKind kind, MerchantStatus status, String region,
			Instant verifiedAt) {
	}

	/**
	 * The registry: shops that were ever verified, by name (any part) or by merchant id, for staff and the regulator. 403
	 * for anyone else.
	 */
	@Transactional(readOnly = true)
	public List<RegistryItem> registry(Caller caller, String query, int limit) {
		caller.requireRole(Role.AGENT, Role.ARBITRATOR, Role.ADMIN, Role.REGULATOR);
		String q = query == null || query.isBlank() ? null : query.strip();
		return repository.registry(q, limit)
			.stream()
			.map(m -> new RegistryItem(m.id(), m.shopName(), m.kind(), m.status(),
					Regions.province(m.regionCode()).orElse(null), m.verifiedAt()))
			.toList();
	}

	/** The merchant of the caller's account, if it applied. */
	@Transactional
	public Optional<MerchantView> mine(Caller caller) {
		return repository.findByAccount(caller.id().value()).map(m -> view(m, caller));
	}

	/** The merchant id of an account, for other modules. */
	@Transactional(readOnly = true)
	public Optional<String> merchantOfAccount(AccountId account) {
		return repository.findByAccount(account.value()).map(MerchantRow::id);
	}

	/** A shop's public name. */
	@Transactional(readOnly = true)
	public String shopName(String merchantId) {
		return repository.find(merchantId).map(MerchantRow::shopName).orElse(null);
	}

	/** The account that owns a merchant, for other modules' access checks. */
	@Transactional(readOnly = true)
	public Optional<AccountId> accountOf(String merchantId) {
		return repository.find(merchantId).map(m -> new AccountId(m.accountId()));
	}

	/** Every version of the registration file, unmasked; staff only, and audited. */
	@Transactional
	public List<VersionView> history(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		if (caller.role() == Role.REGULATOR) {
			requireInRegistry(merchant);
		}
		else if (!caller.isStaff()) {
			Access.partiesOrStaff(NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
			throw ApiProblem.forbidden("The registration history is for staff and the regulator.");
		}
		audit.unmaskedRead(caller, "MERCHANT", merchantId, UNMASKED_FIELDS,
				Detail.of("auditPurpose.registrationHistory"));
		return repository.versions(merchantId).stream().map(this::versionView).toList();
	}

	/**
	 * Every version of the caller's own registration file, unmasked, for their own copy of their data (PIPL art. 45);
	 * empty for an account without a shop. Audited.
	 */
	@Transactional
	public List<VersionView> ownRegistration(Caller caller) {
		Optional<MerchantRow> merchant = repository.findByAccount(caller.id().value());
		if (merchant.isEmpty()) {
			return List.of();
		}
		audit.unmaskedRead(caller, "MERCHANT", merchant.get().id(), UNMASKED_FIELDS,
				Detail.of("auditPurpose.personalDataCopy"));
		return repository.versions(merchant.get().id()).stream().map(this::versionView).toList();
	}

	/** Staff's review queue: applications and changes waiting, oldest first, with identity matches. */
	@Transactional(readOnly = true)
	public List<QueueItem> reviewQueue(Caller caller, int limit) {
		caller.requireRole(Role.AGENT, Role.ADMIN);
		return repository.awaitingReview(limit).stream().map(m -> {
			VersionRow latest = repository.version(m.id(), m.currentVersion()).orElseThrow();
			List<MerchantView.IdentityMatch> matches = matches(latest.identityIndex(), latest.phoneIndex(), m.id());
			return new QueueItem(m.id(), latest.shopName(), m.kind(), m.status(), latest.version(), latest.changeNote(),
					latest.submittedAt(), matches.size(), matches.stream().anyMatch(MerchantView.IdentityMatch::sanctioned));
		}).toList();
	}

	/**
	 * An entry of the review queue.
	 *
	 * @param merchantId merchant
	 * @param shopName shop name as submitted
	 * @param kind kind
	 * @param status current status
	 * @param version the version waiting
	 * @param submission APPLICATION, CHANGE or REVERIFICATION
	 * @param submittedAt when
	 * @param identityMatches how many other shops share its identity number or phone
	 * @param matchesSanctionedShop whether one of them is suspended or banned
	 */
	public record QueueItem(String merchantId, String shopName, MerchantKind kind, MerchantStatus status, int version,
			String submission, Instant submittedAt, int identityMatches, boolean matchesSanctionedShop) {
	}

	/** Notices to the merchant, newest first. */
	@Transactional(readOnly = true)
	public List<Notice> notices(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		Access.partiesOrStaff(NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		return repository.notices(merchantId, 50);
	}

	/**
	 * The shop's registered address from its approved file: where returns go when the shop names no other (a return
	 * approved by the shop's silence or by staff), disclosed to {@code recipient} and recorded in the access audit with
	 * its purpose. Empty for a shop never approved.
	 */
	@Transactional
	public Optional<String> registeredAddress(String merchantId, Caller recipient, Detail purpose) {
		Optional<String> address = repository.find(merchantId)
			.filter(m -> m.approvedVersion() != null)
			.flatMap(m -> repository.version(merchantId, m.approvedVersion()))
			.map(v -> decrypt(v.addressEnc(), "address"));
		// often an individual seller's home: its disclosure to the consumer is audited like staff's unmasked reads
		address.ifPresent(a -> audit.unmaskedRead(recipient, "MERCHANT", merchantId, List.of("address"), purpose));
		return address;
	}

	/**
	 * The seller's real identity as CRPL art. 44 and E-Commerce Law art. 38 require the platform to give a consumer
	 * with a dispute: legal name, address, contact; for an enterprise its credit code, for an individual the ID number
	 * masked. The caller's module decides that the reader is entitled; this records the unmasked read in the access
	 * audit with its purpose. From the approved file (the identity in force when the goods were sold).
	 */
	@Transactional
	public SellerIdentity discloseIdentity(Caller reader, String merchantId, Detail purpose) {
		MerchantRow merchant = repository.find(merchantId)
			.filter(m -> m.approvedVersion() != null)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such shop."));
		VersionRow v = repository.version(merchantId, merchant.approvedVersion()).orElseThrow();
		audit.unmaskedRead(reader, "MERCHANT", merchantId, List.of("legalName", "address", "contactPhone"), purpose);
		return new SellerIdentity(merchantId, v.shopName(), v.kind(), decrypt(v.legalNameEnc(), "legalName"),
				v.kind() == MerchantKind.ENTERPRISE ? v.creditCode() : null,
				v.kind() == MerchantKind.INDIVIDUAL ? Masking.identityNumber(decrypt(v.idNumberEnc(), "idNumber")) : null,
				v.kind() == MerchantKind.ENTERPRISE ? decrypt(v.legalRepEnc(), "legalRepresentative") : null,
				decrypt(v.addressEnc(), "address"), decrypt(v.phoneEnc(), "contactPhone"), v.licenseNumber());
	}

	/**
	 * A seller's real identity (CRPL art. 44).
	 *
	 * @param merchantId merchant
	 * @param shopName shop name
	 * @param kind individual or enterprise
	 * @param legalName full legal name
	 * @param creditCode unified social credit code (enterprises)
	 * @param idNumberMasked resident ID, masked (individuals)
	 * @param legalRepresentative enterprise's legal representative
	 * @param address registered address
	 * @param contactPhone contact mobile
	 * @param licenseNumber business licence number, if any
	 */
	public record SellerIdentity(String merchantId, String shopName, MerchantKind kind, String legalName,
			String creditCode, String idNumberMasked, String legalRepresentative, String address, String contactPhone,
			String licenseNumber) {
	}

	/**
	 * A sanction decided in arbitration: a WARNING marks the record and tells the shop; SUSPEND also stops it selling
	 * (status SUSPENDED with the case as reason, lifted only by staff review). In the caller's transaction.
	 */
	@Transactional
	public void sanction(String merchantId, MarkKind kind, String ref, String reason) {
		Instant now = clock.instant();
		mark(merchantId, kind, ref);
		if (kind == MarkKind.ARBITRATION_SUSPENSION) {
			// a shop due for re-verification still sells, and one closing still owes its buyers: both are suspended too
			repository.changeStatus(merchantId, List.of(MerchantStatus.ACTIVE, MerchantStatus.PENDING_REVIEW,
					MerchantStatus.VERIFICATION_DUE, MerchantStatus.CLOSING), MerchantStatus.SUSPENDED, "arbitration " + ref,
					now);
		}
		repository.notice(merchantId, kind.name(), ref + ": " + reason, now);
	}

	/** The public shop (E-Commerce Law art. 15), for shops that were ever verified. */
	@Transactional(readOnly = true)
	public PublicShop publicShop(String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.filter(m -> m.approvedVersion() != null)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such shop."));
		VersionRow approved = repository.version(merchantId, merchant.approvedVersion()).orElseThrow();
		return publicShop(merchant, approved, depositFen(merchantId));
	}

	private PublicShop publicShop(MerchantRow merchant, VersionRow approved, long deposit) {
		return publicShop(merchant, approved, deposit, marks(merchant.id(), MarkKind.LATE_SHIPMENT));
	}

	private PublicShop publicShop(MerchantRow merchant, VersionRow approved, long deposit, long lateShipments) {
		String legalName = decrypt(approved.legalNameEnc(), "legalName");
		String entityName = approved.kind() == MerchantKind.ENTERPRISE ? legalName : Masking.personName(legalName);
		List<String> sanctions = new ArrayList<>();
		if (merchant.status() == MerchantStatus.SUSPENDED || merchant.status() == MerchantStatus.BANNED) {
			sanctions.add(merchant.status().name() + (merchant.statusReason() == null ? "" : ": " + merchant.statusReason()));
		}
		return new PublicShop(merchant.id(), approved.shopName(), entityName, approved.kind(), approved.licenseNumber(),
				approved.registrationExempt(), Regions.province(approved.regionCode()).orElse(null),
				Regions.provinceEnglish(approved.regionCode()).orElse(null), merchant.verifiedAt(), merchant.status(),
				deposit, List.copyOf(sanctions), lateShipments,
				merchant.status() == MerchantStatus.CLOSING ? merchant.closesAt() : null);
	}

	/**
	 * Tops up the guarantee deposit by a sandbox payment into the merchant's deposit account (E-Commerce Law art. 58).
	 * Verified shops only.
	 */
	@Transactional
	public DepositResult topUpDeposit(Caller caller, String merchantId, Money amount) {
		return topUpDeposit(caller, merchantId, amount, null);
	}

	/**
	 * {@link #topUpDeposit(Caller, String, Money)} named by the request's own id (the page's form id): the same form
	 * sent twice pays once.
	 */
	@Transactional
	public DepositResult topUpDeposit(Caller caller, String merchantId, Money amount, String requestId) {
		MerchantRow merchant = (requestId == null ? repository.find(merchantId) : repository.findForUpdate(merchantId))
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		Access.partiesOnly(NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		if (merchant.approvedVersion() == null) {
			throw ApiProblem.rule("MERCHANT_NOT_ACTIVE", "The shop must be verified before it pays its deposit.");
		}
		refuseClosed(merchant);
		if (amount == null || !amount.isPositive() || amount.fen() > 100_000_000_00L) {
			throw ApiProblem.invalidField("amountFen", "AMOUNT_INVALID", "a positive amount in fen, at most 100,000,000 CNY");
		}
		LedgerAccountId deposit = ledger.open(AccountKind.MERCHANT_DEPOSIT, merchantId);
		PaymentRequest request = new PaymentRequest(PaymentProvider.SANDBOX, PaymentPurpose.DEPOSIT, merchantId,
				caller.id().value(), amount, deposit, TransferCode.DEPOSIT_TOP_UP, null);
		// with a request id, the shop's row (locked above) serialises the same form sent twice
		PaymentView payment = requestId == null ? payments.start(request) : payments.start(request, "pay-dep-" + requestId);
		if (payment.status() == PaymentStatus.FAILED) {
			throw ApiProblem.rule("PAYMENT_FAILED", "The payment was declined: " + payment.failureReason());
		}
		return new DepositResult(depositFen(merchantId), payment.id(), payment.status());
	}

	/**
	 * {@code {depositFen, paymentId, paymentStatus}}.
	 *
	 * @param depositFen the deposit now
	 * @param paymentId the payment
	 * @param paymentStatus its status
	 */
	public record DepositResult(long depositFen, String paymentId, PaymentStatus paymentStatus) {
	}

	/** The merchant's money: available balance, deposit (and what it needs), money in escrow, debt. */
	@Transactional(readOnly = true)
	public BalanceView balance(Caller caller, String merchantId) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		Access.partiesOrStaff(NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		long available = ledger.balance(AccountKind.MERCHANT_AVAILABLE.idFor(merchantId)).map(b -> b.available().fen())
			.orElse(0L);
		long receivable = ledger.balance(AccountKind.MERCHANT_RECEIVABLE.idFor(merchantId))
			.map(b -> b.debitBalance().fen())
			.orElse(0L);
		return new BalanceView(available, depositFen(merchantId), requiredDeposit(merchant), inEscrow(merchantId), receivable,
				Math.max(0, available - receivable));
	}

	/**
	 * What the platform could recover from the merchant now: its available balance plus its deposit, less what it owes
	 * already. For other modules that must not let a merchant promise money the platform would end up paying (a
	 * complaint offer).
	 */
	@Transactional(readOnly = true)
	public long recoverableFen(String merchantId) {
		long available = ledger.balance(AccountKind.MERCHANT_AVAILABLE.idFor(merchantId)).map(b -> b.available().fen())
			.orElse(0L);
		long receivable = ledger.balance(AccountKind.MERCHANT_RECEIVABLE.idFor(merchantId))
			.map(b -> b.debitBalance().fen())
			.orElse(0L);
		return Math.max(0, available + depositFen(merchantId) - receivable);
	}

	/**
	 * {@link #recoverableFen} with the shop's available balance, deposit and receivable locked (in that order, the
	 * ledger's), for a check that money is then moved on: another order's refund or payout from the same shop waits, so
	 * the figure still holds when the money moves. Only in the caller's transaction.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public long lockedRecoverableFen(String merchantId) {
		long available = ledger.lockedBalance(AccountKind.MERCHANT_AVAILABLE.idFor(merchantId))
			.map(b -> b.available().fen())
			.orElse(0L);
		long deposit = ledger.lockedBalance(AccountKind.MERCHANT_DEPOSIT.idFor(merchantId))
			.map(Balance::creditBalance)
			.map(Money::fen)
			.orElse(0L);
		long receivable = ledger.lockedBalance(AccountKind.MERCHANT_RECEIVABLE.idFor(merchantId))
			.map(b -> b.debitBalance().fen())
			.orElse(0L);
		return Math.max(0, available + deposit - receivable);
	}

	/**
	 * {@code {availableFen, depositFen, inEscrowFen}} and more.
	 *
	 * @param availableFen what the merchant may withdraw
	 * @param depositFen guarantee deposit held
	 * @param requiredDepositFen the minimum for its categories
	 * @param inEscrowFen buyers' money held for its open orders
	 * @param receivableFen what it owes the platform after compensation first
	 * @param withdrawableFen what it may withdraw to its bank account: the available balance less what it owes
	 */
	public record BalanceView(long availableFen, long depositFen, long requiredDepositFen, long inEscrowFen,
			long receivableFen, long withdrawableFen) {
	}

	/**
	 * Refuses with 422 unless the merchant may list or sell in this category now: {@code MERCHANT_NOT_ACTIVE} (not
	 * verified, suspended, banned, re-verification 30 days overdue), {@code CATEGORY_NOT_REGISTERED},
	 * {@code DEPOSIT_TOO_LOW} (E-Commerce Law art. 58; minimums in configuration).
	 */
	@Transactional(readOnly = true)
	public SellerStanding requireMaySell(String merchantId, Category category) {
		MerchantRow merchant = repository.find(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		VersionRow approved = requireActive(merchant);
		long deposit = depositFen(merchantId);
		requireCategory(merchant, approved, deposit, category);
		return new SellerStanding(merchantId, approved.shopName(), merchant.status(), deposit);
	}

	/**
	 * For checkout: refuses as {@link #requireMaySell} unless the merchant may sell in every one of these categories
	 * now, and answers the merchant's account and public shop — from one read of the merchant, its approved file and
	 * its deposit.
	 */
	@Transactional(readOnly = true)
	public CheckoutSeller requireMaySellAll(String merchantId, java.util.Collection<Category> categories) {
		// the shop, its approved file and its late-shipment marks in one query: checkout is the hot path
		MerchantRepository.Standing standing = repository.standing(merchantId, MarkKind.LATE_SHIPMENT.name())
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		MerchantRow merchant = standing.merchant();
		requireMaySell(merchant);
		VersionRow approved = standing.approved();
		long deposit = depositFen(merchantId);
		for (Category category : categories) {
			requireCategory(merchant, approved, deposit, category);
		}
		return new CheckoutSeller(new AccountId(merchant.accountId()),
				publicShop(merchant, approved, deposit, standing.marks()));
	}

	/**
	 * The seller at checkout.
	 *
	 * @param account the merchant's account
	 * @param shop its public identity, as shown on the shop page
	 */
	public record CheckoutSeller(AccountId account, PublicShop shop) {
	}

	private VersionRow requireActive(MerchantRow merchant) {
		requireMaySell(merchant);
		return repository.version(merchant.id(), merchant.approvedVersion()).orElseThrow();
	}

	private static void requireMaySell(MerchantRow merchant) {
		if (!merchant.status().maySell() || merchant.approvedVersion() == null) {
			throw ApiProblem.rule("MERCHANT_NOT_ACTIVE", "The shop may not sell now (status " + merchant.status() + ").")
				.with("merchantStatus", merchant.status().name());
		}
	}

	private void requireCategory(MerchantRow merchant, VersionRow approved, long deposit, Category category) {
		if (category != null && !approved.categories().contains(category.code())) {
			throw ApiProblem.rule("CATEGORY_NOT_REGISTERED", "The shop is not registered for " + category.code() + ".");
		}
		long minimum = category == null ? requiredDeposit(merchant)
				: properties.minimumFor(category, approved.crossBorder());
		if (deposit < minimum) {
			throw ApiProblem.rule("DEPOSIT_TOO_LOW", "The guarantee deposit is " + deposit + " fen; " + minimum
					+ " fen are needed to sell " + (category == null ? "" : category.code()) + ".")
				.with("depositFen", deposit)
				.with("requiredFen", minimum);
		}
	}

	/**
	 * A merchant in good standing.
	 *
	 * @param merchantId merchant
	 * @param shopName shop name
	 * @param status status
	 * @param depositFen deposit held
	 */
	public record SellerStanding(String merchantId, String shopName, MerchantStatus status, long depositFen) {
	}

	long depositFen(String merchantId) {
		return ledger.balance(AccountKind.MERCHANT_DEPOSIT.idFor(merchantId)).map(Balance::creditBalance)
			.map(Money::fen)
			.orElse(0L);
	}

	/** Buyers' money held for the shop's open orders, as the orders module reports it. */
	private long inEscrow(String merchantId) {
		EscrowHoldings holdings = escrow.getIfAvailable();
		return holdings == null ? 0 : holdings.inEscrowFen(merchantId);
	}

	/**
	 * Puts a mark on the merchant's record (a late shipment, ...), once per kind and reference, in the caller's
	 * transaction.
	 */
	@Transactional
	public void mark(String merchantId, MarkKind kind, String ref) {
		boolean marked = jdbc.sql("select count(*) from merchant_mark where merchant_id = :merchant and kind = :kind and ref = :ref")
			.param("merchant", merchantId)
			.param("kind", kind.name())
			.param("ref", ref)
			.query(Long.class)
			.single() > 0;
		if (marked) {
			return;
		}
		jdbc.sql("insert into merchant_mark (id, merchant_id, kind, ref, at) values (:id, :merchant, :kind, :ref, :at)")
			.param("id", cn.fangxin.platform.Ids.next("mrk"))
			.param("merchant", merchantId)
			.param("kind", kind.name())
			.param("ref", ref)
			.param("at", cn.fangxin.platform.SqlTime.of(clock.instant()))
			.update();
	}

	/** How many marks of this kind the merchant has. */
	@Transactional(readOnly = true)
	public long marks(String merchantId, MarkKind kind) {
		return jdbc.sql("select count(*) from merchant_mark where merchant_id = :merchant and kind = :kind")
			.param("merchant", merchantId)
			.param("kind", kind.name())
			.query(Long.class)
			.single();
	}

	private long requiredDeposit(MerchantRow merchant) {
		Integer version = merchant.approvedVersion() != null ? merchant.approvedVersion() : merchant.currentVersion();
		VersionRow row = repository.version(merchant.id(), version).orElseThrow();
		return row.categories().stream()
			.map(Category::parse)
			.flatMap(Optional::stream)
			.mapToLong(c -> properties.minimumFor(c, row.crossBorder()))
			.max()
			.orElse(0);
	}

	private void openAccounts(String merchantId) {
		ledger.open(AccountKind.MERCHANT_AVAILABLE, merchantId);
		ledger.open(AccountKind.MERCHANT_DEPOSIT, merchantId);
		ledger.open(AccountKind.MERCHANT_RECEIVABLE, merchantId);
	}

	private static void refuseClosed(MerchantRow merchant) {
		if (merchant.status() == MerchantStatus.CLOSED) {
			throw ApiProblem.conflict("SHOP_CLOSED", "The shop is closed.");
		}
		if (merchant.status() == MerchantStatus.CLOSING) {
			throw ApiProblem.conflict("SHOP_CLOSING",
					"The shop has announced its closure: withdraw the announcement first.");
		}
	}

	private MerchantRow ownedForUpdate(Caller caller, String merchantId) {
		MerchantRow merchant = repository.findForUpdate(merchantId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such merchant."));
		Access.partiesOnly(NOT_FOUND, new AccountId(merchant.accountId())).check(caller);
		return merchant;
	}

	private MerchantView view(MerchantRow merchant, Caller caller) {
		VersionRow latest = repository.version(merchant.id(), merchant.currentVersion()).orElseThrow();
		boolean regulator = caller.role() == Role.REGULATOR;
		boolean staff = caller.isStaff() || regulator;
		if (staff) {
			audit.unmaskedRead(caller, "MERCHANT", merchant.id(), UNMASKED_FIELDS,
					Detail.of(regulator ? "auditPurpose.regulatorRecord" : "auditPurpose.registrationRecord"));
		}
		String idNumber = decrypt(latest.idNumberEnc(), "idNumber");
		String address = decrypt(latest.addressEnc(), "address");
		String phone = decrypt(latest.phoneEnc(), "contactPhone");
		VersionRow reviewed = lastReviewed(merchant.id(), latest);
		MerchantView.Review review = reviewed == null ? null
				: new MerchantView.Review(reviewed.version(), reviewed.reviewStatus(), reviewed.reviewReason(),
						reviewed.reviewedAt());
		return new MerchantView(merchant.id(), merchant.accountId(), merchant.status(), merchant.statusReason(),
				latest.kind(), latest.shopName(), decrypt(latest.legalNameEnc(), "legalName"),
				staff ? idNumber : Masking.identityNumber(idNumber), latest.creditCode(),
				decrypt(latest.legalRepEnc(), "legalRepresentative"), staff ? address : Masking.address(address),
				staff ? phone : Masking.phone(phone), latest.licenseNumber(), latest.registrationExempt(),
				latest.categories(), latest.crossBorder(), Regions.province(latest.regionCode()).orElse(null),
				latest.version(), merchant.approvedVersion(), "PENDING".equals(latest.reviewStatus()), review,
				merchant.verifiedAt(), merchant.nextVerificationDue(),
				// shops sharing the identity are staff's review aid; they may name applicants the registry does not hold
				caller.isStaff() ? matches(latest.identityIndex(), latest.phoneIndex(), merchant.id()) : null);
	}

	private VersionRow lastReviewed(String merchantId, VersionRow latest) {
		if (latest.reviewedAt() != null) {
			return latest;
		}
		List<VersionRow> versions = repository.versions(merchantId);
		for (int i = versions.size() - 1; i >= 0; i--) {
			if (versions.get(i).reviewedAt() != null) {
				return versions.get(i);
			}
		}
		return null;
	}

	private List<MerchantView.IdentityMatch> matches(String identityIndex, String phoneIndex, String exceptId) {
		return repository.sharing(identityIndex, phoneIndex, exceptId)
			.stream()
			.map(other -> new MerchantView.IdentityMatch(other.id(), other.shopName(), other.status(),
					other.identityIndex().equals(identityIndex) ? "IDENTITY" : "PHONE"))
			.toList();
	}

	private VersionView versionView(VersionRow v) {
		return new VersionView(v.version(), v.kind(), v.shopName(), decrypt(v.legalNameEnc(), "legalName"),
				decrypt(v.idNumberEnc(), "idNumber"), v.creditCode(), decrypt(v.legalRepEnc(), "legalRepresentative"),
				decrypt(v.addressEnc(), "address"), decrypt(v.phoneEnc(), "contactPhone"), v.licenseNumber(),
				v.registrationExempt(), v.categories(), v.crossBorder(), v.submittedBy(), v.submittedAt(), v.changeNote(),
				v.reviewStatus(), v.reviewedBy(), v.reviewedAt(), v.reviewReason());
	}

	private VersionRow versionRow(String merchantId, int version, RegistrationRules.Valid v, Caller caller, Instant now,
			String note) {
		return new VersionRow(merchantId, version, v.kind(), v.shopName(), encrypt(v.legalName(), "legalName"),
				encrypt(v.idNumber(), "idNumber"), v.creditCode(), encrypt(v.legalRepresentative(), "legalRepresentative"),
				encrypt(v.address(), "address"), encrypt(v.phone(), "contactPhone"), v.licenseNumber(),
				v.registrationExempt(), v.categories(), v.crossBorder(), v.regionCode(), identityIndex(v),
				phoneIndex(v.phone()), caller.id().value(), now, note, "PENDING", null, null, null);
	}

	private MerchantApplication merge(VersionRow latest, MerchantApplication patch) {
		MerchantApplication p = patch == null
				? new MerchantApplication(null, null, null, null, null, null, null, null, null, null, null, null, null) : patch;
		return new MerchantApplication(p.kind() != null ? p.kind() : latest.kind().name(),
				p.shopName() != null ? p.shopName() : latest.shopName(),
				p.legalName() != null ? p.legalName() : decrypt(latest.legalNameEnc(), "legalName"),
				p.idNumber() != null ? p.idNumber() : decrypt(latest.idNumberEnc(), "idNumber"),
				p.creditCode() != null ? p.creditCode() : latest.creditCode(),
				p.legalRepresentative() != null ? p.legalRepresentative()
						: decrypt(latest.legalRepEnc(), "legalRepresentative"),
				p.address() != null ? p.address() : decrypt(latest.addressEnc(), "address"),
				p.contactPhone() != null ? p.contactPhone() : decrypt(latest.phoneEnc(), "contactPhone"),
				p.licenseNumber() != null ? p.licenseNumber() : latest.licenseNumber(),
				p.registrationExempt() != null ? p.registrationExempt() : latest.registrationExempt(),
				p.categories() != null ? p.categories() : latest.categories(),
				p.crossBorder() != null ? p.crossBorder() : latest.crossBorder(), p.identityConsent());
	}

	private String identityNumber(VersionRow v) {
		return v.kind() == MerchantKind.INDIVIDUAL ? decrypt(v.idNumberEnc(), "idNumber") : v.creditCode();
	}

	private String identityIndex(RegistrationRules.Valid v) {
		return cipher.blindIndex(v.identityNumber(), "merchant.identity");
	}

	private String phoneIndex(String phone) {
		return cipher.blindIndex(phone, "phone");
	}

	private String encrypt(String value, String field) {
		return value == null ? null : cipher.encrypt(value, "merchant." + field);
	}

	private String decrypt(String value, String field) {
		return value == null ? null : cipher.decrypt(value, "merchant." + field);
	}

	private LocalDate today() {
		return clock.instant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
	}
}
