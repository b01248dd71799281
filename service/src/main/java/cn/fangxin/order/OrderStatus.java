package cn.fangxin.order;

/** Where an order stands (API.md "Orders and escrow"). */
public enum OrderStatus {
	/** Placed, waiting for the consumer's payment (30 minutes). */
	AWAITING_PAYMENT,
	/** Paid into escrow, waiting for the merchant to ship by {@code shipBy}. */
	PAID,
	/** Pay after receipt: waiting for the merchant to ship, nothing paid yet. */
	AWAITING_SHIPMENT,
	SHIPPED,
	DELIVERED,
	/** Receipt confirmed (or 10 days after delivery); the escrow was released to the merchant. */
	COMPLETED,
	/** Closed without payment: unpaid in time, cancelled by the consumer, or a pay-after-receipt order not shipped. */
	CANCELLED,
	/** Closed with the whole payment returned to the consumer. */
	REFUNDED,
	/** Pay after receipt: the charge at confirmation failed; a debt for staff. */
	CHARGE_FAILED;

	/** No further change of state can happen. */
	public boolean closed() {
		return this == COMPLETED || this == CANCELLED || this == REFUNDED;
	}
}
