package cn.fangxin.platform.web;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import cn.fangxin.platform.ApiProblem;

/**
 * A refusal on a page (another party's order, an unknown id, the wrong role) gets the shell's error page with the
 * problem's status — 404, 403, 409 — like the API's answer, instead of reaching the container as a 500. API
 * controllers are answered by {@link ApiExceptionHandler}, which comes first.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblems {

	private static final Logger log = LoggerFactory.getLogger(PageProblems.class);

	@ExceptionHandler(ApiProblem.class)
	String refused(ApiProblem problem, HttpServletResponse response, Model model) {
		return page(problem.status().value(), response, model);
	}

	/** A deadlock or lock timeout rolled the change back whole: nothing was done, the page may be sent again. */
	@ExceptionHandler(TransientDataAccessException.class)
	String busy(TransientDataAccessException failure, HttpServletResponse response, Model model) {
		log.warn("transient database failure on a page: {}", failure.getMostSpecificCause().getMessage());
		return page(503, response, model);
	}

	private static String page(int status, HttpServletResponse response, Model model) {
		response.setStatus(status);
		model.addAttribute("status", status);
		return "error";
	}
}
