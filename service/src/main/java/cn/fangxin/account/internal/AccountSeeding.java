package cn.fangxin.account.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import cn.fangxin.account.Accounts;
import cn.fangxin.account.Role;
import cn.fangxin.platform.FangxinProperties;

/**
 * The accounts a fresh installation starts with. Demo mode: the staff of API.md (admin, agent, arbiter, arbiter2,
 * regulator) and a demo consumer and merchant, all with the password {@code fangxin-demo}. Production: no demo data;
 * the first administrator {@code admin} with the password from {@code fangxin.security.initial-admin-password},
 * created once when no administrator exists.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountSeeding implements ApplicationRunner {

	static final String DEMO_PASSWORD = "fangxin-demo";

	private static final Logger log = LoggerFactory.getLogger(AccountSeeding.class);

	private static final List<Seed> DEMO = List.of(new Seed("admin", Role.ADMIN, "Administrator 管理员"),
			new Seed("agent", Role.AGENT, "Customer service 客服"), new Seed("arbiter", Role.ARBITRATOR, "Arbitrator 仲裁员"),
			new Seed("arbiter2", Role.ARBITRATOR, "Arbitrator 2 仲裁员二"),
			new Seed("regulator", Role.REGULATOR, "12315 Regulator 市场监管"),
			new Seed("consumer", Role.CONSUMER, "Demo consumer 演示买家"),
			new Seed("merchant", Role.MERCHANT, "Demo merchant 演示商家"));

	private final Accounts accounts;
	private final FangxinProperties properties;

	AccountSeeding(Accounts accounts, FangxinProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (properties.demo()) {
			DEMO.forEach(seed -> ensure(seed.username(), DEMO_PASSWORD, seed.role(), seed.displayName()));
			return;
		}
		if (!accounts.anyWithRole(Role.ADMIN)) {
			String password = properties.security().initialAdminPassword();
			if (password == null || password.isBlank()) {
				throw new IllegalStateException("No administrator exists yet: set fangxin.security.initial-admin-password "
						+ "(FANGXIN_SECURITY_INITIAL_ADMIN_PASSWORD) for the first start");
			}
			ensure("admin", password, Role.ADMIN, "Administrator");
			log.info("created the first administrator 'admin'");
		}
	}

	private void ensure(String username, String password, Role role, String displayName) {
		if (accounts.findByUsername(username).isPresent()) {
			return;
		}
		try {
			accounts.openTrusted(username, password, role, displayName);
		}
		catch (DuplicateKeyException anotherInstanceWon) {
			// Another instance seeded it at the same moment.
		}
	}

	private record Seed(String username, Role role, String displayName) {
	}
}
