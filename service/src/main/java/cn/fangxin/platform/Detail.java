package cn.fangxin.platform;

import java.time.Instant;
import java.util.List;

/**
 * What a timeline line or a system-given reason says, kept so that each reader reads it in their own language: a
 * message key of the bundles and its arguments. Amounts, times and codes are arguments, rendered for the reader
 * ({@link Details}); words a person typed are {@link Text} and shown as they were typed.
 *
 * @param key the bundle key whose text has {@code {0}}, {@code {1}}, … for the arguments
 * @param args the arguments in order
 */
public record Detail(String key, List<Arg> args) {

	/** Words a person gave are kept up to this many characters. */
	public static final int TEXT_LIMIT = 2000;

	public Detail {
		args = List.copyOf(args);
	}

	/** A detail from a key and its arguments. */
	public static Detail of(String key, Arg... args) {
		return new Detail(key, List.of(args));
	}

	/** Words a person typed, shown as typed; null for null or blank words. */
	public static Detail words(String text) {
		return text == null || text.isBlank() ? null : of("detail.words", text(text));
	}

	/** An amount in fen, shown as {@code ¥12.34}. */
	public static Arg fen(long fen) {
		return new Fen(fen);
	}

	/** Words as they were given (a reason, a carrier, a reference). */
	public static Arg text(String text) {
		String t = text == null ? "" : text;
		return new Text(t.length() > TEXT_LIMIT ? t.substring(0, TEXT_LIMIT) : t);
	}

	/** A code shown through the bundle key {@code prefix.code} (its own name when the bundles lack it). */
	public static Arg code(String prefix, Object code) {
		return new Code(prefix, String.valueOf(code));
	}

	/** A moment, shown in China Standard Time. */
	public static Arg at(Instant at) {
		return new At(at);
	}

	/** Another detail inside this one (a reason inside a refund line). */
	public static Arg nested(Detail detail) {
		return detail == null ? new Text("") : new Nested(detail);
	}

	/** One argument of a detail. */
	public sealed interface Arg permits Fen, Text, Code, At, Nested {
	}

	/** @param fen an amount in fen */
	public record Fen(long fen) implements Arg {
	}

	/** @param text words as given */
	public record Text(String text) implements Arg {
	}

	/**
	 * @param prefix the bundle key's prefix
	 * @param code the code
	 */
	public record Code(String prefix, String code) implements Arg {
	}

	/** @param at a moment */
	public record At(Instant at) implements Arg {
	}

	/** @param detail a detail inside another */
	public record Nested(Detail detail) implements Arg {
	}
}
