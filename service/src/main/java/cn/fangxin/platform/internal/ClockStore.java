package cn.fangxin.platform.internal;

import java.time.Duration;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.fangxin.platform.AdjustableClock;
import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.platform.SqlTime;

/**
 * Keeps the adjustable clock's state in the database, so that a restarted demo and every instance on one database
 * agree on the time. Does nothing when the clock is not adjustable.
 */
@Component
public class ClockStore implements SmartInitializingSingleton {

	private final AdjustableClock clock;
	private final JdbcClient jdbc;
	private final boolean adjustable;

	ClockStore(AdjustableClock clock, JdbcClient jdbc, FangxinProperties properties) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.adjustable = properties.clock().adjustable();
	}

	@Override
	public void afterSingletonsInstantiated() {
		refresh();
		save();
	}

	/** Adopts the stored state when it is ahead of this instance's clock. */
	public void refresh() {
		if (!adjustable) {
			return;
		}
		jdbc.sql("select frozen, frozen_at, offset_millis from clock_state where id = 1")
			.query((rs, n) -> new AdjustableClock.State(rs.getBoolean("frozen"), SqlTime.read(rs, "frozen_at"),
					Duration.ofMillis(rs.getLong("offset_millis"))))
			.optional()
			// the untouched row (running, no offset) is plain system time: a clock frozen by configuration (the tests')
			// must not take it over once real time passes the frozen instant
			.filter(state -> state.frozen() || !state.offset().isZero())
			.ifPresent(clock::adopt);
	}

	/** Stores this instance's clock state. */
	public void save() {
		if (!adjustable) {
			return;
		}
		AdjustableClock.State state = clock.state();
		jdbc.sql("update clock_state set frozen = :frozen, frozen_at = :at, offset_millis = :offset where id = 1")
			.param("frozen", state.frozen())
			.param("at", SqlTime.of(state.frozenAt()))
			.param("offset", state.offset().toMillis())
			.update();
	}
}
