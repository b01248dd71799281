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

	/**
	 * Runs {@code action} and redirects to {@code target} (a path) with its outcome as a flash attribute; on a refusal,
	 * the fields named in {@code keep} go with it (only those: what a page shows again, never an account number or a
	 * password).
	 */
	public static String act(String target, RedirectAttributes redirect, String done, Runnable action, String... keep) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", done);
		}
		catch (ApiProblem problem) {
			redirect.addFlashAttribute("problem", problem);
			if (keep.length > 0) {
				submitted(keep).ifPresent(form -> redirect.addFlashAttribute("submitted", form));
			}
		}
		return "redirect:" + target;
	}

	/**
	 * What a refused form held: its action's path and the fields its page shows again.
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

	private static java.util.Optional<Submitted> submitted(String... keep) {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return java.util.Optional.empty();
		}
		var request = attributes.getRequest();
		Map<String, String> fields = new LinkedHashMap<>();
		for (String name : keep) {
			String value = request.getParameter(name);
			if (value != null) {
				fields.put(name, value);
			}
		}
		return java.util.Optional.of(new Submitted(request.getRequestURI(), Map.copyOf(fields)));
	}
}
