package cn.fangxin.order;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order in a list.
 *
 * @param id order id
 * @param status status
 * @param merchantId shop
 * @param shopName shop name
 * @param consumerId buyer
 * @param title the first item's title (and how many more)
 * @param totalFen total
 * @param paymentMode mode
 * @param payBy when an unpaid order is cancelled, while it matters
 * @param shipBy ship-by, while it matters
 * @param confirmBy auto-confirm time, while it matters (not while an after-sales case or complaint holds the order)
 * @param createdAt placed at
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderSummary(String id, OrderStatus status, String merchantId, String shopName, String consumerId,
		String title, long totalFen, PaymentMode paymentMode, Instant payBy, Instant shipBy, Instant confirmBy,
		Instant createdAt) {
}
