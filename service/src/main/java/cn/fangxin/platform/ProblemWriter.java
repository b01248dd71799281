package cn.fangxin.platform;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Builds RFC 9457 problems the same way everywhere: in controllers, in servlet filters and in the security layer.
 * Every problem has {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance} and the stable
 * {@code code}; validation failures add {@code errors}.
 */
@Component
public class ProblemWriter {

	/** The problem type URI for a code. */
	public static URI typeOf(String code) {
		return URI.create("urn:problem:fangxin:" + code);
	}

	private final ObjectMapper json;

	ProblemWriter(ObjectMapper json) {
		this.json = json;
	}

	/** A problem detail ready for a controller response. */
	public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(typeOf(code));
		HttpStatus known = HttpStatus.resolve(status.value());
		problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
		problem.setProperty("code", code);
		return problem;
	}

	/** A problem detail for an {@link ApiProblem}. */
	public static ProblemDetail problem(ApiProblem failure) {
		ProblemDetail problem = problem(failure.status(), failure.code(), failure.getMessage());
		if (!failure.errors().isEmpty()) {
			problem.setProperty("errors", failure.errors());
		}
		failure.properties().forEach(problem::setProperty);
		return problem;
	}

	/** Writes a problem straight to a servlet response (filters, security entry points). */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		write(request, response, status, code, detail, List.of());
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail, List<ApiProblem.FieldError> errors) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", typeOf(code).toString());
		body.put("title", status.getReasonPhrase());
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", request.getRequestURI());
		body.put("code", code);
		if (!errors.isEmpty()) {
			body.put("errors", errors);
		}
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(json.writeValueAsBytes(body));
		response.flushBuffer();
	}

	/** Whether a request is for the HTTP API (problem+json) rather than a web page (HTML). */
	public static boolean isApi(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/") || path.equals("/api");
	}
}
