package cn.fangxin.complaint;

import java.time.Instant;
import java.util.List;

import cn.fangxin.platform.Detail;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A complaint as its parties, staff and (once referred) the regulator see it.
 *
 * @param respondBy the merchant's first-response deadline while AWAITING_MERCHANT
 * @param deadlines the pending deadlines: step, due time, who must act, the policy row's source
 * @param evidenceChecklist the category's checklist with what the attached evidence satisfies
 * @param statutoryCompensation what the law gives on top of the refund where the facts fit, for the price paid
 * @param refundedFen refunded to the consumer through this complaint
 * @param compensatedFen compensation paid to the consumer through this complaint
 * @param categorySource CONSUMER (chosen at filing), TRIAGE (classified from the text) or STAFF (corrected)
 * @param triageConfidence triage's confidence when it chose the category
 * @param letter the consumer's complaint letter to the shop, if they sent one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComplaintView(String id, ComplaintStatus status, Tier tier, ComplaintCategory category, Channel channel,
		String priority, String consumerId, String merchantId, String shopName, String orderId, String listingId,
		String text, List<Claim> claims, Long amountFen, Long priceFen, List<String> evidenceIds, String enteredBy,
		Instant respondBy, List<Deadline> deadlines, List<ChecklistEntry> evidenceChecklist,
		List<ComplaintCategory.LegalBasis> legalBasis, Channel suggestedChannel,
		ComplaintCategory.StatutoryCompensation statutoryCompensation, Offer offer, Decision decision, long refundedFen,
		long compensatedFen, String resolution, Instant resolvedAt, String collectiveCaseId, List<ReferralView> referrals,
		List<Event> timeline, Instant createdAt, String categorySource, Double triageConfidence, String letter) {

	/**
	 * A pending deadline.
	 *
	 * @param step the policy step
	 * @param dueAt when
	 * @param actor who must act
	 * @param rule the policy row ("48 h", "7 working days") and its source
	 * @param hours the row's time in hours, or
	 * @param workingDays in working days, or
	 * @param days in calendar days
	 * @param sourceKey the bundle key of a default row's source, for pages in either language (null for a configured row)
	 */
	public record Deadline(String step, Instant dueAt, String actor, String rule, Integer hours, Integer workingDays,
			Integer days, @JsonIgnore String sourceKey) {
	}

	/** An item of the evidence checklist and whether the complaint's evidence satisfies it. */
	public record ChecklistEntry(String kind, boolean required, boolean satisfied) {
	}

	/** The merchant's latest offer. */
	public record Offer(long refundFen, long compensationFen, OfferAction action, String message) {
	}

	/** The arbitration decision in force (after an appeal, the appeal's). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Decision(Outcome outcome, long refundFen, long compensationFen, Sanction sanction, String reasoning,
			String decidedBy, Instant decidedAt, Instant appealBy, String appealedBy) {
	}

	/** A referral to 12315 or court. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ReferralView(String id, Tier to, String status, Instant createdAt, Instant acceptBy,
			Instant acceptedAt, Instant mediateBy, Instant closedAt, String note) {
	}

	/**
	 * A timeline entry: every transition, with the tier it happened at; {@code detail} is in English, {@code data} the
	 * same for readers of any language (null on rows of older versions).
	 */
	public record Event(Instant at, String event, String actor, Tier tier, String detail, @JsonIgnore Detail data) {
	}
}
