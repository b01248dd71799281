package cn.fangxin.platform.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.ProblemWriter;
import cn.fangxin.platform.internal.PayloadTooLargeException;
import jakarta.validation.ConstraintViolationException;

/**
 * Turns every failure in an API controller into an RFC 9457 problem with a stable {@code code}. Bad input is never a
 * 500: Spring MVC's own exceptions get codes here, and anything unexpected is logged and answered with
 * {@code INTERNAL_ERROR} without internals.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 1) // before PageProblems
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> apiProblem(ApiProblem failure, WebRequest request) {
		ProblemDetail body = ProblemWriter.problem(failure);
		body.setInstance(instance(request));
		HttpHeaders headers = new HttpHeaders();
		if (failure.properties().get("retryAfterSeconds") instanceof Number seconds) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
		}
		return ResponseEntity.status(failure.status()).headers(headers).body(body);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException failure, WebRequest request) {
		List<ApiProblem.FieldError> errors = failure.getConstraintViolations()
			.stream()
			.map(v -> new ApiProblem.FieldError(lastNode(v.getPropertyPath().toString()), "INVALID", v.getMessage()))
			.toList();
		return apiProblem(new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Some fields are invalid.",
				errors), request);
	}

	/**
	 * A deadlock, lock timeout or serialization failure: the transaction was rolled back whole, so nothing happened and
	 * the same request may simply be sent again (with its Idempotency-Key, safely): 503 {@code RETRY_LATER}.
	 */
	@ExceptionHandler(org.springframework.dao.TransientDataAccessException.class)
	ResponseEntity<ProblemDetail> transientFailure(org.springframework.dao.TransientDataAccessException failure,
			WebRequest request) {
		log.warn("transient database failure on {}: {}", instance(request), failure.getMostSpecificCause().getMessage());
		return apiProblem(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "RETRY_LATER",
				"Another change to the same data got in the way; nothing was done. Please send the request again.")
			.with("retryAfterSeconds", 1), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception failure, WebRequest request) {
		if (failure.getCause() instanceof PayloadTooLargeException tooLarge) {
			return apiProblem(tooLarge.problem(), request);
		}
		log.error("unexpected failure on {}", instance(request), failure);
		ProblemDetail body = ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				"Something went wrong on our side; nothing you sent was lost. Please try again.");
		body.setInstance(instance(request));
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.body(apiProblem(tooLarge.problem(), request).getBody());
			}
		}
		ProblemDetail problem = ProblemWriter.problem(status, codeFor(failure, status), detailFor(failure, body));
		problem.setInstance(instance(request));
		if (failure instanceof MethodArgumentNotValidException invalid) {
			problem.setProperty("errors", fieldErrors(invalid));
		}
		else if (failure instanceof HandlerMethodValidationException invalid) {
			problem.setProperty("errors", invalid.getAllErrors()
				.stream()
				.map(e -> new ApiProblem.FieldError(e instanceof org.springframework.validation.FieldError f ? f.getField()
						: String.valueOf(e.getCodes() == null ? "" : e.getCodes()[0]), "INVALID", e.getDefaultMessage()))
				.toList());
		}
		return super.handleExceptionInternal(failure, problem, headers, status, request);
	}

	private static List<ApiProblem.FieldError> fieldErrors(BindException invalid) {
		return invalid.getFieldErrors()
			.stream()
			.map(e -> new ApiProblem.FieldError(e.getField(), codeOfConstraint(e.getCode()), e.getDefaultMessage()))
			.toList();
	}

	private static String codeOfConstraint(String constraint) {
		if (constraint == null) {
			return "INVALID";
		}
		return switch (constraint) {
			case "NotNull", "NotBlank", "NotEmpty" -> "REQUIRED";
			case "Size", "Length" -> "LENGTH";
			case "Pattern" -> "FORMAT";
			case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" -> "RANGE";
			default -> "INVALID";
		};
	}

	private static String codeFor(Exception failure, HttpStatusCode status) {
		return switch (failure) {
			case MethodArgumentNotValidException e -> "VALIDATION_FAILED";
			case HandlerMethodValidationException e -> "VALIDATION_FAILED";
			case HttpMessageNotReadableException e -> "MALFORMED_JSON";
			case HttpMediaTypeNotSupportedException e -> "UNSUPPORTED_MEDIA_TYPE";
			case HttpMediaTypeNotAcceptableException e -> "NOT_ACCEPTABLE";
			case HttpRequestMethodNotSupportedException e -> "METHOD_NOT_ALLOWED";
			case NoResourceFoundException e -> "NOT_FOUND";
			case NoHandlerFoundException e -> "NOT_FOUND";
			case MissingServletRequestParameterException e -> "PARAMETER_MISSING";
			case MissingServletRequestPartException e -> "PART_MISSING";
			case MissingRequestHeaderException e -> "HEADER_MISSING";
			case MethodArgumentTypeMismatchException e -> "PARAMETER_INVALID";
			case org.springframework.beans.TypeMismatchException e -> "PARAMETER_INVALID";
			case MaxUploadSizeExceededException e -> "PAYLOAD_TOO_LARGE";
			default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
		};
	}

	private static String detailFor(Exception failure, Object body) {
		return switch (failure) {
			case HttpMessageNotReadableException e -> "The request body is not valid JSON for this endpoint.";
			case NoResourceFoundException e -> "There is nothing at this path.";
			case NoHandlerFoundException e -> "There is nothing at this path.";
			case MethodArgumentNotValidException e -> "Some fields are invalid.";
			case MaxUploadSizeExceededException e -> "The upload is larger than allowed.";
			default -> body instanceof ProblemDetail detail && detail.getDetail() != null ? detail.getDetail()
					: failure.getMessage();
		};
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return dot < 0 ? path : path.substring(dot + 1);
	}

	private static java.net.URI instance(WebRequest request) {
		return request instanceof ServletWebRequest servlet ? java.net.URI.create(servlet.getRequest().getRequestURI())
				: null;
	}
}
