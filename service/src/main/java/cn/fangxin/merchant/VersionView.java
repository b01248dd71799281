package cn.fangxin.merchant;

import java.time.Instant;
import java.util.List;

/**
 * One version of the registration file, unmasked, for staff.
 *
 * @param version number
 * @param kind kind
 * @param shopName shop name
 * @param legalName legal name
 * @param idNumber resident ID
 * @param creditCode credit code
 * @param legalRepresentative legal representative
 * @param address street address
 * @param contactPhone mobile
 * @param licenseNumber licence
 * @param registrationExempt exemption
 * @param categories categories
 * @param crossBorder cross-border
 * @param submittedBy who submitted it (account id)
 * @param submittedAt when
 * @param changeNote what kind of submission (APPLICATION, CHANGE, REVERIFICATION)
 * @param reviewStatus PENDING, APPROVED, REJECTED or SUPERSEDED
 * @param reviewedBy reviewer
 * @param reviewedAt when
 * @param reviewReason reviewer's reason
 */
public record VersionView(int version, MerchantKind kind, String shopName, String legalName, String idNumber,
		String creditCode, String legalRepresentative, String address, String contactPhone, String licenseNumber,
		boolean registrationExempt, List<String> categories, boolean crossBorder, String submittedBy,
		Instant submittedAt, String changeNote, String reviewStatus, String reviewedBy, Instant reviewedAt,
		String reviewReason) {
}
