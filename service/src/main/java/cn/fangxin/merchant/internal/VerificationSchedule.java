package cn.fangxin.merchant.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.fangxin.merchant.MerchantProperties;
import cn.fangxin.merchant.MerchantStatus;
import cn.fangxin.platform.Deadline;
import cn.fangxin.platform.DeadlineHandler;
import cn.fangxin.platform.Deadlines;
import cn.fangxin.platform.WorkingDayCalendar;

/**
 * Periodic re-verification (E-Commerce Law art. 27; Online Transaction Measures 2021: at least every six months). When
 * it falls due the shop becomes VERIFICATION_DUE and is told; 30 days later, still not verified, it is SUSPENDED and
 * may not list or take orders until staff approve a re-verification.
 */
@Component
public class VerificationSchedule {

	public static final String DUE = "MERCHANT_VERIFICATION_DUE";
	public static final String OVERDUE = "MERCHANT_VERIFICATION_OVERDUE";
	public static final String OVERDUE_REASON = "VERIFICATION_OVERDUE";

	private final Deadlines deadlines;
	private final MerchantProperties properties;

	VerificationSchedule(Deadlines deadlines, MerchantProperties properties) {
		this.deadlines = deadlines;
		this.properties = properties;
	}

	/**
	 * Identity verified now: the next re-verification falls due at {@code due}. The previous cycle's deadlines are
	 * withdrawn with {@link Deadlines#cancelNotDue}, which is safe under the shop's lock (moving them deadlocked with the
	 * scheduler, which claims a deadline's row first and then locks the shop); one due within the minute is left to
	 * fire, as a no-op, since both handlers read the shop's own due date.
	 */
	public void verified(String merchantId, Instant due) {
		deadlines.cancelNotDue(DUE, merchantId);
		deadlines.cancelNotDue(OVERDUE, merchantId);
		deadlines.schedule(DUE, merchantId, due);
		deadlines.schedule(OVERDUE, merchantId, overdueAt(due));
	}

	/** The standing a verified shop has at {@code now} by its due date alone. */
	public MerchantStatus standingOn(Instant due, Instant now) {
		if (due == null || now.isBefore(due)) {
			return MerchantStatus.ACTIVE;
		}
		return now.isBefore(overdueAt(due)) ? MerchantStatus.VERIFICATION_DUE : MerchantStatus.SUSPENDED;
	}

	private Instant overdueAt(Instant due) {
		return due.atZone(WorkingDayCalendar.ZONE).plus(properties.overdueGrace()).toInstant();
	}

	@Component
	static class Due implements DeadlineHandler {

		private final MerchantRepository repository;
		private final Clock clock;

		Due(MerchantRepository repository, Clock clock) {
			this.repository = repository;
			this.clock = clock;
		}

		@Override
		public String kind() {
			return DUE;
		}

		@Override
		public void onDue(Deadline deadline) {
			Instant now = clock.instant();
			repository.findForUpdate(deadline.subjectId())
				.filter(m -> m.nextVerificationDue() != null && !now.isBefore(m.nextVerificationDue()))
				.ifPresent(m -> {
					if (repository.changeStatus(m.id(), List.of(MerchantStatus.ACTIVE), MerchantStatus.VERIFICATION_DUE,
							"VERIFICATION_DUE", now)) {
						repository.notice(m.id(), "VERIFICATION_DUE", m.nextVerificationDue().toString(), now);
					}
				});
		}
	}

	@Component
	static class Overdue implements DeadlineHandler {

		private final MerchantRepository repository;
		private final VerificationSchedule schedule;
		private final Clock clock;

		Overdue(MerchantRepository repository, VerificationSchedule schedule, Clock clock) {
			this.repository = repository;
			this.schedule = schedule;
			this.clock = clock;
		}

		@Override
		public String kind() {
			return OVERDUE;
		}

		@Override
		public void onDue(Deadline deadline) {
			Instant now = clock.instant();
			repository.findForUpdate(deadline.subjectId())
				.filter(m -> schedule.standingOn(m.nextVerificationDue(), now) == MerchantStatus.SUSPENDED)
				.ifPresent(m -> {
					if (repository.changeStatus(m.id(),
							List.of(MerchantStatus.ACTIVE, MerchantStatus.VERIFICATION_DUE, MerchantStatus.PENDING_REVIEW),
							MerchantStatus.SUSPENDED, OVERDUE_REASON, now)) {
						repository.notice(m.id(), "SUSPENDED", OVERDUE_REASON, now);
					}
				});
		}
	}
}
