package cn.fangxin.merchant;

import java.time.Instant;
import java.util.List;

/**
 * What anyone may see of a shop (API.md {@code GET /public/merchants/{id}}; E-Commerce Law art. 15: licence
 * information shown prominently). An individual's full name, ID number, phone and street address are never here.
 *
 * @param id merchant id
 * @param shopName shop name
 * @param entityName the enterprise's registered name, or the individual's surname with the rest masked
 * @param kind individual or enterprise
 * @param licenseNumber business licence number (for enterprises, the credit code when none is given)
 * @param registrationExempt exempt from registration (art. 10)
 * @param region province
 * @param regionEnglish province in English
 * @param verifiedAt last identity verification
 * @param status registry status
 * @param depositFen guarantee deposit held
 * @param sanctions sanctions in force
 * @param lateShipments orders it did not ship in time (refunded automatically)
 * @param closesAt when a shop that announced its closure closes (E-Commerce Law art. 16: shown 30 days ahead), else
 *        null
 */
public record PublicShop(String id, String shopName, String entityName, MerchantKind kind, String licenseNumber,
		boolean registrationExempt, String region, String regionEnglish, Instant verifiedAt, MerchantStatus status,
		long depositFen, List<String> sanctions, long lateShipments, Instant closesAt) {
}
