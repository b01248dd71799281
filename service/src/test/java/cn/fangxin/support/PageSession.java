package cn.fangxin.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web UI over plain HTTP, as a browser without JavaScript uses it: a session cookie from the login form, and form
 * posts carrying the CSRF token of the page they were on. For checks of what pages answer; journeys in a real browser
 * use {@link Browser}.
 */
public final class PageSession {

	private static final Pattern CSRF = Pattern
		.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private final String base;
	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private PageSession(String base) {
		this.base = base;
	}

	/** A visitor who has not signed in. */
	public static PageSession anonymous(Api api) {
		return new PageSession(api.base());
	}

	/** Signs in through the login form. */
	public static PageSession signedIn(Api api, String username, String password) {
		PageSession session = new PageSession(api.base());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		HttpResponse<String> login = session.post("/login", "/login", form);
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new AssertionError("could not sign in as " + username + ": " + login.statusCode());
		}
		return session;
	}

	/** A demo account (demo password). */
	public static PageSession demo(Api api, String username) {
		return signedIn(api, username, Api.DEMO_PASSWORD);
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<byte[]> download(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Posts {@code fields} as the form of page {@code from} would: with that page's CSRF token. */
	public HttpResponse<String> post(String from, String path, Map<String, String> fields) {
		Matcher csrf = CSRF.matcher(get(from).body());
		if (!csrf.find()) {
			throw new AssertionError(from + " carries no CSRF token");
		}
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.put("_csrf", csrf.group(1) != null ? csrf.group(1) : csrf.group(2));
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return client.send(request, handler);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
