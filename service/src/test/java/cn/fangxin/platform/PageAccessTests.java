package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;

/**
 * What a signed-in user (or a visitor) gets from pages that are not theirs: the shell's error page with the refusal's
 * status; and what they get from their own: the evidence download works with the browser's session.
 */
class PageAccessTests extends ApiTest {

	@Test
	@DisplayName("a page for another party's order, an unknown listing or the wrong role: the error page with 404 or 403, never 500")
	void refusalsOnPagesKeepTheirStatus() throws Exception {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		var stranger = api.signUp("CONSUMER");

		HttpClient visitor = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		assertThat(get(visitor, "/listings/lst_nosuchlisting").statusCode()).isEqualTo(404);
		assertThat(get(visitor, "/shops/mer_nosuchshop").statusCode()).isEqualTo(404);

		HttpClient session = signedIn(stranger.username(), stranger.password());
		HttpResponse<String> othersOrder = get(session, "/orders/" + order);
		assertThat(othersOrder.statusCode()).isEqualTo(404);
		assertThat(othersOrder.body()).contains("404").doesNotContain(w.buyer().username());
		assertThat(get(session, "/orders/ord_nosuchorder").statusCode()).isEqualTo(404);
		assertThat(get(session, "/complaints/desk").statusCode()).isEqualTo(403);

		HttpClient buyer = signedIn(w.buyer().username(), w.buyer().password());
		assertThat(get(buyer, "/orders/" + order).statusCode()).as("the order's own consumer").isEqualTo(200);
	}

	@Test
	@DisplayName("the evidence page's download works for a signed-in party (a session, not a bearer token); others get 404")
	void evidenceDownloadFromThePage() throws Exception {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String order = purchases.paid(w);
		String snapshot = fetch("/api/v1/orders/" + order, w.buyer().token()).path("snapshotEvidenceId").asString();

		HttpClient buyer = signedIn(w.buyer().username(), w.buyer().password());
		HttpResponse<String> page = get(buyer, "/evidence/" + snapshot);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/evidence/" + snapshot + "/content");
		HttpResponse<byte[]> download = buyer.send(HttpRequest.newBuilder(URI.create(api.base() + "/evidence/" + snapshot
				+ "/content")).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		String sha256 = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(download.body()));
		assertThat(download.headers().firstValue("X-Content-SHA256")).contains(sha256);
		assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains(order);

		var stranger = api.signUp("CONSUMER");
		HttpClient other = signedIn(stranger.username(), stranger.password());
		assertThat(get(other, "/evidence/" + snapshot + "/content").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(HttpClient client, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(api.base() + path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Signs in through the login form (with its CSRF token), as a browser does. */
	private HttpClient signedIn(String username, String password) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
			.matcher(get(client, "/login").body());
		assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
		String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(api.base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return client;
	}
}
