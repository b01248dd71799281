package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The web UI speaks Chinese and English everywhere: both bundles hold the same keys, and every key a page names. */
class MessageBundlesTests {

	private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)\\}");

	@Test
	@DisplayName("the Chinese and English bundles hold the same keys, each with a text")
	void sameKeys() throws IOException {
		Properties en = load("i18n/messages.properties");
		Properties zh = load("i18n/messages_zh_CN.properties");
		assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
		assertThat(en.stringPropertyNames()).allSatisfy(k -> {
			assertThat(en.getProperty(k)).as("en " + k).isNotBlank();
			assertThat(zh.getProperty(k)).as("zh " + k).isNotBlank();
		});
	}

	@Test
	@DisplayName("every message key written literally in a page exists in both bundles")
	void pagesNameExistingKeys() throws IOException {
		Properties en = load("i18n/messages.properties");
		Properties zh = load("i18n/messages_zh_CN.properties");
		Set<String> missing = new TreeSet<>();
		Resource[] pages = new PathMatchingResourcePatternResolver().getResources("classpath:templates/**/*.html");
		assertThat(pages).isNotEmpty();
		for (Resource page : pages) {
			Matcher m = LITERAL_KEY.matcher(page.getContentAsString(StandardCharsets.UTF_8));
			while (m.find()) {
				if (!en.containsKey(m.group(1)) || !zh.containsKey(m.group(1))) {
					missing.add(page.getFilename() + ": " + m.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	@DisplayName("every value of an enum a page shows through a computed key has its text in both bundles")
	void computedKeysCoverTheirEnums() throws IOException {
		Properties en = load("i18n/messages.properties");
		Properties zh = load("i18n/messages_zh_CN.properties");
		java.util.Map<String, Class<? extends Enum<?>>> shown = new java.util.LinkedHashMap<>();
		shown.put("evidenceKind.", cn.fangxin.evidence.EvidenceKind.class);
		shown.put("orderStatus.", cn.fangxin.order.OrderStatus.class);
		shown.put("paymentMode.", cn.fangxin.order.PaymentMode.class);
		shown.put("complaintStatus.", cn.fangxin.complaint.ComplaintStatus.class);
		shown.put("complaintTier.", cn.fangxin.complaint.Tier.class);
		shown.put("complaintClaim.", cn.fangxin.complaint.Claim.class);
		shown.put("complaintCategory.", cn.fangxin.complaint.ComplaintCategory.class);
		shown.put("merchantStatus.", cn.fangxin.merchant.MerchantStatus.class);
		shown.put("role.", cn.fangxin.account.Role.class);
		shown.put("afterSaleStatus.", cn.fangxin.aftersales.AfterSaleStatus.class);
		shown.put("afterSaleType.", cn.fangxin.aftersales.AfterSaleType.class);
		shown.put("afterSaleReason.", cn.fangxin.aftersales.AfterSaleReason.class);
		// arguments of timeline details (Detail.code)
		shown.put("refundSource.", cn.fangxin.order.Orders.RefundSource.class);
		shown.put("complaintOutcome.", cn.fangxin.complaint.Outcome.class);
		shown.put("complaintSanction.", cn.fangxin.complaint.Sanction.class);
		shown.put("offerAction.", cn.fangxin.complaint.OfferAction.class);
		shown.put("complaintChannel.", cn.fangxin.complaint.Channel.class);
		Set<String> missing = new TreeSet<>();
		shown.forEach((prefix, type) -> {
			for (Enum<?> value : type.getEnumConstants()) {
				if (!en.containsKey(prefix + value.name()) || !zh.containsKey(prefix + value.name())) {
					missing.add(prefix + value.name());
				}
			}
		});
		// a sanction's notice to the shop is shown as notice.<its mark>
		for (cn.fangxin.merchant.MarkKind mark : cn.fangxin.merchant.MarkKind.values()) {
			if (mark.name().startsWith("ARBITRATION_") && (!en.containsKey("notice." + mark) || !zh.containsKey("notice." + mark))) {
				missing.add("notice." + mark);
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	@DisplayName("every timeline detail, hold reason and refund reason the code names has its text in both bundles")
	void detailKeysExist() throws IOException {
		Properties en = load("i18n/messages.properties");
		Properties zh = load("i18n/messages_zh_CN.properties");
		Pattern detailKey = Pattern.compile(
				"\"((?:detail|orderDetail|afterSaleDetail|complaintDetail|holdReason|refundReason|period)\\.[A-Za-z]+)\"");
		Set<String> named = inSources(detailKey);
		assertThat(named).as("the code names details").hasSizeGreaterThan(60);
		assertThat(named).allSatisfy(k -> assertThat(en.containsKey(k) && zh.containsKey(k)).as(k).isTrue());
	}

	@Test
	@DisplayName("every field error code the code gives has a Chinese text (its own, or the generic one of its suffix)")
	void fieldErrorCodesHaveTexts() throws IOException {
		Properties zh = load("i18n/messages_zh_CN.properties");
		Pattern fieldCode = Pattern.compile("(?:invalidField\\(\"[A-Za-z.]*\",\\s*|FieldError\\([^,()]*,\\s*)\"([A-Z_]+)\"");
		Set<String> codes = inSources(fieldCode);
		assertThat(codes).as("the code gives field errors").hasSizeGreaterThan(30);
		assertThat(codes).allSatisfy(c -> assertThat(zh.containsKey("fieldError." + c) || c.endsWith("_INVALID")
				|| c.endsWith("_REQUIRED")).as(c).isTrue());
	}

	@Test
	@DisplayName("the default deadline policy cites its sources in both languages, the English as the code states it")
	void policySourcesInBothLanguages() throws IOException {
		Properties en = load("i18n/messages.properties");
		Properties zh = load("i18n/messages_zh_CN.properties");
		var table = new cn.fangxin.complaint.ComplaintPolicy(null, null, null, null, null).table();
		assertThat(table).hasSizeGreaterThan(10).allSatisfy(r -> {
			assertThat(r.sourceKey()).isNotNull();
			assertThat(en.getProperty(r.sourceKey())).as(r.sourceKey()).isEqualTo(r.source());
			assertThat(zh.getProperty(r.sourceKey())).as(r.sourceKey()).isNotBlank();
		});
	}

	@Test
	@DisplayName("texts with arguments keep their apostrophes (MessageFormat drops a single quote)")
	void argumentTextsQuoteApostrophes() throws IOException {
		for (String bundle : java.util.List.of("i18n/messages.properties", "i18n/messages_zh_CN.properties")) {
			Properties p = load(bundle);
			assertThat(p.stringPropertyNames()).allSatisfy(k -> {
				String v = p.getProperty(k);
				if (v.matches("(?s).*\\{\\d.*")) {
					assertThat(v.replace("''", "")).as(bundle + " " + k).doesNotContain("'");
				}
			});
		}
	}

	/** The first group of every match of {@code pattern} in the service's Java sources. */
	private static Set<String> inSources(Pattern pattern) throws IOException {
		Set<String> found = new TreeSet<>();
		try (var sources = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
			for (var source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
				Matcher m = pattern.matcher(java.nio.file.Files.readString(source));
				while (m.find()) {
					found.add(m.group(1));
				}
			}
		}
		return found;
	}

	private static Properties load(String path) throws IOException {
		Properties p = new Properties();
		try (var in = new InputStreamReader(MessageBundlesTests.class.getClassLoader().getResourceAsStream(path),
				StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}
}
