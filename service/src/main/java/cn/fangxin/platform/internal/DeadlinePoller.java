package cn.fangxin.platform.internal;

import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import cn.fangxin.platform.FangxinProperties;

/** Looks for due deadlines every poll interval on every instance; claims make sure each fires once. */
@Component
class DeadlinePoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeadlinePoller.class);

	private final DeadlineRunner runner;
	private final ClockStore clockStore;
	private final TaskScheduler scheduler;
	private final FangxinProperties.Deadlines settings;
	private volatile ScheduledFuture<?> task;

	DeadlinePoller(DeadlineRunner runner, ClockStore clockStore, TaskScheduler scheduler,
			FangxinProperties properties) {
		this.runner = runner;
		this.clockStore = clockStore;
		this.scheduler = scheduler;
		this.settings = properties.deadlines();
	}

	void poll() {
		try {
			clockStore.refresh();
			runner.fireDue();
		}
		catch (RuntimeException e) {
			log.warn("deadline poll failed", e);
		}
	}

	@Override
	public void start() {
		if (settings.enabled()) {
			task = scheduler.scheduleWithFixedDelay(this::poll, settings.pollInterval());
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = task;
		if (running != null) {
			running.cancel(false);
			task = null;
		}
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}
}
