package cn.fangxin.account.internal;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import cn.fangxin.account.AccountId;
import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.platform.ApiProblem;

/** Gives controllers the signed-in {@link Caller}, from a bearer token or from a web session alike. */
@Configuration(proxyBeanMethods = false)
public class CallerResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
			WebDataBinderFactory binders) {
		Caller caller = current();
		if (caller == null && !parameter.isOptional()) {
			throw new ApiProblem(org.springframework.http.HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Sign in first.");
		}
		return caller;
	}

	/** The caller of the current request, or null when nobody is signed in. */
	public static Caller current() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) {
			return null;
		}
		if (auth.getPrincipal() instanceof Jwt jwt) {
			return new Caller(new AccountId(jwt.getSubject()), jwt.getClaimAsString("username"),
					Role.valueOf(jwt.getClaimAsString("role")));
		}
		if (auth.getPrincipal() instanceof SignedInAccount account) {
			return new Caller(new AccountId(account.id()), account.username(), account.role());
		}
		return null;
	}
}
