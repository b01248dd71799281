package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;

/** What operators rely on: health, info, Prometheus metrics, the OpenAPI document and Swagger UI. */
@Tag("scenario")
class OperationsTests extends ApiTest {

	@Test
	@DisplayName("health and info are public; health is UP with its database")
	void healthAndInfo() {
		var health = api.get("/actuator/health").send();
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("status").asString()).isEqualTo("UP");
		var info = api.get("/actuator/info").send();
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.json().path("app").path("name").asString()).isEqualTo("Fangxin");
	}

	@Test
	@DisplayName("Prometheus metrics are for administrators")
	void prometheus() {
		assertThat(api.get("/actuator/prometheus").send().status()).isEqualTo(401);
		assertThat(api.get("/actuator/prometheus").as(api.demoToken("consumer")).send().status()).isEqualTo(403);
		var metrics = api.get("/actuator/prometheus").as(api.demoToken("admin")).header("Accept", "text/plain").send();
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
	}

	@Test
	@DisplayName("the OpenAPI document lists the API, and Swagger UI is served")
	void apiDocs() {
		var docs = api.get("/v3/api-docs").send();
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().path("paths").has("/api/v1/auth/token")).isTrue();
		assertThat(docs.json().path("paths").has("/api/v1/accounts")).isTrue();
		assertThat(docs.json().path("info").path("title").asString()).isEqualTo("Fangxin API");
		var ui = api.get("/swagger-ui/index.html").send();
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
	}
}
