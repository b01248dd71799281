package cn.fangxin.platform;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Staff are shown to consumers, merchants and courts by a work number (工号), not their login name: {@code STAFF:agent}
 * is shown as {@code STAFF:#3F2A1C}. The number is a keyed hash of the username (Tink PRF, domain
 * {@code staff.alias}), stable across restarts and instances, so a consumer can name the agent who handled their case
 * and the platform can tell who that was (the administrators' account list shows each staff account's number), while
 * no one outside learns a login name to aim a password guess or a phishing message at. Records keep the username.
 */
@Component
public class StaffAliases {

	private static final String PREFIX = "STAFF:";

	private final PersonalDataCipher cipher;

	StaffAliases(PersonalDataCipher cipher) {
		this.cipher = cipher;
	}

	/** A staff username's work number: {@code #} and six hex digits. */
	public String alias(String username) {
		return "#" + cipher.blindIndex(username, "staff.alias").substring(0, 6).toUpperCase(Locale.ROOT);
	}

	/** An actor as shown: {@code STAFF:<username>} becomes {@code STAFF:#<work number>}; other actors stay. */
	public String shown(String actor) {
		return actor != null && actor.startsWith(PREFIX) && !actor.startsWith(PREFIX + "#")
				? PREFIX + alias(actor.substring(PREFIX.length())) : actor;
	}

	/** Each actor of a list as shown. */
	public <T> List<T> shown(List<T> items, java.util.function.Function<T, String> actor,
			java.util.function.BiFunction<T, String, T> withActor) {
		return items.stream().map(item -> {
			String before = actor.apply(item);
			String after = shown(before);
			return after == null || after.equals(before) ? item : withActor.apply(item, after);
		}).toList();
	}
}
