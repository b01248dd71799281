package cn.fangxin.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import cn.fangxin.FangxinApplication;
import cn.fangxin.ledger.Ledger;

/**
 * After a kill -9 during the benchmark (bench/ledger/crash-test.sh): restarts the service on the same database, runs
 * {@code verify}, and checks that every transfer id in the acknowledgement log is in the ledger. Exit 0 when both
 * hold.
 */
public final class LedgerCrashCheck {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchOptions.parse(args);
		List<String> acknowledged = Files.readAllLines(Path.of(options.get("ack-log"))).stream()
			.filter(line -> !line.isBlank())
			.toList();
		boolean ok;
		try (ConfigurableApplicationContext context = BenchOptions.start(FangxinApplication.class)) {
			Ledger ledger = context.getBean(Ledger.class);
			NamedParameterJdbcTemplate jdbc = context.getBean(NamedParameterJdbcTemplate.class);
			var verification = ledger.verify();
			Set<String> missing = new HashSet<>(acknowledged);
			for (int i = 0; i < acknowledged.size(); i += 1000) {
				List<String> chunk = new ArrayList<>(acknowledged.subList(i, Math.min(acknowledged.size(), i + 1000)));
				missing.removeAll(jdbc.queryForList("select id from ledger_transfer where id in (:ids)",
						Map.of("ids", chunk), String.class));
			}
			System.out.printf("after restart: verify %s (%d checked); %d acknowledged transfers in the log, %d missing%n",
					verification.ok() ? "ok" : "FAILED " + verification.violations(), verification.checked(),
					acknowledged.size(), missing.size());
			ok = verification.ok() && missing.isEmpty() && !acknowledged.isEmpty();
		}
		System.exit(ok ? 0 : 1);
	}
}
