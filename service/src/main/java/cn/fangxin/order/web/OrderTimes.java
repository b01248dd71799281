package cn.fangxin.order.web;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/** {@code @orderTimes} in templates: how long until a deadline, for the countdowns. */
@Component("orderTimes")
class OrderTimes {

	/** Seconds from now until due; 0 when it has passed. */
	public long secondsLeft(Instant now, Instant due) {
		return due == null || !due.isAfter(now) ? 0 : Duration.between(now, due).getSeconds();
	}

	public long days(long seconds) {
		return seconds / 86_400;
	}

	public long hours(long seconds) {
		return seconds % 86_400 / 3_600;
	}

	public long minutes(long seconds) {
		return seconds % 3_600 / 60;
	}
}
