package cn.fangxin.merchant;

/** Marks on a merchant's record, counted on the public shop page. */
public enum MarkKind {
	/** An order not shipped by its ship-by time and refunded automatically. */
	LATE_SHIPMENT
}
