package cn.fangxin.merchant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a shop sells (API.md "Conventions": lowercase codes). The deposit minimum depends on it. */
public enum Category {

	GENERAL, APPAREL, ELECTRONICS, FOOD, COSMETICS, MOTHER_BABY, LUXURY, DIGITAL;

	/** The API's code: {@code mother_baby}. */
	public String code() {
		return name().toLowerCase();
	}

	public static Optional<Category> parse(String code) {
		return code == null ? Optional.empty()
				: Arrays.stream(values()).filter(c -> c.code().equals(code.strip().toLowerCase())).findFirst();
	}

	public static List<String> codes() {
		return Arrays.stream(values()).map(Category::code).toList();
	}
}
