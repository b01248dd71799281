package cn.fangxin.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where evidence content lives, addressed by its SHA-256: the same bytes are stored once, and a blob can be checked
 * against its name at any time. The file store under the data dir implements it; an S3-compatible store can replace it.
 */
public interface BlobStore {

	/**
	 * Stores a stream, hashing it on the way and refusing it beyond {@code maxBytes} (nothing kept then).
	 *
	 * @return its SHA-256 (hex), size and the first bytes (for detecting its media type)
	 */
	Stored put(InputStream content, long maxBytes) throws IOException;

	/** Stores bytes held in memory; content already stored is not written again. */
	Stored put(byte[] content) throws IOException;

	/** The content of a blob, if the store has it. */
	Optional<InputStream> open(String sha256) throws IOException;

	/**
	 * A stored blob.
	 *
	 * @param sha256 hex SHA-256
	 * @param size bytes
	 * @param head up to the first 8 KiB
	 */
	record Stored(String sha256, long size, byte[] head) {
	}

	/** Thrown when content is larger than allowed. */
	class TooLarge extends IOException {

		public TooLarge(long max) {
			super("content larger than " + max + " bytes");
		}
	}
}
