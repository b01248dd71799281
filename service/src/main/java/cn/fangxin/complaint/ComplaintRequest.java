package cn.fangxin.complaint;

import java.util.List;

/**
 * A complaint as filed (API.md {@code POST /api/v1/complaints}). Staff entering a complaint on a consumer's behalf
 * name the consumer in {@code onBehalfOf}.
 */
public record ComplaintRequest(String merchantId, String orderId, String listingId, String channel, String category,
		String text, List<String> claims, Long amountFen, List<String> evidenceIds, String onBehalfOf) {
}
