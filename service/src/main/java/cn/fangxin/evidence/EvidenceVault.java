package cn.fangxin.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.tika.Tika;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.evidence.internal.EvidenceRepository;
import cn.fangxin.evidence.internal.TransparencyLog;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Ids;
import cn.fangxin.verify.EvidenceLeaf;

/**
 * Recording evidence and reading it back. Every record — uploaded by a party or made by the system — becomes one leaf
 * of the transparency log in the transaction that records it. Content is stored by its SHA-256; its media type is
 * detected from the bytes (Apache Tika), never taken from the client, and must be on the allow-list.
 */
@Service
public class EvidenceVault {

	static final String NOT_FOUND = "EVIDENCE_NOT_FOUND";
	/** System-made content up to this size is kept in the database beside its record and commits with it. */
	static final int IN_DATABASE_MAX_BYTES = 64 * 1024;
	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

	private final EvidenceRepository repository;
	private final TransparencyLog log;
	private final BlobStore blobs;
	private final cn.fangxin.evidence.internal.EvidenceContents contents;
	private final Clock clock;
	private final long maxBytes;
	private final Set<String> allowed;
	private final Tika tika = new Tika();
	private final cn.fangxin.evidence.internal.EvidenceWriter writer;
	private final org.springframework.beans.factory.ObjectProvider<EvidenceSubjects> subjects;

	EvidenceVault(EvidenceRepository repository, TransparencyLog log, BlobStore blobs,
			cn.fangxin.evidence.internal.EvidenceContents contents, Clock clock,
			cn.fangxin.evidence.internal.EvidenceWriter writer, org.springframework.beans.factory.ObjectProvider<EvidenceSubjects> subjects,
			@Value("${fangxin.evidence.max-size:20MB}") DataSize maxSize,
			@Value("${fangxin.evidence.media-types:image/png,image/jpeg,image/gif,image/webp,image/heic,application/pdf,application/ofd,text/plain,video/mp4,video/quicktime,audio/mpeg,audio/mp4,application/json}") List<String> allowed) {
		this.repository = repository;
		this.log = log;
		this.blobs = blobs;
		this.contents = contents;
		this.clock = clock;
		this.writer = writer;
		this.subjects = subjects;
		this.maxBytes = maxSize.toBytes();
		this.allowed = new LinkedHashSet<>(allowed);
	}

