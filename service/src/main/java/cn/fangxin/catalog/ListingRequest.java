package cn.fangxin.catalog;

import java.util.List;

/**
 * A listing as the merchant writes it (API.md "Listings").
 *
 * @param title title
 * @param description description
 * @param category category code
 * @param priceFen the price in fen
 * @param referencePriceFen a struck-through "original" price, if any
 * @param functions what the goods do (required disclosure)
 * @param formatClauses format clauses, shown prominently
 * @param returnPolicy the return policy
 * @param brand brand of branded goods
 * @param brandAuthorizationEvidenceId the evidence id of the brand's authorisation (required with a brand)
 * @param imageEvidenceIds pictures, as evidence ids
 * @param shipWithinHours ships within this many hours of payment (default 48)
 */
public record ListingRequest(String title, String description, String category, Long priceFen,
		Long referencePriceFen, String functions, List<String> formatClauses, ReturnPolicy returnPolicy, String brand,
		String brandAuthorizationEvidenceId, List<String> imageEvidenceIds, Integer shipWithinHours) {

	/**
	 * @param sevenDayNoReason whether 7-day no-reason returns apply
	 * @param exclusionReason why not, when they do not
	 */
	public record ReturnPolicy(Boolean sevenDayNoReason, String exclusionReason) {
	}
}
