package cn.fangxin.platform.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import cn.fangxin.platform.ProblemWriter;

/**
 * The container's error page: what a request gets when it failed before reaching a controller (unknown path, wrong
 * method, container limits). API paths get an RFC 9457 problem with a code; pages get the shell's error page.
 */
@Controller
class ApiErrorController implements ErrorController {

	private static final Map<Integer, String> CODES = Map.ofEntries(Map.entry(400, "BAD_REQUEST"),
			Map.entry(401, "UNAUTHORIZED"), Map.entry(403, "FORBIDDEN"), Map.entry(404, "NOT_FOUND"),
			Map.entry(405, "METHOD_NOT_ALLOWED"), Map.entry(406, "NOT_ACCEPTABLE"), Map.entry(409, "CONFLICT"),
			Map.entry(413, "PAYLOAD_TOO_LARGE"), Map.entry(415, "UNSUPPORTED_MEDIA_TYPE"),
			Map.entry(429, "RATE_LIMITED"));

	private final ProblemWriter problems;

	ApiErrorController(ProblemWriter problems) {
		this.problems = problems;
	}

	@RequestMapping("/error")
	String error(HttpServletRequest request, HttpServletResponse response, Model model) throws Exception {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = uri == null ? request.getRequestURI() : uri.toString();
		if (path.startsWith("/api/")) {
			String detail = switch (status.value()) {
				case 404 -> "There is nothing at this path.";
				case 405 -> "This path does not accept this HTTP method.";
				case 500 -> "Something went wrong on our side; nothing you sent was lost. Please try again.";
				default -> status.getReasonPhrase();
			};
			problems.write(new PathOverride(request, path), response, status,
					CODES.getOrDefault(status.value(), status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR"),
					detail);
			return null;
		}
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		return "error";
	}

	/** Reports the original path as the problem's instance. */
	private static final class PathOverride extends jakarta.servlet.http.HttpServletRequestWrapper {

		private final String path;

		PathOverride(HttpServletRequest request, String path) {
			super(request);
			this.path = path;
		}

		@Override
		public String getRequestURI() {
			return path;
		}
	}
}
