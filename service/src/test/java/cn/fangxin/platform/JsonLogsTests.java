package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.fangxin.FangxinApplication;
import cn.fangxin.support.Api;

/** JSON logs are one setting away: LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs (README, "Running on PostgreSQL"). */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTests {

	@Test
	@DisplayName("with structured logging on, the service logs one JSON object per line")
	void jsonLogs(CapturedOutput output) {
		try (var context = new SpringApplicationBuilder(FangxinApplication.class).profiles("test")
			.run("--server.port=0", "--logging.structured.format.console=ecs", "--logging.level.cn.fangxin=info")) {
			int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer()
				.getPort();
			new Api(port).post("/api/v1/auth/token", java.util.Map.of("username", "admin", "password", "wrong")).send();
		}
		var lines = output.getOut().lines().filter(line -> !line.isBlank()).toList();
		var logLines = lines.stream().filter(line -> line.startsWith("{\"@timestamp\"")).toList();
		assertThat(logLines).as("the start-up warnings, at least").isNotEmpty();
		for (String line : logLines) {
			var json = Api.parse(line);
			assertThat(json.path("log").path("level").asString()).isNotBlank();
			assertThat(json.path("service").path("name").asString()).isEqualTo("fangxin");
			assertThat(json.path("message").asString()).isNotBlank();
		}
		assertThat(lines).as("no plain-text log lines")
			.noneMatch(line -> line.matches("^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+(INFO|WARN|ERROR|DEBUG)\\b.*"));
		assertThat(output.getOut()).doesNotContain("\"password\"");
	}
}
