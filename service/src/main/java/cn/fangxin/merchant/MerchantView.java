package cn.fangxin.merchant;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A merchant's registration as its owner and staff see it (API.md {@code GET /merchants/{id}}): ID number, phone and
 * street address masked unless the reader is staff (and then the read is audited).
 *
 * @param id merchant id
 * @param accountId the owning account
 * @param status registry status
 * @param statusReason why (a rejection, a suspension)
 * @param kind individual or enterprise
 * @param shopName shop name
 * @param legalName full legal name
 * @param idNumber resident ID (masked unless staff)
 * @param creditCode unified social credit code
 * @param legalRepresentative legal representative
 * @param address street address (masked unless staff)
 * @param contactPhone mobile (masked unless staff)
 * @param licenseNumber licence number
 * @param registrationExempt E-Commerce Law art. 10 exemption claimed
 * @param categories categories
 * @param crossBorder cross-border shop
 * @param region province of registration
 * @param version the latest version of the registration file
 * @param approvedVersion the version in force
 * @param pendingReview whether the latest version awaits review
 * @param lastReview the latest review's outcome and reason
 * @param verifiedAt when identity was last verified
 * @param nextVerificationDue when it is due again
 * @param identityMatches staff only: other shops with the same identity number or phone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MerchantView(String id, String accountId, MerchantStatus status, String statusReason, MerchantKind kind,
		String shopName, String legalName, String idNumber, String creditCode, String legalRepresentative,
		String address, String contactPhone, String licenseNumber, boolean registrationExempt, List<String> categories,
		boolean crossBorder, String region, int version, Integer approvedVersion, boolean pendingReview,
		Review lastReview, Instant verifiedAt, Instant nextVerificationDue, List<IdentityMatch> identityMatches) {

	/**
	 * A review of one version.
	 *
	 * @param version the version reviewed
	 * @param status PENDING, APPROVED or REJECTED
	 * @param reason the reviewer's reason, shown to the applicant
	 * @param reviewedAt when
	 */
	public record Review(int version, String status, String reason, Instant reviewedAt) {
	}

	/**
	 * Another shop that shares this one's identity number or phone (found by blind index).
	 *
	 * @param merchantId the other shop
	 * @param shopName its name
	 * @param status its status; SUSPENDED or BANNED is a red flag for the reviewer
	 * @param matchedOn IDENTITY or PHONE
	 */
	public record IdentityMatch(String merchantId, String shopName, MerchantStatus status, String matchedOn) {

		public boolean sanctioned() {
			return status == MerchantStatus.SUSPENDED || status == MerchantStatus.BANNED;
		}
	}
}
