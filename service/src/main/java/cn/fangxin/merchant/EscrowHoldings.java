package cn.fangxin.merchant;

/**
 * What buyers' money the platform holds in escrow for a shop's open orders. The orders module knows and provides it;
 * the registry shows it in the merchant's balance without depending on orders.
 */
public interface EscrowHoldings {

	/** Fen held in escrow for the merchant's orders that are paid and not yet completed or refunded. */
	long inEscrowFen(String merchantId);
}
