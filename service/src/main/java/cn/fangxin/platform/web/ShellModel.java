package cn.fangxin.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.fangxin.platform.NavigationItem;
import cn.fangxin.platform.ShellUser;

/** What every page of the web shell knows: the user, their navigation and the language. */
@ControllerAdvice(annotations = Controller.class)
class ShellModel {

	private final List<NavigationItem> navigation;

	ShellModel(List<NavigationItem> navigation) {
		this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
	}

	@ModelAttribute("shellUser")
	ShellUser user() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof ShellUser user ? user : null;
	}

	@ModelAttribute("navigation")
	List<NavigationItem> navigation() {
		ShellUser user = user();
		return user == null ? List.of() : navigation.stream().filter(item -> item.visibleTo(user.roleName())).toList();
	}

	@ModelAttribute("lang")
	String lang() {
		Locale locale = LocaleContextHolder.getLocale();
		return "zh".equals(locale.getLanguage()) ? "zh-CN" : "en";
	}
}