	/**
	 * A party uploads evidence. Too large: 413 {@code PAYLOAD_TOO_LARGE}; a type not allowed: 415
	 * {@code MEDIA_TYPE_NOT_ALLOWED}; a system kind: 400 {@code KIND_INVALID}.
	 */
	@Transactional
	public EvidenceView upload(Caller caller, EvidenceKind kind, InputStream content, Instant occurredAt, String orderId,
			String complaintId, List<AccountId> otherParties) {
		if (kind == null || !kind.uploadable()) {
			throw ApiProblem.invalidField("kind", "KIND_INVALID", "one of SCREENSHOT, CHAT_EXPORT, PAYMENT_VOUCHER, "
					+ "LOGISTICS_PROOF, AD_PAGE_CAPTURE, APPRAISAL_REPORT, INVOICE, OTHER");
		}
		java.util.Set<AccountId> subjectParties = new java.util.LinkedHashSet<>();
		subjectParties.addAll(partiesOf(caller, EvidenceBundles.Subject.ORDER, orderId, "ORDER_NOT_FOUND"));
		subjectParties.addAll(partiesOf(caller, EvidenceBundles.Subject.COMPLAINT, complaintId, "COMPLAINT_NOT_FOUND"));
		BlobStore.Stored stored;
		try {
			stored = blobs.put(content, maxBytes);
		}
		catch (BlobStore.TooLarge e) {
			throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
					"Evidence files may be at most " + maxBytes + " bytes.").with("limitBytes", maxBytes);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (stored.size() == 0) {
			throw ApiProblem.invalidField("file", "FILE_EMPTY", "the file is empty");
		}
		String mediaType = tika.detect(stored.head());
		if ("application/zip".equals(mediaType) && isOfd(stored.sha256())) {
			mediaType = OFD;
		}
		if (!allowed.contains(mediaType)) {
			throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "MEDIA_TYPE_NOT_ALLOWED",
					"Files of type " + mediaType + " are not accepted as evidence; allowed: " + allowed);
		}
		List<String> parties = new ArrayList<>();
		parties.add(caller.id().value());
		otherParties.forEach(p -> parties.add(p.value()));
		subjectParties.stream().map(AccountId::value).filter(p -> !parties.contains(p)).forEach(parties::add);
		return record(kind, stored.sha256(), stored.size(), mediaType, occurredAt, orderId, complaintId,
				caller.id().value(), parties, null);
	}

	/**
	 * The parties of the order or complaint a record is filed under, checked: a caller who is neither one of them nor
	 * staff gets 404, as for an id that does not exist. Subjects no module owns yet are taken as given.
	 */
	private java.util.Set<AccountId> partiesOf(Caller caller, EvidenceBundles.Subject subject, String id, String code) {
		if (id == null || id.isBlank()) {
			return java.util.Set.of();
		}
		List<EvidenceSubjects> owners = subjects.orderedStream().filter(s -> s.supports(subject)).toList();
		if (owners.isEmpty()) {
			return java.util.Set.of();
		}
		java.util.Set<AccountId> parties = owners.stream()
			.map(s -> s.parties(subject, id))
			.flatMap(java.util.Optional::stream)
			.findFirst()
			.orElseThrow(() -> ApiProblem.notFound(code, "No such " + subject.name().toLowerCase() + "."));
		if (!caller.isStaff() && !parties.contains(caller.id())) {
			throw ApiProblem.notFound(code, "No such " + subject.name().toLowerCase() + ".");
		}
		return parties;
	}

	/**
	 * The system records evidence it made (an order snapshot, a listing version, a case event), in the caller's
	 * transaction. The parties may read it; staff always may. Content up to 64 KiB is kept in the database beside
	 * the record, so the caller's commit makes both durable together; larger content goes to the blob store.
	 */
	@Transactional
	public EvidenceView recordSystem(EvidenceKind kind, byte[] content, String mediaType, String orderId,
			String complaintId, List<AccountId> parties) {
		List<String> readers = parties.stream().map(AccountId::value).toList();
		if (content.length <= IN_DATABASE_MAX_BYTES) {
			String sha256 = java.util.HexFormat.of().formatHex(cn.fangxin.verify.Merkle.sha256().digest(content));
			return record(kind, sha256, content.length, mediaType, null, orderId, complaintId, "SYSTEM", readers,
					content.clone());
		}
		BlobStore.Stored stored;
		try {
			stored = blobs.put(content);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return record(kind, stored.sha256(), stored.size(), mediaType, null, orderId, complaintId, "SYSTEM", readers,
				null);
	}

	/**
	 * Records system-made evidence through the group-commit writer: many records share one transaction and one commit,
	 * and the future completes once they are durable, with their leaf indices. For callers that do not need the record
	 * in a transaction of their own.
	 */
	public java.util.concurrent.CompletableFuture<EvidenceView> submitSystem(EvidenceKind kind, byte[] content,
			String mediaType, String orderId, String complaintId, List<AccountId> parties) {
		return writer.submit(() -> recordSystem(kind, content, mediaType, orderId, complaintId, parties));
	}

	/** The Open Fixed-layout Document of GB/T 33190, in which China's electronic invoices are issued. */
	static final String OFD = "application/ofd";

	/**
	 * Whether a zip is an OFD document: GB/T 33190 has its entry file {@code OFD.xml} at the package's root. Tika sees
	 * only a zip. The zip's central directory is read from a temporary copy, so that nothing is inflated (a zip bomb
	 * costs nothing here); a damaged zip is not an OFD document.
	 */
	private boolean isOfd(String sha256) {
		java.nio.file.Path copy = null;
		try (InputStream in = blobs.open(sha256).orElseThrow(() -> new IOException("blob " + sha256 + " is gone"))) {
			copy = java.nio.file.Files.createTempFile("fangxin-zip-", ".zip");
			java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(copy.toFile())) {
				return zip.getEntry("OFD.xml") != null;
			}
		}
		catch (IOException | IllegalArgumentException e) {
			return false;
		}
		finally {
			if (copy != null) {
				try {
					java.nio.file.Files.deleteIfExists(copy);
				}
				catch (IOException e) {
					copy.toFile().deleteOnExit();
				}
			}
		}
	}

	private EvidenceView record(EvidenceKind kind, String sha256, long size, String mediaType, Instant occurredAt,
			String orderId, String complaintId, String submitter, List<String> parties, byte[] kept) {
		String id = Ids.next("evd");
		Instant recorded = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		EvidenceLeaf leaf = new EvidenceLeaf(id, kind.name(), sha256, size, mediaType, RFC3339.format(recorded),
				occurredAt == null ? null : RFC3339.format(occurredAt), orderId, complaintId, submitter);
		byte[] bytes = leaf.encode();
		EvidenceView view = new EvidenceView(id, kind, sha256, size, mediaType, null, recorded, occurredAt, orderId,
				complaintId, submitter);
		log.appendAtCommit(view, parties, bytes, kept);
		return view;
	}

	/** A record, for its parties and staff; 404 for anyone else. */
	@Transactional(readOnly = true)
	public EvidenceView get(Caller caller, String id) {
		return readable(caller, id).view();
	}

	/**
	 * 404 {@code ORDER_NOT_FOUND} or {@code COMPLAINT_NOT_FOUND} unless the caller is a party of the order or complaint,
	 * or staff: a list of another party's records answers as if the subject did not exist, not with an empty list.
	 */
	@Transactional(readOnly = true)
	public void requireParty(Caller caller, EvidenceBundles.Subject subject, String id) {
		partiesOf(caller, subject, id, subject == EvidenceBundles.Subject.ORDER ? "ORDER_NOT_FOUND" : "COMPLAINT_NOT_FOUND");
	}

	/** The records filed under an order that the caller may read (its parties' uploads, system records), oldest first. */
	@Transactional(readOnly = true)
	public java.util.List<EvidenceView> ofOrder(Caller caller, String orderId) {
		return repository.ofOrder(orderId)
			.stream()
			.filter(row -> caller.isStaff() || row.parties().contains(caller.id().value()))
			.map(EvidenceRepository.Row::view)
			.toList();
	}

	/**
	 * Records by id and the records filed under a complaint, without an access check: for the module owning the
	 * complaint, which checked its caller (the evidence checklist, the referral package's evidence list).
	 */
	@Transactional(readOnly = true)
	public java.util.List<EvidenceView> forCase(java.util.Collection<String> ids, String complaintId) {
		java.util.Map<String, EvidenceView> found = new java.util.LinkedHashMap<>();
		for (String id : ids) {
			repository.find(id).ifPresent(r -> found.put(id, r.view()));
		}
		if (complaintId != null) {
			repository.ofComplaint(complaintId).forEach(r -> found.putIfAbsent(r.view().id(), r.view()));
		}
		return java.util.List.copyOf(found.values());
	}

	/**
	 * The records the caller uploaded, newest first, {@code limit} at most, below the log position {@code cursor}
	 * (the last leaf index of the previous page) when given.
	 */
	@Transactional(readOnly = true)
	public java.util.List<EvidenceView> mine(Caller caller, Long cursor, int limit) {
		return repository.bySubmitter(caller.id().value(), cursor, limit)
			.stream()
			.map(EvidenceRepository.Row::view)
			.toList();
	}

	/** The caller's recent orders (and other subjects) evidence may be filed under, newest first. */
	public java.util.List<EvidenceSubjects.Choice> choicesFor(Caller caller) {
		return subjects.orderedStream().flatMap(s -> s.recentFor(caller).stream()).toList();
	}

	/** The records filed under a complaint that the caller may read, oldest first. */
	@Transactional(readOnly = true)
	public java.util.List<EvidenceView> ofComplaint(Caller caller, String complaintId) {
		return repository.ofComplaint(complaintId)
			.stream()
			.filter(row -> caller.isStaff() || row.parties().contains(caller.id().value()))
			.map(EvidenceRepository.Row::view)
			.toList();
	}

	/** A record's content, for its parties and staff. */
	@Transactional(readOnly = true)
	public Content content(Caller caller, String id) {
		EvidenceView view = readable(caller, id).view();
		try {
			InputStream in = contents.open(view.id(), view.sha256())
				.orElseThrow(() -> new ApiProblem(HttpStatus.GONE, "EVIDENCE_CONTENT_MISSING",
						"The content of this record is missing from the store; staff have been told by the audit."));
			return new Content(view, in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A record's content and metadata. */
	public record Content(EvidenceView view, InputStream stream) {
	}

	private EvidenceRepository.Row readable(Caller caller, String id) {
		EvidenceRepository.Row row = repository.find(id)
			.orElseThrow(() -> ApiProblem.notFound(NOT_FOUND, "No such evidence."));
		if (!caller.isStaff() && !row.parties().contains(caller.id().value())) {
			throw ApiProblem.notFound(NOT_FOUND, "No such evidence.");
		}
		return row;
	}
}
