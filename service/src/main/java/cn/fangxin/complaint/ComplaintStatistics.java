package cn.fangxin.complaint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.fangxin.account.Caller;
import cn.fangxin.account.Role;
import cn.fangxin.complaint.internal.ComplaintRepository;
import cn.fangxin.complaint.internal.ComplaintRepository.Row;
import cn.fangxin.platform.ApiProblem;

/**
 * The figures oversight charts: counts and resolution rates by tier, category and channel, deadlines met, median time
 * to resolution. "Resolved" means settled (RESOLVED) or decided to the end on a tier (CLOSED); withdrawn complaints
 * count as filed, not resolved. Computed over all complaints on each call: complaints are few next to orders; a
 * materialised table is the next step when they are not.
 */
@Service
public class ComplaintStatistics {

	private final ComplaintRepository repository;

	ComplaintStatistics(ComplaintRepository repository) {
		this.repository = repository;
	}

	/** A group's figures. */
	public record Group(String key, long count, long resolved, double resolutionRate, Double medianHoursToResolution) {
	}

	/**
	 * The statistics.
	 *
	 * @param total complaints filed
	 * @param resolved of them resolved
	 * @param byTier by the tier each complaint is at (or ended at)
	 * @param byCategory by category
	 * @param byChannel by intake channel
	 * @param deadlinesMet deadlines acted on in time
	 * @param deadlinesMissed deadlines that passed in silence (and escalated)
	 * @param medianHoursToResolution from filing to resolution, over resolved complaints
	 * @param priorityRaised complaints that passed the 72-hour mark unresolved
	 */
	public record Statistics(long total, long resolved, List<Group> byTier, List<Group> byCategory, List<Group> byChannel,
			long deadlinesMet, long deadlinesMissed, Double deadlineMetRate, Double medianHoursToResolution,
			long priorityRaised, long collectiveCases) {
	}

	@Transactional(readOnly = true)
	public Statistics statistics(Caller caller) {
		if (!caller.isStaff() && caller.role() != Role.REGULATOR) {
			throw ApiProblem.forbidden("Complaint statistics are for staff and the regulator.");
		}
		List<Row> rows = repository.all();
		long[] deadlines = repository.deadlineCounts();
		long decided = deadlines[0] + deadlines[1];
		return new Statistics(rows.size(), rows.stream().filter(ComplaintStatistics::resolved).count(),
				groups(rows, r -> r.tier().name()), groups(rows, r -> r.category().name()),
				groups(rows, r -> r.channel().name()), deadlines[0], deadlines[1],
				decided == 0 ? null : (double) deadlines[0] / decided, median(rows),
				rows.stream().filter(r -> "HIGH".equals(r.priority())).count(), repository.collectives(10_000).size());
	}

	private static boolean resolved(Row r) {
		return r.status() == ComplaintStatus.RESOLVED || r.status() == ComplaintStatus.CLOSED;
	}

	private static List<Group> groups(List<Row> rows, Function<Row, String> key) {
		Map<String, List<Row>> by = new TreeMap<>();
		rows.forEach(r -> by.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
		return by.entrySet().stream().map(e -> {
			long resolved = e.getValue().stream().filter(ComplaintStatistics::resolved).count();
			return new Group(e.getKey(), e.getValue().size(), resolved, (double) resolved / e.getValue().size(),
					median(e.getValue()));
		}).toList();
	}

	private static Double median(List<Row> rows) {
		List<Long> minutes = rows.stream()
			.filter(r -> resolved(r) && r.resolvedAt() != null)
			.map(r -> Duration.between(r.createdAt(), r.resolvedAt()).toMinutes())
			.sorted()
			.toList();
		if (minutes.isEmpty()) {
			return null;
		}
		int n = minutes.size();
		double m = n % 2 == 1 ? minutes.get(n / 2) : (minutes.get(n / 2 - 1) + minutes.get(n / 2)) / 2.0;
		return Math.round(m / 60.0 * 10) / 10.0;
	}
}
