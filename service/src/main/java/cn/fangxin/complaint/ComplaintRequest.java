package cn.fangxin.complaint;

import java.util.List;

/**
 * A complaint as filed (API.md {@code POST /api/v1/complaints}). Staff entering a complaint on a consumer's behalf
 * name the consumer in {@code onBehalfOf}. Without a category, triage classifies the text (issue 9); {@code letter} is the
 * consumer's (edited) complaint letter to the shop.
 */
public record ComplaintRequest(String merchantId, String orderId, String listingId, String channel, String category,
		String text, List<String> claims, Long amountFen, List<String> evidenceIds, String onBehalfOf, String letter) {
}
