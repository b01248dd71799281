package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;

/** Every failure is an RFC 9457 problem with a stable code, never a 500, and loses nothing already stored. */
@Tag("scenario")
class ProblemTests extends ApiTest {

	@Test
	@DisplayName("malformed JSON is 400 MALFORMED_JSON and the caller's data is still there")
	void malformedJson() {
		var account = api.signUp("CONSUMER");
		var r = api.post("/api/v1/accounts", null).raw("{\"username\": \"x\", ").send();
		assertProblem(r, 400, "MALFORMED_JSON");
		assertThat(api.get("/api/v1/me").as(account.token()).send().status()).isEqualTo(200);
	}

	@Test
	@DisplayName("a wrong media type is 415 UNSUPPORTED_MEDIA_TYPE")
	void wrongMediaType() {
		var r = api.post("/api/v1/accounts", null).header("Content-Type", "text/plain").raw("username=x").send();
		assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	@DisplayName("an unknown path is 404 NOT_FOUND; a wrong method is 405 METHOD_NOT_ALLOWED")
	void unknownPathAndMethod() {
		String token = api.demoToken("agent");
		assertProblem(api.get("/api/v1/no-such-thing").as(token).send(), 404, "NOT_FOUND");
		assertProblem(api.delete("/api/v1/me").as(token).send(), 405, "METHOD_NOT_ALLOWED");
	}

	@Test
	@DisplayName("no token is 401 UNAUTHORIZED, a bad one 401 TOKEN_INVALID, a wrong role 403 FORBIDDEN")
	void securityLayer() {
		assertProblem(api.get("/api/v1/me").send(), 401, "UNAUTHORIZED");
		assertProblem(api.get("/api/v1/me").as("not.a.token").send(), 401, "TOKEN_INVALID");
		String forged = api.demoToken("consumer");
		forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
		assertProblem(api.get("/api/v1/me").as(forged).send(), 401, "TOKEN_INVALID");
		assertProblem(api.get("/api/v1/admin/clock").as(api.demoToken("consumer")).send(), 403, "FORBIDDEN");
	}

	@Test
	@DisplayName("bodies over the limit are 413 PAYLOAD_TOO_LARGE, declared or chunked")
	void oversize() throws Exception {
		String huge = "{\"username\":\"" + "a".repeat(1_100_000) + "\"}";
		assertProblem(api.post("/api/v1/accounts", null).raw(huge).send(), 413, "PAYLOAD_TOO_LARGE");

		// Without a declared length: the body arrives chunked and is cut off while it is read.
		HttpRequest chunked = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/accounts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
			.build();
		HttpResponse<String> r = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(413);
		assertThat(Api.parse(r.body()).path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	@DisplayName("a wrong JSON type for a field is 400, not 500")
	void wrongFieldType() {
		var r = api.post("/api/v1/auth/token", Map.of("username", Map.of("nested", true), "password", 1)).send();
		assertThat(r.status()).isIn(400, 401);
		assertThat(r.code()).isIn("MALFORMED_JSON", "BAD_CREDENTIALS");
	}

	@Test
	@DisplayName("web pages that do not exist get the shell's error page, not JSON")
	void webNotFound() {
		var r = api.get("/no-such-page").header("Content-Type", "text/html").send();
		assertThat(r.status()).isIn(302, 404); // anonymous visitors are sent to sign in first
	}

	static void assertProblem(Api.Response r, int status, String code) {
		assertThat(r.status()).as(r.toString()).isEqualTo(status);
		assertThat(r.header("Content-Type")).startsWith("application/problem+json");
		assertThat(r.code()).isEqualTo(code);
		assertThat(r.json().path("type").asString()).isEqualTo("urn:problem:fangxin:" + code);
		assertThat(r.json().path("title").asString()).isNotBlank();
		assertThat(r.json().path("status").asInt()).isEqualTo(status);
		assertThat(r.json().path("detail").asString()).isNotBlank();
	}
}
