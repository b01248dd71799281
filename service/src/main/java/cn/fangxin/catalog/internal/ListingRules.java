package cn.fangxin.catalog.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;

import cn.fangxin.catalog.ListingRequest;
import cn.fangxin.catalog.ReturnExclusion;
import cn.fangxin.merchant.Category;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.ApiProblem.FieldError;

/**
 * What a listing must disclose (E-Commerce Law art. 17; CRPL arts. 20, 25, 26): a title, the price, what the goods
 * do, the format clauses as written, and the return policy — 7-day no-reason returns, or one of the statutory
 * exclusions. Branded goods carry the brand's authorisation (422 {@code BRAND_AUTHORIZATION_REQUIRED}).
 */
public final class ListingRules {

	private ListingRules() {
	}

	/** A listing version that passed the rules. */
	public record Valid(String title, String description, Category category, long priceFen, Long referencePriceFen,
			String functions, List<String> formatClauses, boolean sevenDayNoReason, ReturnExclusion exclusionReason,
			String brand, String brandAuthorizationEvidenceId, List<String> imageEvidenceIds, int shipWithinHours) {
	}

	public static Valid check(ListingRequest r) {
		List<FieldError> errors = new ArrayList<>();
		String title = text(r.title());
		if (title == null || title.length() < 2 || title.length() > 100) {
			errors.add(new FieldError("title", "LENGTH", "2 to 100 characters"));
		}
		String description = text(r.description());
		if (description != null && description.length() > 4000) {
			errors.add(new FieldError("description", "LENGTH", "at most 4,000 characters"));
		}
		Category category = Category.parse(r.category()).orElse(null);
		if (category == null) {
			errors.add(new FieldError("category", "INVALID", "one of " + Category.codes()));
		}
		if (r.priceFen() == null || r.priceFen() < 1 || r.priceFen() > 10_000_000_000L) {
			errors.add(new FieldError("priceFen", "RANGE", "a price in fen, from 1 to 10,000,000,000"));
		}
		String functions = text(r.functions());
		if (functions == null || functions.length() > 2000) {
			errors.add(new FieldError("functions", "REQUIRED", "what the goods are and do, at most 2,000 characters"));
		}
		List<String> clauses = r.formatClauses() == null ? List.of()
				: r.formatClauses().stream().map(ListingRules::text).filter(c -> c != null).toList();
		if (clauses.size() > 20 || clauses.stream().anyMatch(c -> c.length() > 500) || storedLength(clauses) > 12_000) {
			errors.add(new FieldError("formatClauses", "LENGTH", "at most 20 clauses of at most 500 characters, 12,000 in all"));
		}
		ListingRequest.ReturnPolicy policy = r.returnPolicy();
		boolean sevenDays = policy != null && Boolean.TRUE.equals(policy.sevenDayNoReason());
		ReturnExclusion exclusion = null;
		if (policy == null || policy.sevenDayNoReason() == null) {
			errors.add(new FieldError("returnPolicy", "REQUIRED", "say whether 7-day no-reason returns apply"));
		}
		else if (!sevenDays) {
			try {
				exclusion = policy.exclusionReason() == null ? null : ReturnExclusion.valueOf(policy.exclusionReason());
			}
			catch (IllegalArgumentException e) {
				exclusion = null;
			}
			if (exclusion == null) {
				errors.add(new FieldError("returnPolicy.exclusionReason", "RETURN_EXCLUSION_REQUIRED",
						"7-day no-reason returns apply unless the goods fall under one of "
								+ List.of(ReturnExclusion.values()) + " (CRPL art. 25)"));
			}
		}
		else if (policy.exclusionReason() != null) {
			errors.add(new FieldError("returnPolicy.exclusionReason", "INVALID",
					"no exclusion reason when 7-day no-reason returns apply"));
		}
		List<String> images = r.imageEvidenceIds() == null ? List.of() : r.imageEvidenceIds();
		if (images.size() > 20 || images.stream().anyMatch(i -> i == null || i.isBlank() || i.length() > 40)) {
			errors.add(new FieldError("imageEvidenceIds", "INVALID", "at most 20 evidence ids"));
		}
		int ship = r.shipWithinHours() == null ? 48 : r.shipWithinHours();
		if (ship < 1 || ship > 720) {
			errors.add(new FieldError("shipWithinHours", "RANGE", "1 to 720 hours"));
		}
		String brand = text(r.brand());
		if (brand != null && brand.length() > 100) {
			errors.add(new FieldError("brand", "LENGTH", "at most 100 characters"));
		}
		String authorizationId = text(r.brandAuthorizationEvidenceId());
		if (authorizationId != null && authorizationId.length() > 40) {
			errors.add(new FieldError("brandAuthorizationEvidenceId", "INVALID", "an evidence id"));
		}
		if (!errors.isEmpty()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Some fields are invalid.", errors);
		}
		String authorization = text(r.brandAuthorizationEvidenceId());
		if (brand != null && authorization == null) {
			throw ApiProblem.rule("BRAND_AUTHORIZATION_REQUIRED",
					"Branded goods need the brand's authorisation document (brandAuthorizationEvidenceId).");
		}
		return new Valid(title, description == null ? "" : description, category, r.priceFen(), r.referencePriceFen(),
				functions, clauses, sevenDays, exclusion, brand, brand == null ? null : authorization, List.copyOf(images),
				ship);
	}

	/** The clauses' length as stored (a JSON array: quotes, commas and escapes count). */
	private static int storedLength(List<String> clauses) {
		int length = 2;
		for (String clause : clauses) {
			length += 3;
			for (int i = 0; i < clause.length(); i++) {
				char c = clause.charAt(i);
				length += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : 1;
			}
		}
		return length;
	}

	private static String text(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
