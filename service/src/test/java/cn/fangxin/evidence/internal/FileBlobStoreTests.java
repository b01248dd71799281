package cn.fangxin.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.fangxin.evidence.BlobStore;
import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.verify.Merkle;

/** The file blob store: content under its SHA-256, stored once, no temporary files left behind. */
class FileBlobStoreTests {

	@TempDir
	Path dataDir;

	private FileBlobStore store() {
		return new FileBlobStore(new FangxinProperties(dataDir, false, null, null, null, null));
	}

	@Test
	void storesBytesAndStreamsUnderTheirHashOnce() throws IOException {
		FileBlobStore store = store();
		byte[] content = "订单快照 order snapshot".getBytes(StandardCharsets.UTF_8);
		String sha = HexFormat.of().formatHex(Merkle.sha256().digest(content));

		BlobStore.Stored first = store.put(content);
		BlobStore.Stored again = store.put(content);
		BlobStore.Stored streamed = store.put(new ByteArrayInputStream(content), 1024);

		assertThat(first.sha256()).isEqualTo(sha);
		assertThat(again.sha256()).isEqualTo(sha);
		assertThat(streamed.sha256()).isEqualTo(sha);
		assertThat(first.size()).isEqualTo(content.length);
		assertThat(first.head()).isEqualTo(content);
		assertThat(read(store, sha)).isEqualTo(content);
		assertThat(files()).containsExactly(store.pathOf(sha));
	}

	@Test
	void makesADirectoryAgainWhenItWasRemoved() throws IOException {
		FileBlobStore store = store();
		byte[] content = "first".getBytes(StandardCharsets.UTF_8);
		BlobStore.Stored stored = store.put(content);
		Path shard = store.pathOf(stored.sha256()).getParent();
		Files.delete(store.pathOf(stored.sha256()));
		Files.delete(shard);

		BlobStore.Stored again = store.put(content);

		assertThat(read(store, again.sha256())).isEqualTo(content);
	}

	@Test
	void refusesTooLargeContentAndKeepsNothing() throws IOException {
		FileBlobStore store = store();

		assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[2048]), 1024))
			.isInstanceOf(BlobStore.TooLarge.class);

		assertThat(files()).isEmpty();
	}

	private static byte[] read(FileBlobStore store, String sha) throws IOException {
		try (InputStream in = store.open(sha).orElseThrow()) {
			return in.readAllBytes();
		}
	}

	private java.util.List<Path> files() throws IOException {
		try (Stream<Path> walk = Files.walk(dataDir)) {
			return walk.filter(Files::isRegularFile).toList();
		}
	}
}
