package cn.fangxin.platform;

import java.util.Arrays;
import java.util.List;

/**
 * Reading request fields into values, collecting what is wrong as {@link ApiProblem.FieldError}s so that one 400
 * names every bad field at once.
 */
public final class Fields {

	private Fields() {
	}

	/**
	 * One constant of an enum by name: REQUIRED when blank, {@code <FIELD>_INVALID} when unknown; null then, with the
	 * error added.
	 */
	public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field,
			List<ApiProblem.FieldError> errors) {
		String allowed = "one of " + Arrays.toString(type.getEnumConstants());
		if (value == null || value.isBlank()) {
			errors.add(new ApiProblem.FieldError(field, "REQUIRED", allowed));
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException e) {
			errors.add(new ApiProblem.FieldError(field, field.toUpperCase().replace('.', '_') + "_INVALID", allowed));
			return null;
		}
	}

	/** One constant of an enum by name, or a 400 {@code VALIDATION_FAILED} naming the field. */
	public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field) {
		List<ApiProblem.FieldError> errors = new java.util.ArrayList<>();
		E parsed = oneOf(type, value, field, errors);
		if (!errors.isEmpty()) {
			throw new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
					"Invalid " + field + ".", errors);
		}
		return parsed;
	}

	/** Up to 20 evidence ids, stripped and without repeats; {@code EVIDENCE_IDS_INVALID} otherwise. Null is none. */
	public static List<String> evidenceIds(List<String> given, String field, List<ApiProblem.FieldError> errors) {
		if (given == null) {
			return List.of();
		}
		if (given.size() > 20 || given.stream().anyMatch(i -> i == null || i.isBlank() || i.length() > 40)) {
			errors.add(new ApiProblem.FieldError(field, "EVIDENCE_IDS_INVALID", "up to 20 evidence ids"));
			return List.of();
		}
		return given.stream().map(String::strip).distinct().toList();
	}
}
