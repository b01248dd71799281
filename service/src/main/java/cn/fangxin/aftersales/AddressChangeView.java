package cn.fangxin.aftersales;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A request to change an order's shipping address before it ships.
 *
 * @param id request id
 * @param orderId the order
 * @param merchantId the shop
 * @param newAddress the new address, masked
 * @param status REQUESTED, ACCEPTED, DECLINED, ESCALATED (the shop was silent for 24 h: customer service decides) or
 *        EXPIRED (the order shipped before anyone decided)
 * @param respondBy the shop's deadline
 * @param declineReason why the shop declined
 * @param decidedBy MERCHANT or STAFF:#work number
 * @param createdAt when asked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressChangeView(String id, String orderId, String merchantId, String newAddress, String status,
		Instant respondBy, String declineReason, String decidedBy, Instant createdAt) {
}
