package cn.fangxin.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.support.ApiTest;

/** The self-audit finds one changed byte of a file, a changed row and a changed stored hash. */
@Tag("persistence")
class EvidenceAuditTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FangxinProperties properties;

	@Autowired
	cn.fangxin.evidence.internal.Checkpoints checkpoints;

	@Test
	@DisplayName("a changed blob byte, record row or stored hash is each detected and named")
	void tamperingIsDetected() throws Exception {
		var alice = api.signUp("CONSUMER");
		var upload = api.upload("/api/v1/evidence", alice.token(), "x.png", EvidenceLogTests.png(), Map.of("kind", "SCREENSHOT"));
		String id = upload.json().path("id").asString();
		String sha = upload.json().path("sha256").asString();
		long index = upload.json().path("leafIndex").asLong();
		// a checkpoint must cover the leaf before its stored hash is changed: one signed while it is changed would
		// (rightly) stay a violation after the change is undone
		assertThat(checkpoints.signNow()).hasValueSatisfying(c -> assertThat(c.size()).isGreaterThan(index));
		String admin = api.demoToken("admin");
		assertThat(audit(admin).path("ok").asBoolean()).as(audit(admin).toString()).isTrue();
		assertThat(api.get("/api/v1/admin/evidence/audit").as(alice.token()).send().status()).isEqualTo(403);

		Path blob = properties.dataDir().resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
		byte[] original = Files.readAllBytes(blob);
		byte[] changed = original.clone();
		changed[changed.length - 1] ^= 1;
		Files.write(blob, changed);
		try {
			assertThat(violations(admin)).anyMatch(v -> v.contains(id) && v.contains("content in the blob store has changed"));
		}
		finally {
			Files.write(blob, original);
		}

		jdbc.sql("update evidence set kind = 'APPRAISAL_REPORT' where id = :id").param("id", id).update();
		try {
			assertThat(violations(admin)).anyMatch(v -> v.contains(id) && v.contains("no longer matches its logged leaf"));
		}
		finally {
			jdbc.sql("update evidence set kind = 'SCREENSHOT' where id = :id").param("id", id).update();
		}

		String hash = jdbc.sql("select hash from log_node where level = 0 and idx = :i").param("i", index).query(String.class).single();
		String flipped = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
		jdbc.sql("update log_node set hash = :h where level = 0 and idx = :i").param("h", flipped).param("i", index).update();
		try {
			assertThat(violations(admin)).anyMatch(v -> v.contains("stored node (0, " + index + ")"));
		}
		finally {
			jdbc.sql("update log_node set hash = :h where level = 0 and idx = :i").param("h", hash).param("i", index).update();
		}
		var after = audit(admin);
		assertThat(after.path("ok").asBoolean()).as(after.toString()).isTrue();
	}

	@Test
	@DisplayName("an order snapshot's content commits in the database: no blob file, readable by the buyer, and a changed byte there is found")
	void systemContentIsKeptInTheDatabase() throws Exception {
		var purchases = new cn.fangxin.support.Purchases(api);
		var world = purchases.world();
		String snapshot = purchases.place(world, 1, "ESCROW").path("snapshotEvidenceId").asString();
		var record = api.get("/api/v1/evidence/" + snapshot).as(world.buyer().token()).send().json();
		String sha = record.path("sha256").asString();

		byte[] kept = jdbc.sql("select content from evidence_content where evidence_id = :id").param("id", snapshot).query(byte[].class).single();
		assertThat(java.util.HexFormat.of().formatHex(cn.fangxin.verify.Merkle.sha256().digest(kept))).isEqualTo(sha);
		assertThat(kept).hasSize(record.path("size").asInt());
		assertThat(properties.dataDir().resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha))
			.doesNotExist();
		assertThat(api.download("/api/v1/evidence/" + snapshot + "/content", world.buyer().token())).isEqualTo(kept);

		String admin = api.demoToken("admin");
		byte[] changed = kept.clone();
		changed[changed.length - 2] ^= 1;
		jdbc.sql("update evidence_content set content = :c where evidence_id = :id").param("c", changed).param("id", snapshot).update();
		try {
			assertThat(violations(admin)).anyMatch(v -> v.contains(snapshot) && v.contains("content in the database has changed"));
		}
		finally {
			jdbc.sql("update evidence_content set content = :c where evidence_id = :id").param("c", kept).param("id", snapshot).update();
		}
		var after = audit(admin);
		assertThat(after.path("ok").asBoolean()).as(after.toString()).isTrue();
	}

	private tools.jackson.databind.JsonNode audit(String token) {
		var r = api.get("/api/v1/admin/evidence/audit").as(token).send();
		assertThat(r.status()).isEqualTo(200);
		return r.json();
	}

	private List<String> violations(String token) {
		return audit(token).path("violations").valueStream().map(v -> v.asString()).toList();
	}
}
