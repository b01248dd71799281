package cn.fangxin.order;

import java.util.List;

/**
 * {@code POST /api/v1/orders}: what the consumer buys. Only the items listed here are in the order: nothing is added
 * on the consumer's behalf (no tie-in sales, E-Commerce Law art. 19).
 *
 * @param items listings and quantities, all from one shop
 * @param shippingAddress where to ship
 * @param paymentMode ESCROW (default) or PAY_AFTER_RECEIPT
 * @param shippingAddressFrom instead of {@code shippingAddress}: one of the consumer's earlier orders, whose address
 *        is copied on the server (the consumer only ever sees it masked: {@code GET /api/v1/orders/shipping-addresses})
 */
public record OrderRequest(List<Item> items, Address shippingAddress, PaymentMode paymentMode,
		String shippingAddressFrom) {

	public OrderRequest(List<Item> items, Address shippingAddress, PaymentMode paymentMode) {
		this(items, shippingAddress, paymentMode, null);
	}

	/**
	 * @param listingId the listing
	 * @param quantity how many, 1 to 99
	 * @param confirmedNoReturn the consumer confirms that this item, excluded from 7-day no-reason returns by its nature
	 *        ({@code CONFIRMED_AT_PURCHASE}), cannot be returned without reason; required for such items
	 */
	public record Item(String listingId, Integer quantity, Boolean confirmedNoReturn) {

		public Item(String listingId, Integer quantity) {
			this(listingId, quantity, null);
		}
	}

	/**
	 * @param name the recipient
	 * @param phone a mainland mobile number
	 * @param region province, city and district
	 * @param line street and number
	 */
	public record Address(String name, String phone, String region, String line) {
	}
}
