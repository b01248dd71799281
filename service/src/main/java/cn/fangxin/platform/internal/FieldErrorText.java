package cn.fangxin.platform.internal;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.fangxin.platform.ApiProblem;

/**
 * A field's error on a page, in the reader's language: {@code ${@fieldErrors.text(e, #locale)}}. English readers get
 * the problem's own message, which says exactly what is allowed ("at most 200 characters"); Chinese readers the
 * bundle's text for the field and code ({@code fieldError.<field>.<code>}, where the limit matters to the reader), else
 * for its code ({@code fieldError.<code>}; a code ending {@code _INVALID} or {@code _REQUIRED} that has no text of its
 * own reads as {@code fieldError.INVALID} or {@code fieldError.REQUIRED}).
 */
@Component("fieldErrors")
class FieldErrorText {

	private final MessageSource messages;

	FieldErrorText(MessageSource messages) {
		this.messages = messages;
	}

	public String text(ApiProblem.FieldError error, Locale locale) {
		if (locale == null || "en".equals(locale.getLanguage()) || error.code() == null) {
			return error.message();
		}
		String code = error.code();
		String text = messages.getMessage("fieldError." + error.field() + "." + code, null, null, locale);
		if (text == null) {
			text = messages.getMessage("fieldError." + code, null, null, locale);
		}
		if (text == null && code.endsWith("_REQUIRED")) {
			text = messages.getMessage("fieldError.REQUIRED", null, null, locale);
		}
		if (text == null && code.endsWith("_INVALID")) {
			text = messages.getMessage("fieldError.INVALID", null, null, locale);
		}
		return text != null ? text : error.message();
	}
}
