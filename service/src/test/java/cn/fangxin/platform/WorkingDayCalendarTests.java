package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WorkingDayCalendarTests {

	private final WorkingDayCalendar calendar = new WorkingDayCalendar();

	@Test
	@DisplayName("2026 has 248 working days, as the State Council notice says; so has 2025")
	void countsTheYear() {
		assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 12, 31))).isEqualTo(248);
		// 2025: 261 weekdays, 18 of them holidays, 5 make-up days.
		assertThat(calendar.workingDaysBetween(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 12, 31))).isEqualTo(248);
		assertThat(calendar.knows(2025)).isTrue();
		assertThat(calendar.knows(2026)).isTrue();
		assertThat(calendar.sourceOf(2026)).contains("4 Nov 2025");
	}

	@Test
	@DisplayName("make-up working days on weekends count; holidays on weekdays do not")
	void makeUpDays() {
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 4))).as("Sun 4 Jan 2026, make-up").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("Sat 14 Feb 2026, make-up").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).as("Sat 28 Feb 2026, make-up").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("Sat 10 Oct 2026, make-up").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 26))).as("Sun 26 Jan 2025, make-up").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 2))).as("Fri 2 Jan 2026, New Year").isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).as("Mon 23 Feb 2026, Spring Festival").isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 6, 19))).as("Fri 19 Jun 2026, Dragon Boat").isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 21))).as("an ordinary Saturday").isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 23))).as("an ordinary Monday").isTrue();
	}

	@Test
	@DisplayName("working days skip the Spring Festival and National Day weeks")
	void longHolidays() {
		// Fri 13 Feb 2026 + 1 working day is the make-up Saturday 14 Feb; the next is Tue 24 Feb after the holiday.
		assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 2, 13), 1)).isEqualTo(LocalDate.of(2026, 2, 14));
		assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 2, 14), 1)).isEqualTo(LocalDate.of(2026, 2, 24));
		// 7 working days after 30 Sep 2026: 8, 9, 10 (make-up Sat), 12, 13, 14, 15 Oct.
		assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 7)).isEqualTo(LocalDate.of(2026, 10, 15));
		assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 8))).isEqualTo(1);
		assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 9, 30))).isEqualTo(-1);
		assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 11, 20), 0)).isEqualTo(LocalDate.of(2026, 11, 20));
	}

	@Test
	@DisplayName("a 7-working-day deadline ends at midnight Beijing time after the 7th working day")
	void deadlineInstant() {
		Instant receipt = Instant.parse("2026-09-30T02:00:00Z"); // 10:00 in Beijing
		assertThat(calendar.endOfWorkingDays(receipt, 7)).isEqualTo(Instant.parse("2026-10-15T16:00:00Z"));
		// 20:00 UTC on 30 Sep is already 1 Oct in Beijing: counting starts from 1 Oct.
		assertThat(calendar.endOfWorkingDays(Instant.parse("2026-09-30T20:00:00Z"), 1))
			.isEqualTo(Instant.parse("2026-10-08T16:00:00Z"));
	}

	@Test
	@DisplayName("a calendar-day period ending on a rest day ends after the rest days (Civil Code art. 203)")
	void periodsEndAfterHolidays() {
		assertThat(calendar.extendPastRestDays(LocalDate.of(2026, 10, 3))).isEqualTo(LocalDate.of(2026, 10, 8));
		assertThat(calendar.extendPastRestDays(LocalDate.of(2026, 11, 21))).isEqualTo(LocalDate.of(2026, 11, 23));
		assertThat(calendar.extendPastRestDays(LocalDate.of(2026, 2, 14))).as("a make-up Saturday is a working day")
			.isEqualTo(LocalDate.of(2026, 2, 14));
	}

	@Test
	@DisplayName("a year without a notice falls back to weekends only")
	void unknownYear() {
		assertThat(calendar.knows(2031)).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2031, 10, 1))).as("a Wednesday").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2031, 10, 4))).as("a Saturday").isFalse();
	}

	@Property(tries = 300)
	void addingAndCountingAgree(@ForAll @IntRange(min = 0, max = 730) int offset, @ForAll @IntRange(min = 0, max = 60) int n) {
		LocalDate start = LocalDate.of(2025, 1, 1).plusDays(offset);
		LocalDate end = calendar.plusWorkingDays(start, n);
		assertThat(calendar.workingDaysBetween(start, end)).isEqualTo(n);
		if (n > 0) {
			assertThat(calendar.isWorkingDay(end)).isTrue();
		}
	}
}
