package cn.fangxin.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;

import cn.fangxin.FangxinApplication;
import cn.fangxin.support.Api;

/**
 * The production profile: no demo data, the first administrator's password and every key from configuration, no
 * test clock, and a per-client limit on sign-ups.
 */
@Tag("scenario")
class ProductionProfileTests {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void stop() {
		contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	@DisplayName("production starts with only the configured administrator, no test clock, and limits sign-ups")
	void production() throws Exception {
		var context = start(true);
		var api = new Api(((WebServerApplicationContext) context).getWebServer().getPort());

		assertThat(api.get("/login").send().body()).as("no demo accounts to name").doesNotContain("demo-accounts",
				"fangxin-demo");
		var wrong = api.post("/api/v1/auth/token", Map.of("username", "admin", "password", "fangxin-demo")).send();
		assertThat(wrong.status()).as("the demo password does not open production").isEqualTo(401);
		String admin = api.token("admin", "first-admin-secret-7781");
		assertThat(api.post("/api/v1/auth/token", Map.of("username", "agent", "password", "fangxin-demo")).send()
			.status()).as("no demo staff").isEqualTo(401);

		var clock = api.get("/api/v1/admin/clock").as(admin).send();
		assertThat(clock.status()).as("no test clock in production").isEqualTo(404);
		assertThat(clock.code()).isEqualTo("NOT_FOUND");

		int created = 0;
		Api.Response last = null;
		String consumer = null;
		for (int i = 0; i < 4; i++) {
			String username = "p" + UUID.randomUUID().toString().substring(0, 8);
			last = api.post("/api/v1/accounts", Map.of("username", username,
					"password", "quiet lantern harbour 7", "role", "CONSUMER", "phone", "13612345678")).send();
			if (last.status() == 201) {
				created++;
				consumer = username;
			}
		}
		assertThat(created).isEqualTo(3);
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.code()).isEqualTo("RATE_LIMITED");

		// no payment with money that does not exist: the sandbox takes none, so nothing is offered that it would charge
		var payments = context.getBean(cn.fangxin.payment.Payments.class);
		assertThat(payments.takesNewPayments(cn.fangxin.payment.PaymentProvider.SANDBOX)).isFalse();
		assertThatThrownBy(() -> payments.start(new cn.fangxin.payment.PaymentRequest(
				cn.fangxin.payment.PaymentProvider.SANDBOX, cn.fangxin.payment.PaymentPurpose.ORDER, "ord-x", "acc-x",
				Money.fen(4_900), cn.fangxin.ledger.AccountKind.ESCROW.idFor("ord-x"), cn.fangxin.ledger.TransferCode.PAYMENT,
				"ord-x")))
			.isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("PAYMENT_METHOD_UNAVAILABLE"));
		var payAfterReceipt = api.post("/api/v1/orders", Map.of("items", List.of(Map.of("listingId", "lst-x", "quantity", 1)),
				"shippingAddress", Map.of("name", "张三", "phone", "13612345678", "region", "浙江省杭州市", "line", "文三路 1 号"),
				"paymentMode", "PAY_AFTER_RECEIPT")).as(api.token(consumer, "quiet lantern harbour 7")).send();
		assertThat(payAfterReceipt.status()).isEqualTo(422);
		assertThat(payAfterReceipt.code()).isEqualTo("PAYMENT_MODE_UNAVAILABLE");
	}

	@Test
	@DisplayName("production refuses to start without the first administrator's password")
	void noAdminPassword() {
		assertThatThrownBy(() -> start(false)).hasStackTraceContaining("initial-admin-password");
	}

	private ConfigurableApplicationContext start(boolean withAdminPassword) throws GeneralSecurityException {
		AeadConfig.register();
		PrfConfig.register();
		String aead = TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM")),
				InsecureSecretKeyAccess.get());
		String prf = TinkJsonProtoKeysetFormat.serializeKeyset(
				KeysetHandle.generateNew(KeyTemplates.get("HMAC_SHA256_PRF")), InsecureSecretKeyAccess.get());
		var logKeys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		String logKey = Base64.getEncoder().encodeToString(logKeys.getPrivate().getEncoded()) + " "
				+ Base64.getEncoder().encodeToString(logKeys.getPublic().getEncoded());
		byte[] secret = new byte[32];
		new java.security.SecureRandom().nextBytes(secret);
		// Command-line arguments outrank application.yml and the environment (a PostgreSQL run's SPRING_DATASOURCE_*).
		List<String> properties = new ArrayList<>(List.of("server.port=0",
				// A database of its own: production must not see the demo accounts of the test database.
				"spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID()
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa", "spring.datasource.password=",
				"spring.flyway.locations=classpath:db/migration", "spring.flyway.default-schema=public",
				"spring.flyway.schemas=public",
				"fangxin.security.token-secret=" + Base64.getEncoder().encodeToString(secret),
				"fangxin.security.data-keyset=" + aead, "fangxin.security.index-keyset=" + prf,
				"fangxin.log.signing-key=" + logKey,
				"fangxin.limits.accounts-per-hour-per-client=3", "fangxin.data-dir=target/prod-test-data"));
		if (withAdminPassword) {
			properties.add("fangxin.security.initial-admin-password=first-admin-secret-7781");
		}
		var context = new SpringApplicationBuilder(FangxinApplication.class).profiles("prod")
			.run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
		contexts.add(context);
		return context;
	}
}
