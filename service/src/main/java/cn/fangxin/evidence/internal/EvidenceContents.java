package cn.fangxin.evidence.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.fangxin.evidence.BlobStore;

/**
 * A record's content, wherever it is kept: in the database beside the record (small system-made content, committed
 * with it) or in the blob store by its SHA-256 (uploads, larger content).
 */
@Component
public class EvidenceContents {

	private final EvidenceRepository records;
	private final BlobStore blobs;

	EvidenceContents(EvidenceRepository records, BlobStore blobs) {
		this.records = records;
		this.blobs = blobs;
	}

	/** The content of record {@code id} whose SHA-256 is {@code sha256}; empty when neither its row nor the store has it. */
	public Optional<InputStream> open(String id, String sha256) throws IOException {
		Optional<byte[]> kept = records.content(id);
		if (kept.isPresent()) {
			return Optional.of(new ByteArrayInputStream(kept.get()));
		}
		return blobs.open(sha256);
	}
}
