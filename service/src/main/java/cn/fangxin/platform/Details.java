package cn.fangxin.platform;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@link Detail}s in a reader's language and keeps them in a column. Each timeline row keeps both: the
 * detail as data ({@link #encode}) for pages in either language, and its English text, which the API returns as
 * {@code detail} and which rows written before details were data have alone. Templates call
 * {@code ${@details.text(e.data(), e.detail(), #locale)}}.
 */
@Component("details")
public class Details {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final MessageSource messages;

	private final ObjectMapper json;

	private final StaffAliases aliases;

	Details(MessageSource messages, ObjectMapper json, StaffAliases aliases) {
		this.messages = messages;
		this.json = json;
		this.aliases = aliases;
	}

	/** The detail in the reader's language; the stored text when there is no detail (rows of older versions). */
	public String text(Detail detail, String stored, Locale locale) {
		return detail == null ? stored : render(detail, locale);
	}

	/** The English text kept beside the data (what the API answers as {@code detail}); null for null. */
	public String english(Detail detail) {
		if (detail == null) {
			return null;
		}
		String text = render(detail, Locale.ENGLISH);
		return text.length() > Detail.TEXT_LIMIT ? text.substring(0, Detail.TEXT_LIMIT) : text;
	}

	public String render(Detail detail, Locale locale) {
		Object[] args = new Object[detail.args().size()];
		for (int i = 0; i < args.length; i++) {
			args[i] = switch (detail.args().get(i)) {
				case Detail.Fen f -> Money.fen(f.fen()).toString();
				case Detail.Text t -> t.text();
				case Detail.Code c -> code(c, locale);
				case Detail.At a -> messages.getMessage("detail.moment", new Object[] { MINUTES.format(a.at()) },
						MINUTES.format(a.at()), locale);
				case Detail.Nested n -> render(n.detail(), locale);
			};
		}
		return messages.getMessage(detail.key(), args, detail.key(), locale);
	}

	private String code(Detail.Code code, Locale locale) {
		if (code.prefix().equals("actor") && code.code().startsWith("STAFF:")) { // STAFF:<username>, by work number
			return messages.getMessage("actor.STAFF", null, "STAFF", locale) + " "
					+ aliases.shown(code.code()).substring(6);
		}
		return messages.getMessage(code.prefix() + "." + code.code(), null, code.code(), locale);
	}

	/** The detail as a JSON text for its column; null for null. */
	public String encode(Detail detail) {
		if (detail == null) {
			return null;
		}
		return json.writeValueAsString(node(detail));
	}

	/** The detail back from its column; null for null (a row written before details were data). */
	public Detail decode(String stored) {
		return stored == null ? null : detail(json.readTree(stored));
	}

	private ObjectNode node(Detail detail) {
		ObjectNode node = json.createObjectNode();
		node.put("key", detail.key());
		ArrayNode args = node.putArray("args");
		for (Detail.Arg arg : detail.args()) {
			ObjectNode a = args.addObject();
			switch (arg) {
				case Detail.Fen f -> a.put("fen", f.fen());
				case Detail.Text t -> a.put("text", t.text());
				case Detail.Code c -> a.put("code", c.code()).put("prefix", c.prefix());
				case Detail.At at -> a.put("at", at.at().toString());
				case Detail.Nested n -> a.set("detail", node(n.detail()));
			}
		}
		return node;
	}

	private static Detail detail(JsonNode node) {
		List<Detail.Arg> args = new ArrayList<>();
		for (JsonNode a : node.path("args")) {
			if (a.has("fen")) {
				args.add(Detail.fen(a.get("fen").asLong()));
			}
			else if (a.has("code")) {
				args.add(Detail.code(a.path("prefix").asString(), a.get("code").asString()));
			}
			else if (a.has("at")) {
				args.add(Detail.at(java.time.Instant.parse(a.get("at").asString())));
			}
			else if (a.has("detail")) {
				args.add(Detail.nested(detail(a.get("detail"))));
			}
			else {
				args.add(new Detail.Text(a.path("text").asString()));
			}
		}
		return new Detail(node.path("key").asString(), args);
	}
}
