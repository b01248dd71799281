package cn.fangxin.aftersales;

import java.util.List;

/**
 * A consumer's request.
 *
 * @param type what is asked for
 * @param reason why
 * @param amountFen the refund asked for (default: what is left of the order's payment; none for an exchange)
 * @param description in the consumer's words
 * @param evidenceIds evidence records in the vault (photos, chats)
 */
public record AfterSaleRequest(String type, String reason, Long amountFen, String description,
		List<String> evidenceIds) {
}
