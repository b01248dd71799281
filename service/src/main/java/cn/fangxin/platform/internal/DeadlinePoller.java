package cn.fangxin.platform.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import cn.fangxin.platform.FangxinProperties;
import cn.fangxin.platform.internal.DeadlineRunner.Lane;

/**
 * Looks for due deadlines every poll interval on every instance; claims make sure each fires once. The platform's own
 * deadlines and those whose handlers wait on a party outside (a payment provider, up to its timeout) are polled on two
 * threads of the poller's own, so a provider that is slow to answer delays neither the other lane nor the application's
 * other scheduled work (a shared scheduler runs fixed-delay tasks on one thread).
 */
@Component
class DeadlinePoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeadlinePoller.class);

	private final DeadlineRunner runner;
	private final ClockStore clockStore;
	private final FangxinProperties.Deadlines settings;
	private volatile ThreadPoolTaskScheduler scheduler;
	private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

	DeadlinePoller(DeadlineRunner runner, ClockStore clockStore, FangxinProperties properties) {
		this.runner = runner;
		this.clockStore = clockStore;
		this.settings = properties.deadlines();
	}

	void poll(Lane lane) {
		try {
			clockStore.refresh();
			runner.fireDue(lane);
		}
		catch (RuntimeException e) {
			log.warn("deadline poll failed ({} lane)", lane, e);
		}
	}

	@Override
	public synchronized void start() {
		if (!settings.enabled() || scheduler != null) {
			return;
		}
		var threads = new ThreadPoolTaskScheduler();
		threads.setPoolSize(2);
		threads.setThreadNamePrefix("deadlines-");
		threads.setDaemon(true);
		// a poll under way finishes (its claims commit or roll back whole) before the instance stops
		threads.setWaitForTasksToCompleteOnShutdown(true);
		threads.setAwaitTerminationSeconds(20);
		threads.initialize();
		scheduler = threads;
		tasks.add(threads.scheduleWithFixedDelay(() -> poll(Lane.OWN), settings.pollInterval()));
		if (runner.hasOutsideWork()) {
			tasks.add(threads.scheduleWithFixedDelay(() -> poll(Lane.OUTSIDE), settings.pollInterval()));
		}
	}

	@Override
	public synchronized void stop() {
		tasks.forEach(task -> task.cancel(false));
		tasks.clear();
		if (scheduler != null) {
			scheduler.shutdown();
			scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}
}
