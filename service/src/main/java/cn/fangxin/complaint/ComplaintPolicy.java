package cn.fangxin.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import cn.fangxin.platform.WorkingDayCalendar;

/**
 * {@code fangxin.complaints.*}: the deadline policy table — for each step of each tier and each handling group, who
 * must act and by when, in hours or in working days on the holiday calendar — and the other complaint numbers. Rows
 * given in configuration replace the default row of the same step and group; the defaults cite their source.
 *
 * @param deadlines rows overriding the defaults
 * @param priorityMark after this long unresolved a complaint's priority is raised and staff alerted (seed 003 §3: 72 h)
 * @param collectiveThreshold consumers against one merchant in one category that form a collective case (5)
 * @param collectiveWindow the window they must fall in (30 days)
 * @param triageThreshold below this confidence triage answers OTHER with its candidates (0.35)
 */
@ConfigurationProperties("fangxin.complaints")
public record ComplaintPolicy(List<Row> deadlines, Duration priorityMark, Integer collectiveThreshold,
		Duration collectiveWindow, Double triageThreshold) {

	/** The steps that carry a deadline, with the tier they belong to and what silence does. */
	public enum Step {
		/** The merchant's first response; silence → platform arbitration. */
		MERCHANT_RESPONSE(Tier.PLATFORM_SERVICE),
		/** Agreement with customer service after the first response; none → platform arbitration. */
		NEGOTIATION(Tier.PLATFORM_SERVICE),
		/** The arbitrator's decision; none → referral to 12315. */
		ARBITRATION_DECISION(Tier.PLATFORM_ARBITRATION),
		/** The parties' time to appeal a decision; then it is final on the platform. */
		APPEAL_WINDOW(Tier.PLATFORM_ARBITRATION),
		/** A different arbitrator's decision on an appeal; none → referral to 12315. */
		APPEAL_DECISION(Tier.PLATFORM_ARBITRATION),
		/** The regulator's decision whether to accept; none → the court package. */
		REGULATOR_ACCEPTANCE(Tier.REGULATOR_12315),
		/** The regulator's mediation; ends without agreement → the court package. */
		REGULATOR_MEDIATION(Tier.REGULATOR_12315),
		/** Court; overdue raises an alert only. */
		COURT_JUDGMENT(Tier.COURT);

		private final Tier tier;

		Step(Tier tier) {
			this.tier = tier;
		}

		public Tier tier() {
			return tier;
		}
	}

	/**
	 * A row of the policy table.
	 *
	 * @param step the step
	 * @param group the handling group, or null for every group
	 * @param actor who must act (MERCHANT, PARTIES, ARBITRATOR, REGULATOR, COURT)
	 * @param hours the time in hours (calendar time), or
	 * @param workingDays the time in working days (Asia/Shanghai calendar), or
	 * @param days calendar days
	 * @param source where the number comes from
	 */
	public record Row(Step step, ComplaintCategory.Group group, String actor, Integer hours, Integer workingDays,
			Integer days, String source) {

		/** When the step falls due if it starts at {@code from}. */
		public Instant dueFrom(Instant from, WorkingDayCalendar calendar) {
			if (workingDays != null) {
				return calendar.endOfWorkingDays(from, workingDays);
			}
			if (days != null) {
				return from.plus(Duration.ofDays(days));
			}
			return from.plus(Duration.ofHours(hours == null ? 48 : hours));
		}

		/** "48 h", "7 working days", "180 days". */
		public String describe() {
			return workingDays != null ? workingDays + " working days" : days != null ? days + " days" : hours + " h";
		}

		/** The bundle key of a default row's source, which has its text in both languages; null for a configured row. */
		public String sourceKey() {
			return DEFAULTS.contains(this) ? "policySource." + step + (group == null ? "" : "." + group) : null;
		}

		/** The same, for readers of either language. */
		public cn.fangxin.platform.Detail period() {
			return workingDays != null ? cn.fangxin.platform.Detail.of("period.workingDays", text(workingDays))
					: days != null ? cn.fangxin.platform.Detail.of("period.days", text(days))
					: cn.fangxin.platform.Detail.of("period.hours", text(hours == null ? 48 : hours));
		}

		private static cn.fangxin.platform.Detail.Arg text(Integer n) {
			return cn.fangxin.platform.Detail.text(String.valueOf(n));
		}
	}

	private static final List<Row> DEFAULTS = List.of(
			new Row(Step.MERCHANT_RESPONSE, null, "MERCHANT", 48, null, null,
					// RULES.md: merchant first response 48 h; silence -> platform arbitration
					"platform rule: the shop answers within 48 hours; silence goes to the platform's arbitration"),
			new Row(Step.NEGOTIATION, ComplaintCategory.Group.AFTER_SALES, "PARTIES", 48, null, null,
					// seed 003's 0.5-2 h is a chat reply time, not a negotiation's
					"platform rule: the consumer gets 48 hours to weigh the shop's offer"),
			new Row(Step.NEGOTIATION, ComplaintCategory.Group.QUALITY, "PARTIES", 72, null, null,
					// seed 003 §3
					"platform rule: quality disputes are settled on the platform within 24-72 hours"),
			new Row(Step.NEGOTIATION, ComplaintCategory.Group.FRAUD, "PARTIES", 72, null, null,
					// seed 003 §3
					"platform rule: fraud disputes are settled on the platform within 48-72 hours"),
			new Row(Step.NEGOTIATION, ComplaintCategory.Group.QUALIFICATION, "PARTIES", 72, null, null,
					// seed 003 §3
					"platform rule: the platform does not decide on falsified qualifications; after 72 hours the case goes to "
							+ "arbitration and is referred to the regulator"),
			new Row(Step.ARBITRATION_DECISION, ComplaintCategory.Group.AFTER_SALES, "ARBITRATOR", null, 2, null,
					"platform policy (E-Commerce Law art. 63 online dispute resolution)"),
			new Row(Step.ARBITRATION_DECISION, null, "ARBITRATOR", null, 3, null,
					"platform policy (E-Commerce Law art. 63 online dispute resolution)"),
			new Row(Step.APPEAL_WINDOW, null, "PARTIES", null, null, 7, "platform policy: appeal within 7 days"),
			new Row(Step.APPEAL_DECISION, null, "ARBITRATOR", null, 3, null, "platform policy"),
			new Row(Step.REGULATOR_ACCEPTANCE, null, "REGULATOR", null, 7, null,
					"SAMR Order 20 (2019, rev. 2022) art. 14: acceptance decided within 7 working days"),
			new Row(Step.REGULATOR_MEDIATION, null, "REGULATOR", null, 45, null,
					"SAMR Order 20 arts. 20, 21(5): mediation ends without agreement after 45 working days"),
			new Row(Step.COURT_JUDGMENT, ComplaintCategory.Group.FRAUD, "COURT", null, null, 365,
					// seed 003 §3
					"typical duration: fraud cases take 6-12 months in court"),
			// seed 003 §3
			new Row(Step.COURT_JUDGMENT, null, "COURT", null, null, 183, "typical duration: 3-6 months in court"));

	public ComplaintPolicy {
		deadlines = deadlines == null ? List.of() : List.copyOf(deadlines);
		priorityMark = priorityMark == null ? Duration.ofHours(72) : priorityMark;
		collectiveThreshold = collectiveThreshold == null ? 5 : collectiveThreshold;
		collectiveWindow = collectiveWindow == null ? Duration.ofDays(30) : collectiveWindow;
		triageThreshold = triageThreshold == null ? 0.35 : triageThreshold;
	}

	/** The whole table in force: configured rows first, then the defaults they do not replace. */
	public List<Row> table() {
		List<Row> rows = new ArrayList<>(deadlines);
		for (Row d : DEFAULTS) {
			if (deadlines.stream().noneMatch(r -> r.step() == d.step() && r.group() == d.group())) {
				rows.add(d);
			}
		}
		return rows;
	}

	/** The row for a step and group: the group's own row, else the row for every group. */
	public Row rowFor(Step step, ComplaintCategory.Group group) {
		List<Row> table = table();
		return table.stream()
			.filter(r -> r.step() == step && r.group() == group)
			.findFirst()
			.or(() -> table.stream().filter(r -> r.step() == step && r.group() == null).findFirst())
			.orElseThrow(() -> new IllegalStateException("no policy row for " + step));
	}
}
