package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdjustableClockTests {

	private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

	@Test
	@DisplayName("a frozen clock stands still until moved, and only moves forward")
	void frozen() {
		var clock = new AdjustableClock(Clock.systemUTC(), AdjustableClock.State.frozenAt(T0));
		assertThat(clock.instant()).isEqualTo(T0);
		clock.moveTo(T0.plus(Duration.ofHours(49)));
		assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofHours(49)));
		clock.moveTo(T0);
		assertThat(clock.instant()).as("never back").isEqualTo(T0.plus(Duration.ofHours(49)));
	}

	@Test
	@DisplayName("a running clock keeps running ahead by the offset it was moved")
	void running() {
		var system = Clock.fixed(T0, ZoneOffset.UTC);
		var clock = new AdjustableClock(system, AdjustableClock.State.RUNNING);
		assertThat(clock.instant()).isEqualTo(T0);
		clock.moveTo(T0.plus(Duration.ofDays(10)));
		assertThat(clock.state().offset()).isEqualTo(Duration.ofDays(10));
		assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(10)));
	}

	@Test
	@DisplayName("a clock adopts a stored state only when it is ahead")
	void adopt() {
		var clock = new AdjustableClock(Clock.systemUTC(), AdjustableClock.State.frozenAt(T0));
		clock.adopt(AdjustableClock.State.frozenAt(T0.minusSeconds(60)));
		assertThat(clock.instant()).isEqualTo(T0);
		clock.adopt(AdjustableClock.State.frozenAt(T0.plusSeconds(60)));
		assertThat(clock.instant()).isEqualTo(T0.plusSeconds(60));
	}
}
