package cn.fangxin.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application clock. Domain code asks it for the time and never calls {@code Instant.now()}. In production
 * it is the system clock. When {@code fangxin.clock.adjustable} is on (demo and tests) it can be moved forward, like
 * Stripe's test clocks: either running (system time plus an offset) or frozen at an instant. It never moves back.
 */
public final class AdjustableClock extends Clock {

	private final Clock system;
	private final AtomicReference<State> state;

	public AdjustableClock(Clock system, State initial) {
		this.system = system;
		this.state = new AtomicReference<>(initial);
	}

	/** The system clock, unmoved. */
	public static AdjustableClock system() {
		return new AdjustableClock(Clock.systemUTC(), State.RUNNING);
	}

	@Override
	public Instant instant() {
		return state.get().at(system.instant());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

	/** The current offset and mode, for persisting so that every instance and a restart see the same time. */
	public State state() {
		return state.get();
	}

	/** Takes over a state read from storage, if it is not behind this clock. */
	public void adopt(State other) {
		state.updateAndGet(current -> other.at(system.instant()).isBefore(current.at(system.instant())) ? current
				: other);
	}

	/**
	 * Moves the clock forward to {@code target}; a target in the past leaves the clock where it is.
	 *
	 * @return the state after the move
	 */
	public State moveTo(Instant target) {
		return state.updateAndGet(current -> {
			Instant systemNow = system.instant();
			if (!target.isAfter(current.at(systemNow))) {
				return current;
			}
			return current.frozen() ? new State(true, target, Duration.ZERO)
					: new State(false, null, Duration.between(systemNow, target));
		});
	}

	/**
	 * The clock's mode: frozen at an instant, or running with an offset from system time.
	 *
	 * @param frozen whether the clock stands still
	 * @param frozenAt the instant it stands at, when frozen
	 * @param offset the amount it runs ahead of system time, when running
	 */
	public record State(boolean frozen, Instant frozenAt, Duration offset) {

		public static final State RUNNING = new State(false, null, Duration.ZERO);

		public static State frozenAt(Instant instant) {
			return new State(true, instant, Duration.ZERO);
		}

		Instant at(Instant systemNow) {
			return frozen ? frozenAt : systemNow.plus(offset);
		}
	}
}
