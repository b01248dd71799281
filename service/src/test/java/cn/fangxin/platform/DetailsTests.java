package cn.fangxin.platform;

import static cn.fangxin.platform.Detail.at;
import static cn.fangxin.platform.Detail.code;
import static cn.fangxin.platform.Detail.fen;
import static cn.fangxin.platform.Detail.nested;
import static cn.fangxin.platform.Detail.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import tools.jackson.databind.json.JsonMapper;

/** A detail kept as data reads back the same and renders in either language from the real bundles. */
class DetailsTests {

	private final Details details = new Details(bundles(), JsonMapper.builder().build(),
			new StaffAliases(PersonalDataTests.cipher()));

	private static ResourceBundleMessageSource bundles() {
		var messages = new ResourceBundleMessageSource();
		messages.setBasename("i18n/messages");
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@Test
	@DisplayName("every kind of argument survives its column: amounts, typed words, codes, moments, details inside details")
	void roundTrip() {
		Detail reason = Detail.of("refundReason.complaint", text("cpl_1"), nested(Detail.of("refundReason.arbitration",
				code("complaintOutcome", "CONSUMER_WINS"))));
		Detail detail = Detail.of("orderDetail.paidFirst", fen(12_345), fen(0), fen(-5), nested(reason));
		assertThat(details.decode(details.encode(detail))).isEqualTo(detail);
		Detail typed = Detail.of("detail.tracking", text("顺丰 \"SF\" {0} '引号'"), text(""));
		assertThat(details.decode(details.encode(typed))).isEqualTo(typed);
		Detail moment = Detail.of("orderDetail.notShipped", at(Instant.parse("2026-11-30T16:05:00Z")));
		assertThat(details.decode(details.encode(moment))).isEqualTo(moment);
		assertThat(details.encode(null)).isNull();
		assertThat(details.decode(null)).isNull();
	}

	@Test
	@DisplayName("rendered for the reader: yuan, China Standard Time, codes through their bundle keys, apostrophes kept")
	void rendersInEitherLanguage() {
		Detail detail = Detail.of("orderDetail.refundedAll", fen(4_900), code("closedReason", "CANCELLED_BY_CONSUMER"));
		assertThat(details.render(detail, Locale.SIMPLIFIED_CHINESE)).startsWith("¥49.00 已退还买家（").doesNotContain("CANCELLED");
		assertThat(details.english(detail)).startsWith("¥49.00 returned to the consumer (").doesNotContain("CANCELLED");
		assertThat(details.english(Detail.of("orderDetail.notShipped", at(Instant.parse("2026-11-30T16:05:00Z")))))
			.isEqualTo("not shipped by 2026-12-01 00:05 (UTC+8)");
		assertThat(details.render(Detail.of("orderDetail.notShipped", at(Instant.parse("2026-11-30T16:05:00Z"))),
				Locale.SIMPLIFIED_CHINESE)).isEqualTo("未在 2026-12-01 00:05（北京时间） 前发货");
		assertThat(details.english(Detail.of("afterSaleDetail.refundPending", at(Instant.parse("2026-11-30T16:05:00Z")))))
			.contains("the shop's balance");
		assertThat(details.english(Detail.of("afterSaleDetail.refundedElsewhere"))).contains("order's payment");
		assertThat(details.english(Detail.of("detail.amountFrom", fen(100), code("refundSource", "MERCHANT_BALANCE"))))
			.isEqualTo("¥1.00 from the shop's balance");
		assertThat(details.text(Detail.of("complaintDetail.disclosedTo", code("actor", "STAFF:agent")), "stored",
				Locale.SIMPLIFIED_CHINESE)).as("staff by work number, never by login name").matches("向工作人员 #[0-9A-F]{6}披露");
		assertThat(details.text(null, "stored before", Locale.ENGLISH)).isEqualTo("stored before");
		assertThat(details.english(Detail.words("{0} '不是' 格式"))).isEqualTo("{0} '不是' 格式");
	}
}
