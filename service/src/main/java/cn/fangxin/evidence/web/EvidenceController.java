package cn.fangxin.evidence.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.fangxin.account.Caller;
import cn.fangxin.evidence.EvidenceBundles;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API.md "Evidence": upload, metadata, content. */
@RestController
@Tag(name = "Evidence")
class EvidenceController {

	private final EvidenceVault vault;
	private final EvidenceBundles bundles;

	EvidenceController(EvidenceVault vault, EvidenceBundles bundles) {
		this.vault = vault;
		this.bundles = bundles;
	}

	@PostMapping(path = "/api/v1/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Uploads evidence (multipart: file, kind, orderId?, complaintId?, occurredAt?)",
			description = "201 with its SHA-256, size, detected media type and final leaf index. 413 PAYLOAD_TOO_LARGE "
					+ "beyond 20 MB; 415 MEDIA_TYPE_NOT_ALLOWED.")
	ResponseEntity<EvidenceView> upload(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String orderId,
			@RequestParam(required = false) String complaintId, @RequestParam(required = false) String occurredAt,
			Caller caller) {
		if (file == null) {
			throw ApiProblem.invalidField("file", "FILE_REQUIRED", "attach the file as the multipart part 'file'");
		}
		EvidenceKind evidenceKind = parseKind(kind);
		Instant occurred = parseInstant(occurredAt);
		String id;
		try {
			id = vault.upload(caller, evidenceKind, file.getInputStream(), occurred, blank(orderId), blank(complaintId),
					List.of()).id();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		EvidenceView recorded = vault.get(caller, id);
		return ResponseEntity.created(URI.create("/api/v1/evidence/" + id)).body(recorded);
	}

	@GetMapping("/api/v1/evidence")
	@Operation(summary = "The records filed under an order or a complaint that the caller may read, oldest first; "
			+ "without either, the caller's own uploads, newest first (?limit=&cursor=, {items, nextCursor})")
	java.util.Map<String, Object> list(@RequestParam(required = false) String orderId,
			@RequestParam(required = false) String complaintId, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor, Caller caller) {
		if (orderId != null && complaintId != null) {
			throw ApiProblem.invalid("PARAMETER_INVALID", "Give at most one of orderId or complaintId.");
		}
		if (orderId == null && complaintId == null) {
			int size = limit == null ? 50 : limit;
			if (size < 1 || size > 200) {
				throw ApiProblem.invalidField("limit", "LIMIT_INVALID", "from 1 to 200");
			}
			Long after;
			try {
				after = cursor == null || cursor.isBlank() ? null : Long.valueOf(cursor);
			}
			catch (NumberFormatException e) {
				throw ApiProblem.invalidField("cursor", "CURSOR_INVALID", "the nextCursor of the previous page");
			}
			// one more than the page: a next page is offered only when it has something on it
			java.util.List<EvidenceView> found = vault.mine(caller, after, size + 1);
			java.util.List<EvidenceView> items = found.size() > size ? found.subList(0, size) : found;
			java.util.Map<String, Object> page = new java.util.LinkedHashMap<>();
			page.put("items", items);
			page.put("nextCursor", found.size() > size ? String.valueOf(items.get(items.size() - 1).leafIndex()) : null);
			return page;
		}
		vault.requireParty(caller, orderId != null ? EvidenceBundles.Subject.ORDER : EvidenceBundles.Subject.COMPLAINT,
				orderId != null ? orderId : complaintId);
		return java.util.Map.of("items", orderId != null ? vault.ofOrder(caller, orderId) : vault.ofComplaint(caller, complaintId));
	}

	@GetMapping("/api/v1/evidence/{id}")
	@Operation(summary = "An evidence record's metadata (its parties, staff)")
	EvidenceView get(@PathVariable String id, Caller caller) {
		return vault.get(caller, id);
	}

	@GetMapping("/api/v1/evidence/{id}/content")
	@Operation(summary = "An evidence record's bytes (its parties, staff)")
	ResponseEntity<InputStreamResource> content(@PathVariable String id, Caller caller) {
		EvidenceVault.Content content = vault.content(caller, id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(content.view().mediaType()))
			.contentLength(content.view().size())
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "\"")
			.header("X-Content-SHA256", content.view().sha256())
			.header("X-Content-Type-Options", "nosniff")
			.body(new InputStreamResource(content.stream()));
	}

	@GetMapping(path = "/api/v1/evidence/bundle", produces = "application/zip")
	@Operation(summary = "The evidence bundle of an order or a complaint (ZIP, verifiable offline with fangxin-verify.jar)")
	ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> bundle(
			@RequestParam(required = false) String orderId, @RequestParam(required = false) String complaintId,
			Caller caller) {
		if ((orderId == null) == (complaintId == null)) {
			throw ApiProblem.invalid("PARAMETER_INVALID", "Give exactly one of orderId or complaintId.");
		}
		var bundle = orderId != null ? bundles.bundle(caller, EvidenceBundles.Subject.ORDER, orderId)
				: bundles.bundle(caller, EvidenceBundles.Subject.COMPLAINT, complaintId);
		String name = "fangxin-evidence-" + (orderId != null ? orderId : complaintId) + ".zip";
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.body(bundle::writeTo);
	}

	private static EvidenceKind parseKind(String kind) {
		try {
			return kind == null ? null : EvidenceKind.valueOf(kind);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static Instant parseInstant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException e) {
			throw ApiProblem.invalidField("occurredAt", "INSTANT_INVALID", "an RFC 3339 instant such as 2026-11-22T09:30:00Z");
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
