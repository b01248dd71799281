package cn.fangxin.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import cn.fangxin.evidence.BlobStore;
import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.verify.Merkle;

/**
 * Blobs as files under {@code <data-dir>/blobs/ab/cd/<sha256>}: streamed to a temporary file while hashed, synced to
 * disk, then moved to their name, and the directory synced: once {@code put} returns, the blob survives a power cut,
 * so a record that commits after it never points at content the disk lost. Client file names are never used as paths.
 * Directories made once are remembered, so storing a blob does not ask the file system to make its directories again.
 */
@Component
class FileBlobStore implements BlobStore {

	private static final int HEAD = 8192;

	private final Path root;

	private final Set<Path> directories = ConcurrentHashMap.newKeySet();

	FileBlobStore(FangxinProperties properties) {
		this.root = properties.dataDir().resolve("blobs");
	}

	@Override
	public Stored put(InputStream content, long maxBytes) throws IOException {
		Path temp = tempFileIn(root);
		try {
			MessageDigest sha = Merkle.sha256();
			byte[] head = new byte[HEAD];
			int headLength = 0;
			long size = 0;
			byte[] buffer = new byte[64 * 1024];
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
					OutputStream out = Channels.newOutputStream(channel)) {
				int n;
				while ((n = content.read(buffer)) > 0) {
					size += n;
					if (size > maxBytes) {
						throw new TooLarge(maxBytes);
					}
					if (headLength < HEAD) {
						int copy = Math.min(n, HEAD - headLength);
						System.arraycopy(buffer, 0, head, headLength, copy);
						headLength += copy;
					}
					sha.update(buffer, 0, n);
					out.write(buffer, 0, n);
				}
				channel.force(true);
			}
			String hex = HexFormat.of().formatHex(sha.digest());
			Path target = pathOf(hex);
			if (!Files.exists(target)) {
				directory(target.getParent());
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
				syncDirectory(target.getParent());
			}
			return new Stored(hex, size, Arrays.copyOf(head, headLength));
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	@Override
	public Stored put(byte[] content) throws IOException {
		String hex = HexFormat.of().formatHex(Merkle.sha256().digest(content));
		Path target = pathOf(hex);
		if (!Files.exists(target)) {
			// Written beside its final name, so the move is a rename within one directory.
			Path temp = tempFileIn(target.getParent());
			boolean moved = false;
			try {
				try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
					ByteBuffer bytes = ByteBuffer.wrap(content);
					while (bytes.hasRemaining()) {
						channel.write(bytes);
					}
					channel.force(true);
				}
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
				moved = true;
				syncDirectory(target.getParent());
			}
			finally {
				if (!moved) {
					Files.deleteIfExists(temp);
				}
			}
		}
		return new Stored(hex, content.length, Arrays.copyOf(content, Math.min(content.length, HEAD)));
	}

	private Path tempFileIn(Path dir) throws IOException {
		directory(dir);
		try {
			return Files.createTempFile(dir, "upload-", ".tmp");
		}
		catch (NoSuchFileException removed) {
			// Removed since it was made: make it again.
			directories.remove(dir);
			directory(dir);
			return Files.createTempFile(dir, "upload-", ".tmp");
		}
	}

	private void directory(Path dir) throws IOException {
		if (!directories.contains(dir)) {
			if (!Files.isDirectory(dir)) { // one look instead of a refused mkdir and its exception
				Files.createDirectories(dir);
				// the new directories' names are entries of their parents: synced, as the blobs' names are
				for (Path made = dir; made != null && !made.equals(root.getParent()); made = made.getParent()) {
					syncDirectory(made.getParent());
				}
			}
			directories.add(dir);
		}
	}

	/**
	 * Syncs a directory, so that a name just created in it is on disk. Not every platform can open a directory (Windows
	 * cannot): there the file's own sync is all it gets.
	 */
	private static void syncDirectory(Path dir) {
		if (dir == null) {
			return;
		}
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException unsupported) {
			// a directory that cannot be opened for syncing: nothing more can be done for it here
		}
	}

	@Override
	public Optional<InputStream> open(String sha256) throws IOException {
		if (!sha256.matches("[0-9a-f]{64}")) {
			return Optional.empty();
		}
		Path path = pathOf(sha256);
		return Files.exists(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
	}

	Path pathOf(String sha256) {
		return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}
}
