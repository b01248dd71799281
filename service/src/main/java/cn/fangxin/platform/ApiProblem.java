package cn.fangxin.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure that the caller should see as an RFC 9457 problem with a stable machine-readable {@code code}. Domain
 * code throws it; the web layer turns it into {@code application/problem+json}. Codes are part of the API contract
 * (API.md "Conventions") and never change once published.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;
	private final String code;
	private final List<FieldError> errors;
	private final Map<String, Object> properties = new LinkedHashMap<>();

	public ApiProblem(HttpStatus status, String code, String detail) {
		this(status, code, detail, List.of());
	}

	public ApiProblem(HttpStatus status, String code, String detail, List<FieldError> errors) {
		super(detail);
		this.status = status;
		this.code = code;
		this.errors = List.copyOf(errors);
	}

	/** 400: the input is malformed or invalid. */
	public static ApiProblem invalid(String code, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail);
	}

	/** 400 with one failing field. */
	public static ApiProblem invalidField(String field, String code, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, code, detail, List.of(new FieldError(field, code, detail)));
	}

	/** 403: the caller's role may not do this. */
	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", detail);
	}

	/** 404: missing, or not the caller's to see (the two are never told apart). */
	public static ApiProblem notFound(String code, String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, code, detail);
	}

	/** 409: the object is in a state that does not allow this. */
	public static ApiProblem conflict(String code, String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, code, detail);
	}

	/** 422: a business rule refuses it. */
	public static ApiProblem rule(String code, String detail) {
		return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
	}

	/** Adds a member to the problem body, e.g. the deadline that was missed. */
	public ApiProblem with(String name, Object value) {
		if (value != null) {
			properties.put(name, value);
		}
		return this;
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public List<FieldError> errors() {
		return errors;
	}

	public Map<String, Object> properties() {
		return Map.copyOf(properties);
	}

	/** One invalid field of a request: {@code {field, code, message}}. */
	public record FieldError(String field, String code, String message) {
	}
}
