package cn.fangxin.platform.internal;

import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import cn.fangxin.platform.NavigationItem;

/**
 * The shell's language: Simplified Chinese by default, English on request ({@code ?lang=en} or the browser's
 * Accept-Language), remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Bean
	LocaleResolver localeResolver() {
		var resolver = new CookieLocaleResolver("fangxin-lang");
		resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		resolver.setDefaultLocaleFunction(request -> {
			// without an Accept-Language header the servlet answers the JVM's own locale, which is not the reader's
			Locale asked = request.getHeader("Accept-Language") == null ? null : request.getLocale();
			return asked != null && "en".equals(asked.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		});
		return resolver;
	}

	/**
	 * {@code ?lang=} ({@code en}, {@code zh-CN} or {@code zh}) is remembered before security runs, so a visitor sent to
	 * the sign-in page from {@code /?lang=en} reads it in the language asked for (an MVC interceptor would see only the
	 * requests that reach a controller). Anything else is ignored.
	 */
	@Bean
	org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> languageFilter(
			LocaleResolver resolver) {
		jakarta.servlet.Filter filter = (request, response, chain) -> {
			// GET only: reading a parameter of a POST would read its body before the size limits and the multipart
			// handling see it
			String lang = request instanceof jakarta.servlet.http.HttpServletRequest get && "GET".equals(get.getMethod())
					? request.getParameter("lang") : null;
			if (lang != null && request instanceof jakarta.servlet.http.HttpServletRequest http
					&& response instanceof jakarta.servlet.http.HttpServletResponse answer) {
				Locale asked = switch (lang) {
					case "en" -> Locale.ENGLISH;
					case "zh-CN", "zh_CN", "zh" -> Locale.SIMPLIFIED_CHINESE;
					default -> null;
				};
				if (asked != null) {
					resolver.setLocale(http, answer, asked);
				}
			}
			chain.doFilter(request, response);
		};
		var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
		registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 20);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Bean
	NavigationItem apiDocsNavigation() {
		return new NavigationItem("nav.apiDocs", "nav.apiDocs.description", "/swagger-ui.html", Set.of(), 900);
	}

	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "fangxin.clock.adjustable",
			havingValue = "true")
	NavigationItem clockNavigation(@Value("${fangxin.clock.adjustable}") boolean adjustable) {
		return new NavigationItem("nav.clock", "nav.clock.description", "/admin/clock", Set.of("ADMIN"), 800);
	}

	@Bean
	NavigationItem deadlinesNavigation() {
		return new NavigationItem("nav.deadlines", "nav.deadlines.description", "/admin/deadlines", Set.of("ADMIN"), 650);
	}
}
