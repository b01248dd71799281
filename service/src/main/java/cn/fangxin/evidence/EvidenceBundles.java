package cn.fangxin.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.evidence.internal.Checkpoints;
import cn.fangxin.evidence.internal.EvidenceRepository;
import cn.fangxin.evidence.internal.LogKeys;
import cn.fangxin.evidence.internal.TransparencyLog;
import cn.fangxin.platform.ApiProblem;

/**
 * Evidence bundles (E-Commerce Law art. 62: the platform provides the original records in a dispute): a ZIP with every
 * record of an order or complaint — content, leaf bytes, inclusion proofs — to one signed checkpoint, with the log's
 * key, in the format the offline verifier reads ({@code cn.fangxin.verify.Bundles}).
 */
@Service
public class EvidenceBundles {

	private final EvidenceRepository repository;
	private final TransparencyLog log;
	private final Checkpoints checkpoints;
	private final LogKeys keys;
	private final cn.fangxin.evidence.internal.EvidenceContents contents;
	private final org.springframework.beans.factory.ObjectProvider<EvidenceSubjects> subjects;

	EvidenceBundles(EvidenceRepository repository, TransparencyLog log, Checkpoints checkpoints, LogKeys keys,
			cn.fangxin.evidence.internal.EvidenceContents contents,
			org.springframework.beans.factory.ObjectProvider<EvidenceSubjects> subjects) {
		this.subjects = subjects;
		this.repository = repository;
		this.log = log;
		this.checkpoints = checkpoints;
		this.keys = keys;
		this.contents = contents;
	}

	/** The subject a bundle is about. */
	public enum Subject {
		ORDER, COMPLAINT
	}

	/** A bundle ready to be written. */
	public interface Bundle {
		void writeTo(OutputStream out) throws IOException;
	}

	/** The bundle for an order or complaint, for its parties and staff; 404 for anyone else or when there is nothing. */
	@Transactional(readOnly = true)
	public Bundle bundle(Caller caller, Subject subject, String id) {
		List<EvidenceRepository.Row> rows = subject == Subject.ORDER ? repository.ofOrder(id) : repository.ofComplaint(id);
		return bundle(caller, subject, id, rows, java.util.Map.of());
	}

	/**
	 * A complaint's bundle, for the complaints module after its own access check (parties, staff, the regulator it
	 * was referred to): the complaint's records, the order's records and the evidence attached to it, plus documents
	 * (a referral package) that ride along in the ZIP outside the manifest — they cite the records by id.
	 */
	@Transactional(readOnly = true)
	public Bundle complaintBundle(String complaintId, String orderId, java.util.Collection<String> attachedIds,
			java.util.Map<String, byte[]> documents) {
		java.util.Map<String, EvidenceRepository.Row> rows = new java.util.TreeMap<>();
		java.util.function.Consumer<EvidenceRepository.Row> add = r -> {
			if (r.view().leafIndex() != null) {
				rows.putIfAbsent(r.view().id(), r);
			}
		};
		repository.ofComplaint(complaintId).forEach(add);
		if (orderId != null) {
			repository.ofOrder(orderId).forEach(add);
		}
		attachedIds.forEach(id -> repository.find(id).ifPresent(add));
		List<EvidenceRepository.Row> ordered = rows.values()
			.stream()
			.sorted(java.util.Comparator.comparingLong(r -> r.view().leafIndex()))
			.toList();
		return bundle(null, Subject.COMPLAINT, complaintId, ordered, documents);
	}

	private Bundle bundle(Caller caller, Subject subject, String id, List<EvidenceRepository.Row> rows,
			java.util.Map<String, byte[]> documents) {
		// The module owning the subject says who its parties are; where none does (yet), a non-staff caller must be party
		// to every record, so that filing one record under someone else's id does not open their bundle.
		java.util.Optional<java.util.Set<cn.fangxin.account.AccountId>> parties = subjects.orderedStream()
			.filter(s -> s.supports(subject))
			.map(s -> s.parties(subject, id))
			.flatMap(java.util.Optional::stream)
			.findFirst();
		boolean allowed = caller == null || caller.isStaff() || (parties.isPresent() ? parties.get().contains(caller.id())
				: rows.stream().allMatch(r -> r.parties().contains(caller.id().value())));
		if (rows.isEmpty() || !allowed) {
			throw ApiProblem.notFound("BUNDLE_NOT_FOUND", "No evidence for this " + subject.name().toLowerCase() + ".");
		}
		long needed = rows.stream().mapToLong(r -> r.view().leafIndex()).max().orElse(0) + 1;
		Checkpoints.Signed checkpoint = checkpoints.latest()
			.filter(c -> c.size() >= needed)
			.or(checkpoints::signNow)
			.filter(c -> c.size() >= needed)
			.orElseThrow(() -> new IllegalStateException("no checkpoint covers the records yet"));
		StringBuilder manifest = new StringBuilder("fangxin-evidence-bundle 1\n")
			.append("subject ").append(subject).append(' ').append(id).append('\n')
			.append("origin ").append(keys.origin()).append('\n')
			.append("verifier-key ").append(keys.verifierKey()).append('\n')
			.append("checkpoint checkpoint.txt\n");
		java.util.Optional<byte[]> timestamp = checkpoints.timestamp(checkpoint.size());
		timestamp.ifPresent(t -> manifest.append("timestamp checkpoint.tsr\n"));
		for (EvidenceRepository.Row row : rows) {
			long index = row.view().leafIndex();
			String proof = log.inclusionProof(index, checkpoint.size())
				.stream()
				.map(h -> Base64.getEncoder().encodeToString(h))
				.collect(Collectors.joining(","));
			manifest.append("item ").append(row.view().id()).append(' ').append(index).append(" leaves/").append(index)
				.append(".bin files/").append(row.view().id()).append('\n');
			manifest.append("proof ").append(index).append(' ').append(proof.isEmpty() ? "-" : proof).append('\n');
		}
		String manifestText = manifest.toString();
		return out -> {
			try (ZipOutputStream zip = new ZipOutputStream(out)) {
				entry(zip, "manifest.txt", manifestText.getBytes(StandardCharsets.UTF_8));
				entry(zip, "checkpoint.txt", checkpoint.note().getBytes(StandardCharsets.UTF_8));
				if (timestamp.isPresent()) {
					entry(zip, "checkpoint.tsr", timestamp.get());
				}
				entry(zip, "README.txt", readme(id).getBytes(StandardCharsets.UTF_8));
				for (var document : documents.entrySet()) {
					entry(zip, document.getKey(), document.getValue());
				}
				for (EvidenceRepository.Row row : rows) {
					entry(zip, "leaves/" + row.view().leafIndex() + ".bin", row.leaf().getBytes(StandardCharsets.UTF_8));
					var content = contents.open(row.view().id(), row.view().sha256());
					if (content.isPresent()) {
						zip.putNextEntry(new ZipEntry("files/" + row.view().id()));
						try (InputStream in = content.get()) {
							in.transferTo(zip);
						}
						zip.closeEntry();
					}
				}
			}
		};
	}

	private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(bytes);
		zip.closeEntry();
	}

	private String readme(String id) {
		return """
				Fangxin evidence bundle for %s.

				Verify it offline, without trusting the platform:
				  java -jar fangxin-verify.jar <this file>.zip
				The verifier checks the checkpoint's Ed25519 signature, each record's inclusion in the signed Merkle tree
				(RFC 9162) and each file's SHA-256. Compare the log key it prints with the key the platform publishes at
				/api/v1/log/public-key (or one obtained earlier): %s
				""".formatted(id, keys.verifierKey());
	}
}
