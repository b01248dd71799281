package cn.fangxin.aftersales;

import java.time.Instant;
import java.util.List;

import cn.fangxin.platform.Detail;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An after-sales case as its parties and staff see it.
 *
 * @param id case id
 * @param orderId the order
 * @param merchantId the shop
 * @param type what is asked for
 * @param reason why
 * @param status state
 * @param amountFen the refund asked for
 * @param description the consumer's words
 * @param evidenceIds the consumer's evidence
 * @param returnShippingPayer CONSUMER (no-reason) or MERCHANT (quality)
 * @param respondBy the merchant's deadline while REQUESTED (silence approves)
 * @param rejectionReason the merchant's reason, when rejected
 * @param rejectionEvidenceIds the merchant's evidence for a rejection
 * @param returnAddress where to send the goods back
 * @param returnCarrier the consumer's carrier
 * @param returnTrackingNumber the consumer's tracking number
 * @param receiveBy until when the merchant may confirm the return arrived (silence counts as received)
 * @param refundDueBy the refund (an exchange: the replacement's shipment) is due by then (7 days after the return
 *        was received)
 * @param refundedFen refunded so far
 * @param refundSource ESCROW, MERCHANT_BALANCE or COMPENSATION_FIRST
 * @param compensatedByPlatform whether the platform paid first
 * @param timeline who did what when
 * @param createdAt when requested
 * @param replacementCarrier an exchange's replacement: the shop's carrier
 * @param replacementTrackingNumber and tracking number
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AfterSaleView(String id, String orderId, String merchantId, AfterSaleType type, AfterSaleReason reason,
		AfterSaleStatus status, long amountFen, String description, List<String> evidenceIds, String returnShippingPayer,
		Instant respondBy, String rejectionReason, List<String> rejectionEvidenceIds, String returnAddress,
		String returnCarrier, String returnTrackingNumber, Instant receiveBy, Instant refundDueBy, long refundedFen,
		String refundSource, boolean compensatedByPlatform, List<Event> timeline, Instant createdAt,
		String replacementCarrier, String replacementTrackingNumber) {

	/**
	 * @param at when
	 * @param event what
	 * @param actor CONSUMER, MERCHANT, SYSTEM or STAFF:#work number
	 * @param detail more, in English
	 * @param data the same for readers of any language (null on rows of older versions)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Event(Instant at, String event, String actor, String detail, @JsonIgnore Detail data) {
	}
}
