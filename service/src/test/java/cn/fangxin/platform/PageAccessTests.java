package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.PageSession;
import cn.fangxin.support.Purchases;

/**
 * What a signed-in user (or a visitor) gets from pages that are not theirs: the shell's error page with the refusal's
 * status; and from their own: downloads that work with the browser's session, forms that act once.
 */
class PageAccessTests extends ApiTest {

	@Test
	@DisplayName("a visitor who asks for English and is sent to sign in reads the sign-in page in English")
	void languageSurvivesTheSignInRedirect() {
		var visitor = PageSession.anonymous(api);
		var sent = visitor.get("/orders?lang=en");
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location").orElse("")).endsWith("/login");
		assertThat(visitor.get("/login").body()).contains("Sign in").doesNotContain("登录");
		visitor.get("/orders?lang=zh");
		assertThat(visitor.get("/login").body()).as("switched back").contains("登录");
	}

	@Test
	@DisplayName("a page for another party's order, an unknown listing or the wrong role: the error page with 404 or 403, never 500")
	void refusalsOnPagesKeepTheirStatus() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		var stranger = api.signUp("CONSUMER");

		PageSession visitor = PageSession.anonymous(api);
		assertThat(visitor.get("/listings/lst_nosuchlisting").statusCode()).isEqualTo(404);
		assertThat(visitor.get("/shops/mer_nosuchshop").statusCode()).isEqualTo(404);

		PageSession session = PageSession.signedIn(api, stranger.username(), stranger.password());
		HttpResponse<String> othersOrder = session.get("/orders/" + order);
		assertThat(othersOrder.statusCode()).isEqualTo(404);
		assertThat(othersOrder.body()).contains("404").doesNotContain(w.buyer().username());
		assertThat(session.get("/orders/ord_nosuchorder").statusCode()).isEqualTo(404);
		assertThat(session.get("/complaints/desk").statusCode()).isEqualTo(403);

		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		assertThat(buyer.get("/orders/" + order).statusCode()).as("the order's own consumer").isEqualTo(200);
	}

	@Test
	@DisplayName("the evidence page's download works for a signed-in party (a session, not a bearer token); others get 404")
	void evidenceDownloadFromThePage() throws Exception {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		String snapshot = fetch("/api/v1/orders/" + order, w.buyer().token()).path("snapshotEvidenceId").asString();

		PageSession buyer = PageSession.signedIn(api, w.buyer().username(), w.buyer().password());
		HttpResponse<String> page = buyer.get("/evidence/" + snapshot);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/evidence/" + snapshot + "/content");
		HttpResponse<byte[]> download = buyer.download("/evidence/" + snapshot + "/content");
		assertThat(download.statusCode()).isEqualTo(200);
		String sha256 = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(download.body()));
		assertThat(download.headers().firstValue("X-Content-SHA256")).contains(sha256);
		assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains(order);

		var stranger = api.signUp("CONSUMER");
		PageSession other = PageSession.signedIn(api, stranger.username(), stranger.password());
		assertThat(other.download("/evidence/" + snapshot + "/content").statusCode()).isEqualTo(404);
	}

	@Test
	@DisplayName("staff's refund form sent twice (a double click, a resend) refunds once")
	void refundFormActsOnce() {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		PageSession agent = PageSession.demo(api, "agent");
		String page = "/orders/" + order;
		var formId = Pattern.compile("name=\"formId\" value=\"([A-Za-z0-9]+)\"").matcher(agent.get(page).body());
		assertThat(formId.find()).as("the refund form carries its own id").isTrue();
		Map<String, String> form = Map.of("amountYuan", "10.00", "reason", "少发一件", "formId", formId.group(1));
		assertThat(agent.post(page, page + "/refund", form).statusCode()).isEqualTo(302);
		assertThat(agent.post(page, page + "/refund", form).statusCode()).isEqualTo(302);

		var escrow = fetch("/api/v1/orders/" + order, w.buyer().token()).path("escrow");
		assertThat(escrow.path("refundedFen").asLong()).isEqualTo(1_000);
		assertThat(escrow.path("heldFen").asLong()).isEqualTo(4_900 - 1_000);
		ledgerVerifies();
	}

	@Test
	@DisplayName("a shop's deposit form sent twice pays once")
	void depositFormPaysOnce() {
		var shop = new cn.fangxin.support.Shops(api).selling(java.util.List.of("general"), 100_000);
		PageSession merchant = PageSession.signedIn(api, shop.account().username(), shop.account().password());
		var formId = Pattern.compile("name=\"formId\" value=\"([A-Za-z0-9]+)\"").matcher(merchant.get("/merchant").body());
		assertThat(formId.find()).as("the deposit form carries its own id").isTrue();
		Map<String, String> form = Map.of("amountYuan", "100", "formId", formId.group(1));
		assertThat(merchant.post("/merchant", "/merchant/deposit", form).statusCode()).isEqualTo(302);
		assertThat(merchant.post("/merchant", "/merchant/deposit", form).statusCode()).isEqualTo(302);
		var balance = fetch("/api/v1/merchants/" + shop.merchantId() + "/balance", shop.account().token());
		assertThat(balance.path("depositFen").asLong()).isEqualTo(100_000 + 10_000);
		ledgerVerifies();
	}
}
