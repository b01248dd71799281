package cn.fangxin.merchant;

/** Marks on a merchant's record; late shipments are counted on the public shop page. */
public enum MarkKind {
	/** An order not shipped by its ship-by time and refunded automatically. */
	LATE_SHIPMENT,
	/** An invoice asked for and not issued within 5 working days. */
	INVOICE_OVERDUE,
	/** An invoice asked for and refused (E-Commerce Law art. 14: the seller must issue invoices). */
	INVOICE_REFUSED,
	/** A warning decided in complaint arbitration. */
	ARBITRATION_WARNING,
	/** A suspension decided in complaint arbitration. */
	ARBITRATION_SUSPENSION
}
