package cn.fangxin.platform;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages' post-redirect-get for a form that changes something: the action runs; on success the next page shows the
 * message {@code done}, on a refusal it shows the problem (its code and detail), and either way the browser is sent to
 * {@code target}.
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
		}
		return "redirect:" + target;
	}
}
