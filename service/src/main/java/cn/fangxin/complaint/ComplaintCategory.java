package cn.fangxin.complaint;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a complaint is about, with what the platform knows of each category: its handling group (seed 003 §3), the
 * channel seed 003 §1 suggests, the evidence checklist (seed 003 §2) and the legal basis (RULES.md). One row per
 * category so that a lawyer can check it against RULES.md.
 */
public enum ComplaintCategory {

	COUNTERFEIT(Group.FRAUD, Channel.PLATFORM_REPORT, "ORDER_SNAPSHOT!,APPRAISAL_REPORT!,CHAT_EXPORT,AD_PAGE_CAPTURE",
			Basis.CRPL_55_1, Basis.CRPL_44_PROMISE, Basis.CRPL_44_IDENTITY, Basis.CRPL_24),
	QUALITY_DEFECT(Group.QUALITY, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,SCREENSHOT!,CHAT_EXPORT,APPRAISAL_REPORT",
			Basis.CRPL_24, Basis.CRPL_55_2),
	NOT_AS_DESCRIBED(Group.QUALITY, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,SCREENSHOT!,AD_PAGE_CAPTURE,CHAT_EXPORT",
			Basis.CRPL_24, Basis.ECL_17),
	FALSE_ADVERTISING(Group.FRAUD, Channel.PLATFORM_REPORT, "AD_PAGE_CAPTURE!,ORDER_SNAPSHOT,SCREENSHOT",
			Basis.CRPL_55_1, Basis.ECL_17),
	PRICE_FRAUD(Group.FRAUD, Channel.REGULATOR_12315, "AD_PAGE_CAPTURE!,ORDER_SNAPSHOT!,PAYMENT_VOUCHER",
			Basis.PRICE_16, Basis.PRICE_17, Basis.CRPL_55_1),
	REFUND_REFUSED(Group.AFTER_SALES, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,CHAT_EXPORT!,PAYMENT_VOUCHER",
			Basis.CRPL_25, Basis.CRPL_25_REFUND, Basis.CRPL_24),
	RETURN_REFUSED(Group.AFTER_SALES, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,CHAT_EXPORT!,LOGISTICS_PROOF",
			Basis.CRPL_25, Basis.CRPL_24),
	AFTER_SALES_SERVICE(Group.AFTER_SALES, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,CHAT_EXPORT!", Basis.CRPL_24,
			Basis.ECL_63),
	LOGISTICS_DELAY(Group.AFTER_SALES, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,LOGISTICS_PROOF!,CHAT_EXPORT",
			Basis.CIVIL_604, Basis.ECL_63),
	LOST_PARCEL(Group.AFTER_SALES, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,LOGISTICS_PROOF!,CHAT_EXPORT",
			Basis.CIVIL_604, Basis.ECL_62),
	INVOICE_REFUSED(Group.AFTER_SALES, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,CHAT_EXPORT!,PAYMENT_VOUCHER",
			Basis.ECL_14),
	PRIVACY_LEAK(Group.FRAUD, Channel.PLATFORM_REPORT, "SCREENSHOT!,CHAT_EXPORT", Basis.CRPL_29, Basis.PIPL_13),
	PAYMENT_FRAUD(Group.FRAUD, Channel.PLATFORM_REPORT, "PAYMENT_VOUCHER!,CHAT_EXPORT!,SCREENSHOT", Basis.CRPL_55_1,
			Basis.CRPL_44_IDENTITY),
	QUALIFICATION_FRAUD(Group.QUALIFICATION, Channel.REGULATOR_12315, "SCREENSHOT!,AD_PAGE_CAPTURE", Basis.ECL_27,
			Basis.ECL_15, Basis.CRPL_44_IDENTITY),
	FORCED_TIE_IN(Group.FRAUD, Channel.PLATFORM_REPORT, "ORDER_SNAPSHOT!,SCREENSHOT!", Basis.ECL_19),
	UNDISCLOSED_AD(Group.FRAUD, Channel.PLATFORM_REPORT, "AD_PAGE_CAPTURE!", Basis.ECL_40),
	FOOD_SAFETY(Group.QUALITY, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT!,SCREENSHOT!,APPRAISAL_REPORT,INVOICE",
			Basis.FSL_148, Basis.CRPL_24),
	OTHER(Group.AFTER_SALES, Channel.PLATFORM_SERVICE, "ORDER_SNAPSHOT,SCREENSHOT,CHAT_EXPORT", Basis.ECL_63);

