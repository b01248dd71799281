package cn.fangxin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** A test of the running service through its HTTP API: the shared {@link FangxinTest} context and an {@link Api}. */
@FangxinTest
public abstract class ApiTest {

	@LocalServerPort
	protected int port;

	protected Api api;

	@BeforeEach
	protected final void connect() {
		api = new Api(port);
	}

	/** POSTs as {@code token}, asserts the status, returns the JSON answer. */
	protected JsonNode call(String path, Object body, String token, int expected) {
		var r = api.post(path, body).as(token).send();
		assertThat(r.status()).as(r.toString()).isEqualTo(expected);
		return r.json();
	}

	/** GETs as {@code token}, asserts 200, returns the JSON answer. */
	protected JsonNode fetch(String path, String token) {
		var r = api.get(path).as(token).send();
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		return r.json();
	}

	/** Moves the test clock on (every deadline due on the way is processed). */
	protected void advance(String duration) {
		call("/api/v1/admin/clock/advance", Map.of("duration", duration), api.demoToken("admin"), 200);
	}

	/** The ledger's own verification passes. */
	protected void ledgerVerifies() {
		var r = api.get("/api/v1/admin/ledger/verify").as(api.demoToken("admin")).send();
		assertThat(r.json().path("ok").asBoolean()).as(r.body()).isTrue();
	}
}
