package cn.fangxin.merchant;

import java.util.List;

/**
 * What a merchant submits, to apply or to change its registration file (API.md "Merchants").
 *
 * @param kind INDIVIDUAL or ENTERPRISE
 * @param shopName the shop's public name
 * @param legalName the individual's full name, or the enterprise's registered name
 * @param idNumber INDIVIDUAL: the 18-character resident ID
 * @param creditCode ENTERPRISE: the 18-character unified social credit code
 * @param legalRepresentative ENTERPRISE: the legal representative's name
 * @param address street address (never public for individuals)
 * @param contactPhone mainland mobile number
 * @param licenseNumber business licence number, if registered
 * @param registrationExempt claims the E-Commerce Law art. 10 exemption (own farm produce, handicrafts, small sales)
 * @param categories what it sells (lowercase codes)
 * @param crossBorder a cross-border shop
 * @param identityConsent INDIVIDUAL: the seller gave separate consent to the processing of their resident ID number,
 *     sensitive personal data, for the registry (PIPL art. 29); recorded with the application
 */
public record MerchantApplication(String kind, String shopName, String legalName, String idNumber, String creditCode,
		String legalRepresentative, String address, String contactPhone, String licenseNumber,
		Boolean registrationExempt, List<String> categories, Boolean crossBorder, Boolean identityConsent) {
}
