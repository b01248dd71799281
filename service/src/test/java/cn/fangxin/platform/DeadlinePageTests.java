package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;

/** Staff see scheduled work that failed (a refund the provider refused every time) in the web UI, in their language. */
class DeadlinePageTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<DeadlineHandler> handlers;

	@Autowired
	MessageSource messages;

	@Test
	@DisplayName("a deadline that failed after every retry is on the admin's page with its error; other staff get 403")
	void failedWorkIsVisible() {
		String subject = "rfd-" + java.util.UUID.randomUUID();
		jdbc.sql("""
				insert into deadline (kind, subject_id, due_at, status, attempts, last_error, created_at)
				values ('PAYMENT_SEND_REFUND', :subject, :at, 'FAILED', 8, 'IOException: provider unreachable', :at)""")
			.param("subject", subject)
			.param("at", SqlTime.of(Instant.now()))
			.update();
		PageSession admin = PageSession.demo(api, "admin");
		String zh = admin.get("/admin/deadlines?lang=zh-CN").body();
		assertThat(zh).contains(subject, "向支付机构发送退款或赔付", "IOException: provider unreachable", "失败");
		assertThat(admin.get("/admin/deadlines?status=PENDING&lang=en").body()).contains("Waiting").doesNotContain(subject);
		assertThat(admin.get("/admin/deadlines?status=nonsense").statusCode()).isEqualTo(200);
		assertThat(PageSession.demo(api, "agent").get("/admin/deadlines").statusCode()).isEqualTo(403);
	}

	@Test
	@DisplayName("every kind of scheduled work has its name in both languages")
	void everyKindIsNamed() {
		// TEST_* kinds belong to other tests' configurations
		assertThat(handlers.stream().filter(h -> !h.kind().startsWith("TEST_")).toList()).hasSizeGreaterThan(10).allSatisfy(h -> {
			assertThat(messages.getMessage("deadlineKind." + h.kind(), null, null, Locale.ENGLISH)).as(h.kind()).isNotNull();
			assertThat(messages.getMessage("deadlineKind." + h.kind(), null, null, Locale.SIMPLIFIED_CHINESE)).as(h.kind())
				.isNotNull();
		});
	}
}
