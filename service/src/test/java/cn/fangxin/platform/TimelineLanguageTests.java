package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;

/**
 * A timeline's details, an order's hold reasons and a form's field errors read in the reader's language; the API keeps
 * English.
 */
class TimelineLanguageTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("an order's timeline and holds on the page in Chinese and in English; the API's detail in English")
	void orderTimelineInBothLanguages() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		call("/api/v1/orders/" + order + "/holds", Map.of("ref", "case-42"), api.demoToken("agent"), 200);

		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		String zh = buyer.get("/orders/" + order).body();
		assertThat(zh).contains("¥49.00 由放心托管", "case-42", "工作人员暂停").doesNotContain("held in escrow", "held by staff");
		String en = buyer.get("/orders/" + order + "?lang=en").body();
		assertThat(en).contains("¥49.00 held in escrow", "held by staff").doesNotContain("由放心托管");

		var view = fetch("/api/v1/orders/" + order, w.buyer().token());
		assertThat(view.path("timeline").toString()).contains("¥49.00 held in escrow").doesNotContain("\"data\"");
		assertThat(view.path("holds").get(0).path("reason").asString()).isEqualTo("held by staff");
	}

	@Test
	@DisplayName("a timeline row written before details were data shows its stored text in either language")
	void olderRowsKeepTheirText() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		jdbc.sql("""
				insert into order_event (order_id, seq, at, event, actor, detail)
				values (:order, 99, :at, 'PAID', 'CONSUMER', '4900 fen held in escrow (an older version)')""")
			.param("order", order)
			.param("at", SqlTime.of(Instant.now()))
			.update();
		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		assertThat(buyer.get("/orders/" + order).body()).contains("4900 fen held in escrow (an older version)",
				"¥49.00 由放心托管");
	}

	@Test
	@DisplayName("words a person typed stay as typed, in either language, and are escaped on the page")
	void typedWordsStayAsTyped() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		call("/api/v1/orders/" + order + "/holds", Map.of("ref", "case-7", "reason", "买家说'包装破损' <b>急</b>"),
				api.demoToken("agent"), 200);
		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		assertThat(buyer.get("/orders/" + order + "?lang=en").body())
			.contains("case-7: 买家说&#39;包装破损&#39; &lt;b&gt;急&lt;/b&gt;").doesNotContain("<b>急</b>");
	}

	@Test
	@DisplayName("a form's field error on the page: Chinese by its code, English with the problem's own words")
	void fieldErrorsInBothLanguages() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		PageSession agent = PageSession.demo(api, "agent");
		String page = "/orders/" + order;
		Map<String, String> form = Map.of("ref", "case-9", "reason", "很长的理由".repeat(50));
		assertThat(agent.post(page, page + "/hold", form).statusCode()).isEqualTo(302);
		assertThat(agent.get(page + "?lang=zh-CN").body()).contains("长度不符合要求").doesNotContain("at most 200 characters");
		assertThat(agent.post(page, page + "/hold", form).statusCode()).isEqualTo(302);
		assertThat(agent.get(page + "?lang=en").body()).contains("at most 200 characters");
	}

	@Test
	@DisplayName("the access audit's purposes on the admin's page in Chinese and in English; the API's purpose in English")
	void accessAuditPurposesInBothLanguages() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		assertThat(api.get("/api/v1/orders/" + order + "/shipping-label").as(api.demoToken("agent")).send().status())
			.isEqualTo(200);

		PageSession admin = PageSession.demo(api, "admin");
		String zh = admin.get("/admin/access-audit?lang=zh-CN").body();
		assertThat(zh).contains("处理订单").doesNotContain("handling the order");
		assertThat(admin.get("/admin/access-audit?lang=en").body()).contains("handling the order");
		var audit = fetch("/api/v1/admin/access-audit?subjectId=" + order, api.demoToken("admin"));
		assertThat(audit.path("items").get(0).path("purpose").asString()).isEqualTo("handling the order");
		assertThat(audit.path("items").get(0).has("purposeData")).isFalse();
	}

	@Test
	@DisplayName("the new complaint page names the sources of the shop's deadline and of the statutory compensation in "
			+ "the reader's language")
	void complaintDeadlineSourceInBothLanguages() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		String page = "/complaints/new?orderId=" + order + "&category=QUALITY_DEFECT";
		assertThat(buyer.get(page + "&lang=zh-CN").body()).contains("title=\"平台规则：商家须在 48 小时内首次答复")
			.doesNotContain("title=\"platform rule");
		assertThat(buyer.get(page + "&lang=en").body()).contains("title=\"platform rule: the shop answers within 48 hours")
			.as("no internal reference shown to users").doesNotContain("RULES.md");

		String fraud = "/complaints/new?orderId=" + order + "&category=COUNTERFEIT";
		assertThat(buyer.get(fraud + "&lang=zh-CN").body()).contains("《消费者权益保护法》第五十五条第一款：价款的三倍")
			.doesNotContain("CRPL art. 55");
		assertThat(buyer.get(fraud + "&lang=en").body()).contains("CRPL art. 55 para. 1: 3 times the price, at least ¥500");
	}
}
