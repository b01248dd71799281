package cn.fangxin.order;

import java.time.Instant;
import java.util.List;

import cn.fangxin.platform.Detail;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order as its parties and staff see it ({@code GET /api/v1/orders/{id}}). The shipping address is masked; the
 * merchant reads it whole, audited, from the shipping label.
 *
 * @param id order id
 * @param status where it stands
 * @param merchantId the shop
 * @param shopName its name
 * @param consumerId the buyer
 * @param items what was bought, at the frozen listing versions
 * @param totalFen the price of all items
 * @param paymentMode ESCROW or PAY_AFTER_RECEIPT
 * @param escrow the money: paid, held, released, refunded
 * @param payBy when an unpaid order is cancelled
 * @param shipBy when an unshipped paid order is refunded
 * @param shippedAt when it shipped
 * @param carrier carrier
 * @param trackingNumber tracking number
 * @param deliveredAt when it was delivered
 * @param confirmBy when a delivered order completes by itself (unless held)
 * @param completedAt when it completed
 * @param closedReason why it was cancelled or refunded
 * @param snapshotEvidenceId the ORDER_SNAPSHOT evidence record
 * @param shippingAddress masked address
 * @param deadlines pending deadlines
 * @param holds open holds on its automatic completion
 * @param debt the debt case of a failed pay-after-receipt charge
 * @param timeline who did what when
 * @param createdAt when it was placed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String id, OrderStatus status, String merchantId, String shopName, String consumerId,
		List<Item> items, long totalFen, PaymentMode paymentMode, Escrow escrow, Instant payBy, Instant shipBy,
		Instant shippedAt, String carrier, String trackingNumber, Instant deliveredAt, Instant confirmBy,
		Instant completedAt, String closedReason, String snapshotEvidenceId, String shippingAddress,
		List<DeadlineView> deadlines, List<Hold> holds, Debt debt, List<Event> timeline, Instant createdAt) {

	/**
	 * @param listingId listing
	 * @param listingVersion the version bought
	 * @param title title then
	 * @param unitPriceFen price then
	 * @param quantity quantity
	 * @param sevenDayNoReason whether 7-day no-reason returns apply
	 * @param exclusionReason why not
	 * @param confirmedNoReturn the consumer confirmed at purchase that it cannot be returned without reason
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Item(String listingId, int listingVersion, String title, long unitPriceFen, int quantity,
			boolean sevenDayNoReason, String exclusionReason, boolean confirmedNoReturn) {
	}

	/**
	 * The order's escrow account: {@code heldFen = paidFen − releasedFen − refundedFen}; and what reached the consumer
	 * after escrow had released the money, outside these figures.
	 *
	 * @param paidFen paid in
	 * @param heldFen held now
	 * @param releasedFen released to the merchant
	 * @param refundedFen refunded to the consumer from escrow
	 * @param refundedAfterReleaseFen refunded after release: from the shop's balance, or paid first by the platform
	 * @param compensationFen compensation paid to the consumer (from the shop's balance or paid first by the platform)
	 */
	public record Escrow(long paidFen, long heldFen, long releasedFen, long refundedFen, long refundedAfterReleaseFen,
			long compensationFen) {
	}

	/**
	 * @param kind ORDER_PAYMENT_DUE, ORDER_SHIP_BY, ORDER_PRESUMED_DELIVERY, ORDER_AUTO_CONFIRM
	 * @param dueAt when
	 */
	public record DeadlineView(String kind, Instant dueAt) {
	}

	/**
	 * @param ref the case holding it
	 * @param reason why
	 * @param placedAt since when
	 * @param reasonData the reason for readers of any language (null on holds of older versions)
	 */
	public record Hold(String ref, String reason, Instant placedAt, @JsonIgnore Detail reasonData) {
	}

	/**
	 * @param amountFen owed
	 * @param reason why the charge failed
	 * @param status OPEN or SETTLED
	 * @param openedAt when
	 */
	public record Debt(long amountFen, String reason, String status, Instant openedAt) {
	}

	/**
	 * @param at when
	 * @param event what
	 * @param actor who: CONSUMER, MERCHANT, STAFF:#&lt;work number&gt; ({@link cn.fangxin.platform.StaffAliases}), SYSTEM
	 * @param detail more, in English
	 * @param data the same for readers of any language (null on rows of older versions)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Event(Instant at, String event, String actor, String detail, @JsonIgnore Detail data) {
	}
}