	/** The handling groups of seed 003 §3, which the deadline policy table is keyed by. */
	public enum Group {
		/** Ordinary after-sales questions: returns, refunds, logistics, invoices. */
		AFTER_SALES,
		/** Quality disputes. */
		QUALITY,
		/** Fraud: counterfeits, false advertising, price fraud, payment fraud. */
		FRAUD,
		/** Forged or false qualifications (the platform checks; the regulator decides). */
		QUALIFICATION
	}

	/**
	 * An item of the evidence checklist.
	 *
	 * @param kind the evidence kind that satisfies it
	 * @param required whether the complaint is weak without it
	 */
	public record ChecklistItem(String kind, boolean required) {
	}

	/**
	 * A legal basis row (RULES.md).
	 *
	 * @param ref the row's stable name (for translations)
	 * @param law the statute
	 * @param article its article
	 * @param summary what it gives the consumer
	 */
	public record LegalBasis(String ref, String law, String article, String summary) {
	}

	/** The legal basis rows, each once, as RULES.md states them. */
	public enum Basis {
		CRPL_24("Consumer Rights Protection Law", "art. 24",
				"quality problems: return within 7 days of receipt, later replace or repair; the seller bears transport costs"),
		CRPL_25("Consumer Rights Protection Law", "art. 25",
				"goods bought online may be returned without reason within 7 days of receipt, except excluded goods"),
		CRPL_25_REFUND("Consumer Rights Protection Law", "art. 25; SAIC Order 90",
				"the refund is due within 7 days of receiving the returned goods"),
		CRPL_29("Consumer Rights Protection Law", "art. 29",
				"consumers' personal information may not be disclosed or sold without consent"),
		CRPL_44_IDENTITY("Consumer Rights Protection Law", "art. 44; E-Commerce Law art. 38",
				"a platform that cannot give the seller's real name, address and valid contact answers to the consumer itself"),
		CRPL_44_PROMISE("Consumer Rights Protection Law", "art. 44",
				"a platform keeps its more favourable promises, such as a 100% genuine guarantee"),
		CRPL_55_1("Consumer Rights Protection Law", "art. 55 para. 1",
				"fraud: refund of the price plus compensation of 3 times the price, at least 500 CNY"),
		CRPL_55_2("Consumer Rights Protection Law", "art. 55 para. 2",
				"knowingly defective goods causing death or serious harm: the loss and up to 2 times the loss"),
		FSL_148("Food Safety Law", "art. 148",
				"food not meeting safety standards: 10 times the price or 3 times the loss, at least 1,000 CNY"),
		ECL_14("E-Commerce Law", "art. 14", "sellers must issue invoices or other purchase vouchers"),
		ECL_15("E-Commerce Law", "art. 15", "sellers show their licence information prominently and keep it current"),
		ECL_17("E-Commerce Law", "art. 17", "sellers must disclose goods information truthfully, with no fake sales or reviews"),
		ECL_19("E-Commerce Law", "art. 19", "tie-in sales must be prominent and never selected by default"),
		ECL_27("E-Commerce Law", "art. 27", "the platform verifies and registers sellers' identity and checks it periodically"),
		ECL_40("E-Commerce Law", "art. 40; Internet Advertising Measures (2023)", "advertisements must be marked as such"),
		ECL_62("E-Commerce Law", "art. 62", "in a dispute the platform provides the original contract and transaction records"),
		ECL_63("E-Commerce Law", "art. 63", "the platform offers online dispute resolution"),
		PRICE_16("Provisions on Clearly Marked Prices and Prohibition of Price Fraud", "art. 16",
				"an unexplained reference price may not exceed the lowest price of the 7 days before"),
		PRICE_17("Provisions on Clearly Marked Prices and Prohibition of Price Fraud", "arts. 17, 19, 20",
				"no price rise before a discount, no low price shown and a higher one charged"),
		PIPL_13("Personal Information Protection Law", "arts. 13-14",
				"personal information is processed only with consent for a stated purpose"),
		CIVIL_604("Civil Code", "art. 604",
				"the seller bears the risk of loss of the goods until they are delivered to the buyer");

