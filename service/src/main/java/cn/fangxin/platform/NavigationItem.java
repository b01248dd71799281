package cn.fangxin.platform;

import java.util.Set;

/**
 * An entry of the web shell's navigation and of a role's home page, contributed by the module that owns the page.
 *
 * @param messageKey the label's key in the message bundles
 * @param descriptionKey a one-line description's key, shown on the home page
 * @param path where it leads
 * @param roles who sees it (role names such as {@code ADMIN}); empty means everyone signed in
 * @param order position, lower first
 */
public record NavigationItem(String messageKey, String descriptionKey, String path, Set<String> roles, int order) {

	public boolean visibleTo(String role) {
		return roles.isEmpty() || roles.contains(role);
	}
}
