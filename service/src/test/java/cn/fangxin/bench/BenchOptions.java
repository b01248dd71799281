package cn.fangxin.bench;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Command-line options of the benchmarks, and the service they run against. */
final class BenchOptions {

	private BenchOptions() {
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].startsWith("--") && i + 1 < args.length) {
				options.put(args[i].substring(2), args[++i]);
			}
		}
		return options;
	}

	/** The service on the database of the SPRING_DATASOURCE_* environment, on a free port, with quiet logs. */
	static ConfigurableApplicationContext start(Class<?> application) {
		return new SpringApplicationBuilder(application).run("--server.port=0", "--fangxin.demo=true",
				"--logging.level.root=warn", "--spring.main.banner-mode=off");
	}
}
