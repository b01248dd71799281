package cn.fangxin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by a process on this machine, from Linux's {@code /proc/PID/stat}: its own user and system time plus,
 * with {@code withChildren}, that of its live children and of those it has reaped (PostgreSQL's backends are children
 * of the postmaster). Clock ticks are taken as 100 per second (Linux's USER_HZ on every common architecture).
 */
record ProcessCpu(long pid, boolean withChildren) {

	private static final double MS_PER_TICK = 10;

	/** The process's CPU milliseconds so far, or -1 where /proc does not tell (not Linux, or no such process). */
	double millis() {
		long[] own = ticks(pid);
		if (own == null) {
			return -1;
		}
		long total = own[0] + own[1];
		if (withChildren) {
			total += own[2] + own[3];
			for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(java.util.List.of())) {
				long[] c = ticks(child.pid());
				if (c != null) {
					total += c[0] + c[1];
				}
			}
		}
		return total * MS_PER_TICK;
	}

	/** utime, stime, cutime, cstime of the process (fields 14 to 17 of its stat line), or null. */
	private static long[] ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[0] is the state (stat field 3): utime is stat field 14
			return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
					Long.parseLong(fields[14]) };
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}
}
