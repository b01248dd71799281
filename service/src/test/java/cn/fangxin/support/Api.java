package cn.fangxin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client for the service's HTTP API as an integrator sees it: JSON in, status, headers and JSON out. */
public final class Api {

	public static final String DEMO_PASSWORD = "fangxin-demo";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public Api(int port) {
		this.base = "http://localhost:" + port;
	}

	public String base() {
		return base;
	}

	public Call get(String path) {
		return new Call("GET", path, null);
	}

	public Call post(String path, Object body) {
		return new Call("POST", path, body);
	}

	public Call patch(String path, Object body) {
		return new Call("PATCH", path, body);
	}

	public Call put(String path, Object body) {
		return new Call("PUT", path, body);
	}

	public Call delete(String path) {
		return new Call("DELETE", path, null);
	}

	/** Uploads a file as multipart form data with extra text fields. */
	public Response upload(String path, String token, String fileName, byte[] content, Map<String, String> fields) {
		String boundary = "----fangxin" + UUID.randomUUID();
		var body = new java.io.ByteArrayOutputStream();
		try {
			for (var field : fields.entrySet()) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
						+ field.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			body.write(content);
			body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Downloads bytes. */
	public byte[] download(String path, String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build();
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new AssertionError("download of " + path + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A bearer token for a username and password. */
	public String token(String username, String password) {
		Response r = post("/api/v1/auth/token", Map.of("username", username, "password", password)).send();
		if (r.status() != 200) {
			throw new AssertionError("could not sign in as " + username + ": " + r);
		}
		return r.json().path("accessToken").asString();
	}

	/**
	 * A demo account's token, fetched once per service and kept (tokens live an hour): the tests must not run into the
	 * sign-in rate limit of 10 a minute per username.
	 */
	public String demoToken(String username) {
		return DEMO_TOKENS.computeIfAbsent(base + " " + username, k -> token(username, DEMO_PASSWORD));
	}

	private static final java.util.Map<String, String> DEMO_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

	/** Opens a fresh consumer (or merchant) account with a unique name and returns its token. */
	public SignedUp signUp(String role) {
		String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "plum-orchard-" + UUID.randomUUID();
		Response r = post("/api/v1/accounts", Map.of("username", username, "password", password, "role", role,
				"phone", "13912345678", "displayName", username)).send();
		if (r.status() != 201) {
			throw new AssertionError("sign-up failed: " + r);
		}
		return new SignedUp(r.json().path("id").asString(), username, password, token(username, password));
	}

	public record SignedUp(String id, String username, String password, String token) {
	}

	public static JsonNode parse(String body) {
		return JSON.readTree(body);
	}

	public final class Call {

		private final String method;
		private final String path;
		private final Object body;
		private final Map<String, String> headers = new LinkedHashMap<>();
		private String rawBody;

		Call(String method, String path, Object body) {
			this.method = method;
			this.path = path;
			this.body = body;
			headers.put("Content-Type", "application/json");
		}

		public Call as(String token) {
			if (token != null) {
				headers.put("Authorization", "Bearer " + token);
			}
			return this;
		}

		public Call header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		public Call idempotencyKey(String key) {
			return header("Idempotency-Key", key);
		}

		/** Sends these exact bytes instead of serialising the body. */
		public Call raw(String text) {
			this.rawBody = text;
			return this;
		}

		public Response send() {
			String payload = rawBody != null ? rawBody : body == null ? null : JSON.writeValueAsString(body);
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
			headers.forEach(request::header);
			request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(payload));
			try {
				HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return new Response(response.statusCode(), response.headers().map(), response.body());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	/** An HTTP answer. */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		public JsonNode json() {
			return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.flatMap(e -> e.getValue().stream())
				.findFirst()
				.orElse(null);
		}

		/** The problem's code, for problem+json answers. */
		public String code() {
			return json().path("code").asString();
		}

		@Override
		public String toString() {
			return status + " " + body;
		}
	}
}
