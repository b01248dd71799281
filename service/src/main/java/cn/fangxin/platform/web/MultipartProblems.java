package cn.fangxin.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import cn.fangxin.platform.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Multipart failures happen before a handler is chosen, so the API's advice does not see them; answered here at
 * once as problems (413 {@code PAYLOAD_TOO_LARGE}, 400 {@code MULTIPART_INVALID}). Left to the container's error
 * page, the error dispatch would parse the oversized body again and answer without a body.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MultipartProblems {

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException failure, HttpServletRequest request) {
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
				"The upload is larger than allowed (20 MB per file).");
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> invalid(MultipartException failure, HttpServletRequest request) {
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "MULTIPART_INVALID",
				"The multipart request cannot be read.");
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		return ResponseEntity.badRequest().body(problem);
	}
}
