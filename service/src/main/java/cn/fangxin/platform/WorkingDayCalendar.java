package cn.fangxin.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The Chinese working-day calendar (Asia/Shanghai). Deadlines the law counts in working days (SAMR Order 20 art. 14:
 * "within 7 working days") skip weekends and official holidays and count the make-up working days (调休) that the
 * State Council General Office announces each year. The calendar is data: one file per year under
 * {@code calendar/cn-YYYY.txt}, with lines {@code holiday YYYY-MM-DD[..YYYY-MM-DD]} and {@code workday YYYY-MM-DD}.
 * For a year without a file only weekends are rest days ({@link #knows(int)} tells).
 */
@Component
public class WorkingDayCalendar {

	/** The zone in which Chinese deadlines are counted. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final Set<LocalDate> holidays = new HashSet<>();
	private final Set<LocalDate> makeUpWorkdays = new HashSet<>();
	private final Map<Integer, String> sources = new HashMap<>();

	public WorkingDayCalendar() {
		this("classpath*:calendar/cn-*.txt");
	}

	WorkingDayCalendar(String pattern) {
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
				load(resource);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void load(Resource resource) throws IOException {
		String name = resource.getFilename();
		int year = Integer.parseInt(name.substring(3, 7));
		try (var reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			String source = null;
			while ((line = reader.readLine()) != null) {
				line = line.strip();
				if (line.startsWith("# source:")) {
					source = line.substring("# source:".length()).strip();
				}
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\\s+");
				String[] range = parts[1].split("\\.\\.");
				LocalDate from = LocalDate.parse(range[0]);
				LocalDate to = range.length > 1 ? LocalDate.parse(range[1]) : from;
				Set<LocalDate> target = switch (parts[0]) {
					case "holiday" -> holidays;
					case "workday" -> makeUpWorkdays;
					default -> throw new IllegalStateException("unknown calendar line in " + name + ": " + line);
				};
				for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
					if (d.getYear() != year && !(d.getYear() == year - 1 || d.getYear() == year + 1)) {
						throw new IllegalStateException(name + " lists a date far from its year: " + d);
					}
					target.add(d);
				}
			}
			sources.put(year, source == null ? name : source);
		}
	}

	/** Whether the official holiday arrangement for this year is loaded. */
	public boolean knows(int year) {
		return sources.containsKey(year);
	}

	/** The notice the year's data was taken from. */
	public String sourceOf(int year) {
		return sources.get(year);
	}

	/** A working day: a weekday that is not an official holiday, or a make-up working day. */
	public boolean isWorkingDay(LocalDate date) {
		if (makeUpWorkdays.contains(date)) {
			return true;
		}
		if (holidays.contains(date)) {
			return false;
		}
		DayOfWeek day = date.getDayOfWeek();
		return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
	}

	/** An official holiday or a weekend that is not a make-up working day (法定休假日 in Civil Code art. 203). */
	public boolean isRestDay(LocalDate date) {
		return !isWorkingDay(date);
	}

	/**
	 * The {@code n}-th working day after {@code date} (the day itself does not count, as periods start the day after
	 * the event: Civil Code art. 201). {@code n == 0} gives {@code date}.
	 */
	public LocalDate plusWorkingDays(LocalDate date, int n) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative");
		}
		LocalDate day = date;
		for (int counted = 0; counted < n;) {
			day = day.plusDays(1);
			if (isWorkingDay(day)) {
				counted++;
			}
		}
		return day;
	}

	/** Working days in the half-open range {@code (from, to]}: after {@code from}, up to and including {@code to}. */
	public int workingDaysBetween(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			return -workingDaysBetween(to, from);
		}
		int count = 0;
		for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
			if (isWorkingDay(day)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * The deadline for acting "within {@code n} working days" of an event at {@code event}: the end of the {@code n}-th
	 * working day after the event's day in Asia/Shanghai (the start of the following day).
	 */
	public Instant endOfWorkingDays(Instant event, int n) {
		LocalDate last = plusWorkingDays(event.atZone(ZONE).toLocalDate(), n);
		return last.plusDays(1).atStartOfDay(ZONE).toInstant();
	}

	/**
	 * The last day of a period counted in calendar days whose nominal last day is {@code lastDay}: when that day is a
	 * statutory rest day, the period ends on the first day after the rest days (Civil Code art. 203).
	 */
	public LocalDate extendPastRestDays(LocalDate lastDay) {
		LocalDate day = lastDay;
		while (isRestDay(day)) {
			day = day.plusDays(1);
		}
		return day;
	}
}
