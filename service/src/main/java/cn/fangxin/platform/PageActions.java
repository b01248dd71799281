package cn.fangxin.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages' post-redirect-get for a form that changes something: the action runs; on success the next page shows the
 * message {@code done}, on a refusal it shows the problem (its code and detail), and either way the browser is sent to
 * {@code target}. A refused form's fields go with the problem ({@link Submitted}), so that the page shows them again
 * to be corrected instead of empty.
 */
public final class PageActions {

	private PageActions() {
	}

	/** Runs {@code action} and redirects to {@code target} (a path) with its outcome as a flash attribute. */
	public static String act(String target, RedirectAttributes redirect, String done, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", done);
		}
		catch (ApiProblem problem) {
			redirect.addFlashAttribute("problem", problem);
			submitted().ifPresent(form -> redirect.addFlashAttribute("submitted", form));
		}
		return "redirect:" + target;
	}

	/**
	 * What a refused form held: its action's path and its fields (the first value of each; never the CSRF token or a
	 * password).
	 *
	 * @param path the form's action
	 * @param fields its fields
	 */
	public record Submitted(String path, Map<String, String> fields) {

		/** The value the form at {@code formPath} sent for {@code field}, or null (another form, or not sent). */
		public String value(String formPath, String field) {
			return path.equals(formPath) ? fields.get(field) : null;
		}
	}

	private static java.util.Optional<Submitted> submitted() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return java.util.Optional.empty();
		}
		var request = attributes.getRequest();
		Map<String, String> fields = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (values.length > 0 && !name.startsWith("_") && !name.toLowerCase(java.util.Locale.ROOT).contains("password")) {
				fields.put(name, values[0]);
			}
		});
		return java.util.Optional.of(new Submitted(request.getRequestURI(), Map.copyOf(fields)));
	}
}
