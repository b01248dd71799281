package cn.fangxin.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.account.AccountId;
import cn.fangxin.evidence.internal.LogSequencer;
import cn.fangxin.evidence.internal.TransparencyLog;

import cn.fangxin.support.ApiTest;
import cn.fangxin.verify.EvidenceLeaf;
import cn.fangxin.verify.Merkle;
import cn.fangxin.verify.SignedNote;
import tools.jackson.databind.JsonNode;

/** The evidence vault and its transparency log through the public API, checked with the offline verifier's code. */
@Tag("persistence")
public class EvidenceLogTests extends ApiTest {

	static final byte[] PNG = HexFormat.of().parseHex(
			"89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000502027fe33b6a0000000049454e44ae426082");

	@Autowired
	EvidenceVault vault;

	@Autowired
	TransparencyLog log;

	@Autowired
	LogSequencer sequencer;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	cn.fangxin.evidence.internal.Checkpoints checkpoints;

	@Test
	@DisplayName("an upload is stored by its hash, typed by its bytes, in the log at once and in a signed checkpoint within 2 s")
	void uploadAndProve() {
		var alice = api.signUp("CONSUMER");
		byte[] png = png();
		var created = api.upload("/api/v1/evidence", alice.token(), "../../etc/passwd", png,
				Map.of("kind", "SCREENSHOT", "occurredAt", "2026-11-20T10:00:00Z"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode evidence = created.json();
		assertThat(evidence.path("mediaType").asString()).isEqualTo("image/png");
		assertThat(evidence.path("sha256").asString()).isEqualTo(HexFormat.of().formatHex(Merkle.sha256().digest(png)));
		long index = evidence.path("leafIndex").asLong(-1);
		assertThat(index).isNotNegative();

		String id = evidence.path("id").asString();
		assertThat(api.download("/api/v1/evidence/" + id + "/content", alice.token())).isEqualTo(png);
		assertThat(api.get("/api/v1/evidence/" + id).as(api.signUp("CONSUMER").token()).send().status()).isEqualTo(404);
		assertThat(api.get("/api/v1/evidence/" + id).as(api.demoToken("arbiter")).send().status()).isEqualTo(200);

		byte[] leaf = Base64.getDecoder().decode(api.get("/api/v1/log/entries/" + index).send().json().path("leaf").asString());
		EvidenceLeaf parsed = EvidenceLeaf.parse(leaf);
		assertThat(parsed.id()).isEqualTo(id);
		assertThat(parsed.sha256()).isEqualTo(evidence.path("sha256").asString());
		assertThat(new String(leaf, StandardCharsets.UTF_8)).doesNotContain(alice.username());

		String verifierKey = api.get("/api/v1/log/public-key").send().json().path("verifierKey").asString();
		SignedNote.Checkpoint checkpoint = await().atMost(Duration.ofSeconds(2)).until(() -> SignedNote.Checkpoint
			.parse(SignedNote.verify(api.get("/api/v1/log/checkpoint").send().body(), verifierKey)), c -> c.size() > index);
		var proof = api.get("/api/v1/log/proofs/inclusion?index=" + index + "&treeSize=" + checkpoint.size()).send().json();
		assertThat(Merkle.verifyInclusion(index, checkpoint.size(), Merkle.leafHash(leaf), decode(proof.path("hashes")),
				checkpoint.rootHash())).isTrue();
	}

	@Test
	@DisplayName("a person finds what they recorded: newest first, a page at a time, only their own, on the page and in the API")
	void myRecords() {
		var alice = api.signUp("CONSUMER");
		var bob = api.signUp("CONSUMER");
		java.util.List<String> ids = new java.util.ArrayList<>();
		for (String kind : java.util.List.of("SCREENSHOT", "CHAT_EXPORT", "PAYMENT_VOUCHER")) {
			ids.add(api.upload("/api/v1/evidence", alice.token(), "x.png", png(), Map.of("kind", kind)).json().path("id")
				.asString());
		}
		api.upload("/api/v1/evidence", bob.token(), "y.png", png(), Map.of("kind", "SCREENSHOT"));

		JsonNode first = api.get("/api/v1/evidence?limit=2").as(alice.token()).send().json();
		assertThat(first.path("items").findValuesAsString("id")).containsExactly(ids.get(2), ids.get(1));
		JsonNode second = api.get("/api/v1/evidence?limit=2&cursor=" + first.path("nextCursor").asString())
			.as(alice.token()).send().json();
		assertThat(second.path("items").findValuesAsString("id")).containsExactly(ids.get(0));
		assertThat(second.path("nextCursor").isNull() || second.path("nextCursor").isMissingNode()).as("the last page")
			.isTrue();
		JsonNode whole = api.get("/api/v1/evidence?limit=3").as(alice.token()).send().json();
		assertThat(whole.path("items")).hasSize(3);
		assertThat(whole.path("nextCursor").isNull() || whole.path("nextCursor").isMissingNode())
			.as("a full last page offers no empty page after it").isTrue();
		assertThat(api.get("/api/v1/evidence?cursor=x").as(alice.token()).send().code()).isEqualTo("CURSOR_INVALID");

		String page = cn.fangxin.support.PageSession.signedIn(api, alice.username(), alice.password())
			.get("/evidence?lang=zh-CN").body();
		assertThat(page).contains("我的存证", ids.get(0), ids.get(2), "聊天记录");
		assertThat(cn.fangxin.support.PageSession.signedIn(api, bob.username(), bob.password()).get("/evidence").body())
			.doesNotContain(ids.get(0));
	}

	@Test
	@DisplayName("uploads of a forbidden type or a system kind are refused; nothing enters the log")
	void refusals() {
		String token = api.signUp("CONSUMER").token();
		long before = log.sequencedSize();
		var script = api.upload("/api/v1/evidence", token, "a.png", "#!/bin/sh\nrm -rf /\n".getBytes(), Map.of("kind", "SCREENSHOT"));
		assertThat(script.status()).isEqualTo(415);
		assertThat(script.code()).isEqualTo("MEDIA_TYPE_NOT_ALLOWED");
		var system = api.upload("/api/v1/evidence", token, "a.png", png(), Map.of("kind", "ORDER_SNAPSHOT"));
		assertThat(system.code()).isEqualTo("KIND_INVALID");
		var noFile = api.post("/api/v1/evidence", null).as(token).header("Content-Type", "multipart/form-data; boundary=x")
			.raw("--x--\r\n").send();
		assertThat(noFile.status()).isEqualTo(400);
		assertThat(log.sequencedSize()).isEqualTo(before);
	}

	@Test
	@DisplayName("an electronic invoice in OFD (GB/T 33190) is accepted as application/ofd; any other zip is not")
	void ofdInvoice() throws java.io.IOException {
		String token = api.signUp("CONSUMER").token();
		var ofd = api.upload("/api/v1/evidence", token, "fapiao.ofd", zip("OFD.xml", "Doc_0/Document.xml"),
				Map.of("kind", "INVOICE"));
		assertThat(ofd.status()).as(ofd.toString()).isEqualTo(201);
		assertThat(ofd.json().path("mediaType").asString()).isEqualTo("application/ofd");
		var other = api.upload("/api/v1/evidence", token, "fapiao.ofd", zip("Doc_0/OFD.xml", "word/document.xml"),
				Map.of("kind", "INVOICE"));
		assertThat(other.status()).isEqualTo(415);
		assertThat(other.code()).isEqualTo("MEDIA_TYPE_NOT_ALLOWED");
	}

	static byte[] zip(String... entries) throws java.io.IOException {
		var bytes = new java.io.ByteArrayOutputStream();
		try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
			for (String name : entries) {
				zip.putNextEntry(new java.util.zip.ZipEntry(name));
				zip.write(("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>" + name).getBytes(
						java.nio.charset.StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	@Test
	@DisplayName("an upload over 20 MB is 413 PAYLOAD_TOO_LARGE")
	void tooLarge() {
		byte[] big = new byte[21 * 1024 * 1024];
		System.arraycopy(png(), 0, big, 0, 16);
		var r = api.upload("/api/v1/evidence", api.signUp("CONSUMER").token(), "big.png", big, Map.of("kind", "SCREENSHOT"));
		assertThat(r.status()).isEqualTo(413);
		assertThat(r.code()).isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	@DisplayName("concurrent appends — more at once than the connection pool holds — get dense, unique indices at once; "
			+ "a rolled-back record leaves no hole")
	void concurrentAppends() throws Exception {
		long before = log.sequencedSize();
		transactions.executeWithoutResult(status -> {
			vault.recordSystem(EvidenceKind.CASE_EVENT, "{\"rolled\":\"back\"}".getBytes(), "application/json", null, null,
					List.of());
			status.setRollbackOnly();
		});
		assertThat(log.sequencedSize()).isEqualTo(before);

		var start = new CountDownLatch(1);
		List<Future<List<String>>> writers = new ArrayList<>();
		long began = System.nanoTime();
		// 32 writers against a pool of 20 connections: each waits for its indices while its committed transaction still
		// holds a connection, so the sequencer must not need one of those
		try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
			for (int t = 0; t < 32; t++) {
				int thread = t;
				writers.add(pool.submit(() -> {
					start.await();
					List<String> ids = new ArrayList<>();
					for (int i = 0; i < 5; i++) {
						byte[] content = ("{\"thread\":" + thread + ",\"i\":" + i + "}").getBytes();
						ids.add(transactions.execute(status -> vault.recordSystem(EvidenceKind.CASE_EVENT,
								content, "application/json", null, null,
								List.of(new AccountId("acc_x"))).id()));
					}
					return ids;
				}));
			}
			start.countDown();
		}
		List<Long> indexes = new ArrayList<>();
		for (var writer : writers) {
			for (String id : writer.get()) {
				indexes.add(vault.get(new cn.fangxin.account.Caller(new AccountId("acc_staff"), "agent",
						cn.fangxin.account.Role.AGENT), id).leafIndex());
			}
		}
		// a writer left without its indices gives up after 10 s (the sweep numbers its records later)
		assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(8));
		assertThat(indexes).doesNotContainNull().doesNotHaveDuplicates().hasSize(160);
		assertThat(log.sequencedSize()).isGreaterThanOrEqualTo(before + 160);
	}

	@Test
	@DisplayName("a record committed while its instance could not number it (the sequencer down) is numbered by the "
			+ "checkpoint signer's sweep within a round or two, and lands in the log once")
	void sweepNumbersLeftBehindRecords() {
		var staff = new cn.fangxin.account.Caller(new AccountId("acc_staff"), "agent", cn.fangxin.account.Role.AGENT);
		String id;
		sequencer.stop();
		try {
			id = transactions.execute(status -> vault.recordSystem(EvidenceKind.CASE_EVENT,
					("{\"left\":" + ThreadLocalRandom.current().nextLong() + "}").getBytes(), "application/json", null, null,
					List.of()).id());
		}
		finally {
			sequencer.start();
		}
		Long index = await().atMost(Duration.ofSeconds(3)).until(() -> vault.get(staff, id).leafIndex(),
				java.util.Objects::nonNull);
		byte[] leaf = Base64.getDecoder().decode(api.get("/api/v1/log/entries/" + index).send().json().path("leaf").asString());
		assertThat(EvidenceLeaf.parse(leaf).id()).isEqualTo(id);
		assertThat(sequencer.sweep()).isZero();
		assertThat(vault.get(staff, id).leafIndex()).isEqualTo(index);
	}

	@Test
	@DisplayName("a record handed to the sequencer again keeps its index, and the record numbered with it gets the next")
	void renumberingKeepsIndices() throws Exception {
		var staff = new cn.fangxin.account.Caller(new AccountId("acc_staff"), "agent", cn.fangxin.account.Role.AGENT);
		String numbered = transactions.execute(status -> vault.recordSystem(EvidenceKind.CASE_EVENT,
				("{\"first\":" + ThreadLocalRandom.current().nextLong() + "}").getBytes(), "application/json", null, null,
				List.of()).id());
		long index = vault.get(staff, numbered).leafIndex();
		String fresh;
		sequencer.stop();
		try {
			fresh = transactions.execute(status -> vault.recordSystem(EvidenceKind.CASE_EVENT,
					("{\"second\":" + ThreadLocalRandom.current().nextLong() + "}").getBytes(), "application/json", null,
					null, List.of()).id());
		}
		finally {
			sequencer.start();
		}
		// as when the sweep and a caller hand over the same record: the one numbered keeps its index
		Map<String, Long> indices = sequencer.submit(List.of(numbered, fresh)).get(5, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(indices.get(numbered)).isEqualTo(index);
		long freshIndex = indices.get(fresh);
		assertThat(vault.get(staff, fresh).leafIndex()).isEqualTo(freshIndex);
		byte[] leaf = Base64.getDecoder()
			.decode(api.get("/api/v1/log/entries/" + freshIndex).send().json().path("leaf").asString());
		assertThat(EvidenceLeaf.parse(leaf).id()).isEqualTo(fresh);
		assertThat(sequencer.submit(List.of(fresh)).get(5, java.util.concurrent.TimeUnit.SECONDS)).containsEntry(fresh,
				freshIndex);
	}

	@Test
	@DisplayName("the checkpoint signer's rounds and another integrator run at once: every subtree is stored once, and the audit holds")
	void signerRoundsAndIntegratorsQueue() throws Exception {
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			var rounds = pool.submit(() -> {
				for (int i = 0; i < 80; i++) {
					checkpoints.signRound(); // as the schedule runs it (which calls the object, not its proxy)
				}
			});
			var integrations = pool.submit(() -> {
				for (int i = 0; i < 80; i++) {
					transactions.executeWithoutResult(status -> vault.recordSystem(EvidenceKind.CASE_EVENT,
							("{\"race\":" + ThreadLocalRandom.current().nextLong() + "}").getBytes(), "application/json", null,
							null, List.of()));
					transactions.execute(status -> log.integrate());
				}
			});
			rounds.get(60, java.util.concurrent.TimeUnit.SECONDS);
			integrations.get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		var audit = api.get("/api/v1/admin/evidence/audit").as(api.demoToken("admin")).send().json();
		assertThat(audit.path("ok").asBoolean()).as(audit.toString()).isTrue();
	}

	@Test
	@DisplayName("roots and proofs assembled from stored subtrees equal those of a tree computed from all the leaves")
	void storedTreeMatchesIndependentTree() {
		for (int i = 0; i < 40; i++) {
			transactions.executeWithoutResult(status -> vault.recordSystem(EvidenceKind.CASE_EVENT,
					("{\"n\":" + ThreadLocalRandom.current().nextLong() + "}").getBytes(), "application/json", null, null,
					List.of()));
		}
		long size = transactions.execute(status -> log.integrate());
		List<byte[]> leafHashes = new ArrayList<>();
		for (long i = 0; i < size; i++) {
			byte[] leaf = Base64.getDecoder().decode(api.get("/api/v1/log/entries/" + i).send().json().path("leaf").asString());
			leafHashes.add(Merkle.leafHash(leaf));
		}
		Merkle.SubtreeHashes independent = Merkle.inMemory(leafHashes);
		for (long n = 1; n <= size; n++) {
			assertThat(log.root(n)).as("root of %d", n).isEqualTo(Merkle.root(leafHashes.subList(0, (int) n)));
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int trial = 0; trial < 200; trial++) {
			long n = 1 + random.nextLong(size);
			long m = random.nextLong(n);
			assertThat(log.inclusionProof(m, n)).usingElementComparator(java.util.Arrays::compare)
				.containsExactlyElementsOf(Merkle.inclusionProof(m, n, independent));
			long from = random.nextLong(n + 1);
			var consistency = api.get("/api/v1/log/proofs/consistency?from=" + from + "&to=" + n).send().json();
			assertThat(Merkle.verifyConsistency(from, n, from == 0 ? Merkle.emptyRoot() : log.root(from), log.root(n),
					decode(consistency.path("hashes")))).isTrue();
		}
		assertThat(api.get("/api/v1/log/proofs/inclusion?index=" + size + "&treeSize=" + size).send().code())
			.isEqualTo("PROOF_RANGE_INVALID");
	}

	@Test
	@DisplayName("tlog-tiles: hash tiles hold the stored leaf hashes and entry tiles the exact leaf bytes")
	void tiles() {
		for (int i = 0; i < 3; i++) {
			transactions.executeWithoutResult(status -> vault.recordSystem(EvidenceKind.CASE_EVENT,
					("{\"tile\":" + ThreadLocalRandom.current().nextLong() + "}").getBytes(), "application/json", null, null,
					List.of()));
		}
		long size = transactions.execute(status -> log.integrate());
		int width = (int) Math.min(size, 255);
		String suffix = size >= 256 ? "000" : "000.p/" + width;
		if (size >= 256) {
			width = 256;
		}
		byte[] hashTile = api.download("/api/v1/log/tile/0/" + suffix, api.demoToken("agent"));
		byte[] entryTile = api.download("/api/v1/log/tile/entries/" + suffix, api.demoToken("agent"));
		assertThat(hashTile).hasSize(32 * width);
		int offset = 0;
		for (int i = 0; i < width; i++) {
			int length = ((entryTile[offset] & 0xff) << 8) | (entryTile[offset + 1] & 0xff);
			byte[] leaf = java.util.Arrays.copyOfRange(entryTile, offset + 2, offset + 2 + length);
			offset += 2 + length;
			assertThat(java.util.Arrays.copyOfRange(hashTile, 32 * i, 32 * i + 32)).isEqualTo(Merkle.leafHash(leaf));
		}
		assertThat(offset).isEqualTo(entryTile.length);
		assertThat(api.get("/api/v1/log/tile/0/x999/999").send().code()).isEqualTo("TILE_NOT_FOUND");
		assertThat(api.get("/api/v1/log/tile/0/12").send().code()).isEqualTo("TILE_NOT_FOUND");
		assertThat(api.get("/api/v1/log/tile/0/000.p/0").send().status()).isEqualTo(404);
	}

	private static List<byte[]> decode(JsonNode hashes) {
		List<byte[]> out = new ArrayList<>();
		hashes.forEach(h -> out.add(Base64.getDecoder().decode(h.asString())));
		return out;
	}

	/** A PNG with random trailing bytes, so each upload is new content. */
	public static byte[] png() {
		byte[] tail = new byte[16];
		ThreadLocalRandom.current().nextBytes(tail);
		byte[] out = new byte[PNG.length + tail.length];
		System.arraycopy(PNG, 0, out, 0, PNG.length);
		System.arraycopy(tail, 0, out, PNG.length, tail.length);
		return out;
	}

}
