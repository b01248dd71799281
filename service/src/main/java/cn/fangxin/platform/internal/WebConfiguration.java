package cn.fangxin.platform.internal;

import java.util.Locale;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

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

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		var change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
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
