package cn.fangxin.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A version of a listing as everyone sees it.
 *
 * @param id listing id
 * @param merchantId the shop
 * @param shopName its name
 * @param version this version's number
 * @param currentVersion the listing's latest version
 * @param status ACTIVE or DELISTED
 * @param title title
 * @param description description
 * @param category category code
 * @param priceFen price
 * @param referencePriceFen struck-through reference price, if any
 * @param functions functions
 * @param formatClauses format clauses
 * @param returnPolicy return policy
 * @param brand brand
 * @param brandAuthorizationEvidenceId brand authorisation evidence
 * @param imageEvidenceIds pictures
 * @param shipWithinHours ships within
 * @param listedAt when the listing was created
 * @param versionAt when this version was made
 * @param evidenceId the LISTING_VERSION evidence record of this version in the transparency log
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListingView(String id, String merchantId, String shopName, int version, int currentVersion,
		ListingStatus status, String title, String description, String category, long priceFen, Long referencePriceFen,
		String functions, List<String> formatClauses, Policy returnPolicy, String brand,
		String brandAuthorizationEvidenceId, List<String> imageEvidenceIds, int shipWithinHours, Instant listedAt,
		Instant versionAt, String evidenceId) {

	/**
	 * @param sevenDayNoReason whether 7-day no-reason returns apply
	 * @param exclusionReason why not
	 */
	public record Policy(boolean sevenDayNoReason, ReturnExclusion exclusionReason) {
	}
}