		private final LegalBasis row;

		Basis(String law, String article, String summary) {
			this.row = new LegalBasis(name(), law, article, summary);
		}

		public LegalBasis row() {
			return row;
		}
	}

	/**
	 * Statutory compensation for a price.
	 *
	 * @param ref the rule's key ({@code CRPL_55}, {@code FSL_148}), which names it in either language
	 * @param basis the rule, in English
	 * @param amountFen compensation on top of the refund
	 */
	public record StatutoryCompensation(String ref, String basis, long amountFen) {
	}

	private final Group group;
	private final Channel suggestedChannel;
	private final List<ChecklistItem> checklist;
	private final List<LegalBasis> legalBasis;

	ComplaintCategory(Group group, Channel suggestedChannel, String checklist, Basis... basis) {
		this.group = group;
		this.suggestedChannel = suggestedChannel;
		this.checklist = Arrays.stream(checklist.split(","))
			.map(k -> new ChecklistItem(k.replace("!", ""), k.endsWith("!")))
			.toList();
		this.legalBasis = Arrays.stream(basis).map(Basis::row).toList();
	}

	public Group group() {
		return group;
	}

	public Channel suggestedChannel() {
		return suggestedChannel;
	}

	public List<ChecklistItem> checklist() {
		return checklist;
	}

	public List<LegalBasis> legalBasis() {
		return legalBasis;
	}

	/** What a consumer with this problem usually asks for, when they have not said. */
	public List<Claim> defaultClaims() {
		return switch (this) {
			case COUNTERFEIT, FALSE_ADVERTISING, PRICE_FRAUD, FOOD_SAFETY -> List.of(Claim.REFUND, Claim.COMPENSATION);
			case QUALITY_DEFECT, NOT_AS_DESCRIBED, RETURN_REFUSED -> List.of(Claim.RETURN, Claim.REFUND);
			case REFUND_REFUSED, LOGISTICS_DELAY, LOST_PARCEL, FORCED_TIE_IN -> List.of(Claim.REFUND);
			case AFTER_SALES_SERVICE -> List.of(Claim.REPAIR, Claim.APOLOGY);
			case INVOICE_REFUSED -> List.of(Claim.INVOICE);
			case PRIVACY_LEAK -> List.of(Claim.APOLOGY, Claim.COMPENSATION);
			case PAYMENT_FRAUD, QUALIFICATION_FRAUD -> List.of(Claim.REFUND, Claim.DISCLOSE_SELLER_IDENTITY);
			case UNDISCLOSED_AD, OTHER -> List.of(Claim.APOLOGY);
		};
	}

	/**
	 * The compensation the law gives on top of the refund when the facts fit: fraud (counterfeits, false advertising,
	 * price fraud; CRPL art. 55 para. 1) 3 × the price, at least 500 CNY; unsafe food (Food Safety Law art. 148)
	 * 10 × the price, at least 1,000 CNY. Empty for other categories or without a price.
	 */
	public Optional<StatutoryCompensation> statutoryCompensation(Long priceFen) {
		if (priceFen == null || priceFen <= 0) {
			return Optional.empty();
		}
		return switch (this) {
			case COUNTERFEIT, FALSE_ADVERTISING, PRICE_FRAUD -> Optional.of(new StatutoryCompensation("CRPL_55",
					"CRPL art. 55 para. 1: 3 x price, at least 500 CNY", Math.max(Math.multiplyExact(priceFen, 3), 50_000)));
			case FOOD_SAFETY -> Optional.of(new StatutoryCompensation("FSL_148",
					"Food Safety Law art. 148: 10 x price, at least 1,000 CNY",
					Math.max(Math.multiplyExact(priceFen, 10), 100_000)));
			default -> Optional.empty();
		};
	}
}
