package cn.fangxin.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.catalog.internal.ListingRepository;
import cn.fangxin.catalog.internal.ListingRepository.ListingRow;
import cn.fangxin.catalog.internal.ListingRepository.VersionRow;
import cn.fangxin.catalog.internal.ListingRules;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.merchant.Merchants;
import tools.jackson.databind.ObjectMapper;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Ids;

/** Listing goods, changing them (each change a new version) and delisting them; reading them is public. */
@Service
public class Listings {

	static final String NOT_FOUND = "LISTING_NOT_FOUND";

	private final ListingRepository repository;
	private final Merchants merchants;
	private final EvidenceVault vault;
	private final ObjectMapper json;
	private final Clock clock;

	Listings(ListingRepository repository, Merchants merchants, EvidenceVault vault, ObjectMapper json, Clock clock) {
		this.repository = repository;
		this.merchants = merchants;
		this.vault = vault;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Lists goods. The caller's shop must be in good standing, registered for the category and have the category's
	 * deposit (422 {@code MERCHANT_NOT_ACTIVE}, {@code CATEGORY_NOT_REGISTERED}, {@code DEPOSIT_TOO_LOW}).
	 */
	@Transactional
	public ListingView create(Caller caller, ListingRequest request) {
		String merchantId = shopOf(caller);
		ListingRules.Valid valid = ListingRules.check(request);
		requireOwnEvidence(caller, valid, java.util.Set.of());
		merchants.requireMaySell(merchantId, valid.category());
		Instant now = clock.instant();
		ReferencePriceRule.check(valid.referencePriceFen(), valid.priceFen(), List.of(), now);
		String id = Ids.next("lst");
		repository.insertListing(id, merchantId, now);
		repository.insertVersion(id, 1, valid, caller.id().value(), now);
		recordVersion(caller, id, merchantId, 1);
		return view(repository.find(id).orElseThrow(), 1);
	}

	/**
	 * The images and the brand's authorisation a listing cites are records the shop itself uploaded: not another shop's
	 * authorisation, not a system record, not an id that does not exist. 422 {@code EVIDENCE_NOT_FOUND}. What the
	 * current version cites already is not asked again (a price change does not fail on a picture kept as it was).
	 */
	private void requireOwnEvidence(Caller caller, ListingRules.Valid valid, java.util.Set<String> citedBefore) {
		List<String> cited = new java.util.ArrayList<>(valid.imageEvidenceIds());
		if (valid.brandAuthorizationEvidenceId() != null) {
			cited.add(valid.brandAuthorizationEvidenceId());
		}
		cited.removeAll(citedBefore);
		for (String evidenceId : cited) {
			cn.fangxin.evidence.EvidenceView evidence;
			try {
				evidence = vault.get(caller, evidenceId);
			}
			catch (ApiProblem notReadable) {
				evidence = null;
			}
			if (evidence == null || !evidence.kind().uploadable() || !caller.id().value().equals(evidence.submitter())) {
				throw ApiProblem.rule("EVIDENCE_NOT_FOUND", "No evidence record " + evidenceId + " uploaded by your shop.")
					.with("evidenceId", evidenceId);
			}
		}
	}

	/** Changes a listing: a new version; the earlier ones stay readable. Only the owning shop may. */
	@Transactional
	public ListingView update(Caller caller, String listingId, ListingRequest merged) {
		ListingRow listing = owned(caller, listingId, true);
		if (listing.status() == ListingStatus.DELISTED) {
			throw ApiProblem.conflict("LISTING_DELISTED", "A delisted listing cannot be changed; list the goods anew.");
		}
		ListingRules.Valid valid = ListingRules.check(merged);
		ListingRules.Valid current = repository.version(listingId, listing.currentVersion()).orElseThrow().content();
		java.util.Set<String> citedBefore = new java.util.HashSet<>(current.imageEvidenceIds());
		if (current.brandAuthorizationEvidenceId() != null) {
			citedBefore.add(current.brandAuthorizationEvidenceId());
		}
		requireOwnEvidence(caller, valid, citedBefore);
		merchants.requireMaySell(listing.merchantId(), valid.category());
		Instant now = clock.instant();
		ReferencePriceRule.check(valid.referencePriceFen(), valid.priceFen(), repository.prices(listingId), now);
		int version = listing.currentVersion() + 1;
		repository.insertVersion(listingId, version, valid, caller.id().value(), now);
		repository.setCurrentVersion(listingId, version, now);
		recordVersion(caller, listingId, listing.merchantId(), version);
		return view(repository.find(listingId).orElseThrow(), version);
	}

	/** The request that reproduces the current version, for merging a partial change onto it. */
	@Transactional(readOnly = true)
	public ListingRequest currentAsRequest(Caller caller, String listingId) {
		ListingRow listing = owned(caller, listingId, false);
		ListingRules.Valid v = repository.version(listingId, listing.currentVersion()).orElseThrow().content();
		return new ListingRequest(v.title(), v.description(), v.category().code(), v.priceFen(), v.referencePriceFen(),
				v.functions(), v.formatClauses(), new ListingRequest.ReturnPolicy(v.sevenDayNoReason(),
						v.exclusionReason() == null ? null : v.exclusionReason().name()),
				v.brand(), v.brandAuthorizationEvidenceId(), v.imageEvidenceIds(), v.shipWithinHours());
	}

	/** Takes a listing off sale; its versions and the orders' snapshots stay. */
	@Transactional
	public ListingView delist(Caller caller, String listingId) {
		ListingRow listing = owned(caller, listingId, true);
		repository.delist(listingId, clock.instant());
		return view(repository.find(listingId).orElseThrow(), listing.currentVersion());
	}

	/** The current version (public). */
	@Transactional(readOnly = true)
	public ListingView get(String listingId) {
		ListingRow listing = repository.find(listingId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such listing."));
		return view(listing, listing.currentVersion());
	}

	/**
	 * The current version as checkout reads it: the listing and its version in one query, without the shop's name
	 * (checkout has the shop from the merchant registry).
	 */
	@Transactional(readOnly = true)
	public ListingView forCheckout(String listingId) {
		ListingRepository.Current current = repository.current(listingId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such listing."));
		return view(current.listing(), current.version(), null);
	}

	/** A given version (public). */
	@Transactional(readOnly = true)
	public ListingView version(String listingId, int version) {
		ListingRow listing = repository.find(listingId)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such listing."));
		if (version < 1 || version > listing.currentVersion()) {
			throw ApiProblem.notFound("LISTING_VERSION_NOT_FOUND", "No such version of this listing.");
		}
		return view(listing, version);
	}

	/** Every price the listing had, oldest first (public). */
	@Transactional(readOnly = true)
	public List<PricePoint> priceHistory(String listingId) {
		repository.find(listingId).orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such listing."));
		return repository.prices(listingId);
	}

	/** A shop's listings on sale (public). */
	@Transactional(readOnly = true)
	public List<ListingView> onSaleBy(String merchantId, int limit) {
		return repository.byMerchant(merchantId, true, limit)
			.stream()
			.map(l -> view(l, l.currentVersion()))
			.toList();
	}

	/**
	 * Goods on sale, newest first, from shops that may sell now (a suspended shop's goods are not offered); with
	 * {@code text}, only those whose title contains it (case-insensitive).
	 */
	@Transactional(readOnly = true)
	public List<ListingView> onSale(String text, int limit) {
		Map<String, Boolean> selling = new HashMap<>();
		String search = text == null || text.isBlank() ? null : text.strip();
		return repository.onSale(search, Math.max(1, Math.min(limit, 200)))
			.stream()
			.filter(l -> selling.computeIfAbsent(l.merchantId(), m -> merchants.publicShop(m).status().maySell()))
			.map(l -> view(l, l.currentVersion()))
			.toList();
	}

	/** All of the caller's shop's listings, delisted ones too. */
	@Transactional(readOnly = true)
	public List<ListingView> mine(Caller caller, int limit) {
		String merchantId = shopOf(caller);
		return repository.byMerchant(merchantId, false, limit).stream().map(l -> view(l, l.currentVersion())).toList();
	}

	/**
	 * Every version is also evidence (E-Commerce Law art. 31: goods and transaction records kept): the version as
	 * buyers saw it, in the transparency log, readable by the shop and staff (and anyone, through the public pages).
	 */
	private void recordVersion(Caller caller, String listingId, String merchantId, int version) {
		ListingView view = view(repository.find(listingId).orElseThrow(), version);
		byte[] content = json.writeValueAsBytes(view);
		var evidence = vault.recordSystem(EvidenceKind.LISTING_VERSION, content, "application/json", null, null,
				List.of(caller.id()));
		repository.setEvidence(listingId, version, evidence.id());
	}

	private String shopOf(Caller caller) {
		caller.requireRole(Role.MERCHANT);
		return merchants.merchantOfAccount(caller.id())
			.orElseThrow(() -> ApiProblem.rule("MERCHANT_NOT_ACTIVE", "Apply as a merchant before listing goods."));
	}

	private ListingRow owned(Caller caller, String listingId, boolean lock) {
		var found = lock ? repository.findForUpdate(listingId) : repository.find(listingId);
		ListingRow listing = found.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such listing."));
		boolean mine = caller.role() == Role.MERCHANT
				&& merchants.merchantOfAccount(caller.id()).map(listing.merchantId()::equals).orElse(false);
		if (!mine) {
			throw ApiProblem.notFound(NOT_FOUND, "No such listing.");
		}
		return listing;
	}

	private ListingView view(ListingRow listing, int version) {
		return view(listing, repository.version(listing.id(), version).orElseThrow(),
				merchants.shopName(listing.merchantId()));
	}

	private static ListingView view(ListingRow listing, VersionRow row, String shopName) {
		ListingRules.Valid v = row.content();
		int version = row.version();
		return new ListingView(listing.id(), listing.merchantId(), shopName, version, listing.currentVersion(),
				listing.status(), v.title(), v.description(), v.category().code(), v.priceFen(), v.referencePriceFen(),
				v.functions(), v.formatClauses(), new ListingView.Policy(v.sevenDayNoReason(), v.exclusionReason()), v.brand(),
				v.brandAuthorizationEvidenceId(), v.imageEvidenceIds(), v.shipWithinHours(), listing.createdAt(),
				row.createdAt(), row.evidenceId());
	}
}
