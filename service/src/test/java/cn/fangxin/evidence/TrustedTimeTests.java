package cn.fangxin.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.FangxinApplication;
import cn.fangxin.evidence.internal.Checkpoints;
import cn.fangxin.account.Caller;
import cn.fangxin.verify.BundleReport;
import cn.fangxin.verify.Bundles;
import cn.fangxin.verify.Merkle;

/** With a time-stamping authority configured, every signed checkpoint carries an RFC 3161 token over its note. */
@Tag("persistence")
class TrustedTimeTests {

	@TempDir
	Path dir;

	@Test
	@DisplayName("a checkpoint is stamped by the TSA: the token's imprint is the note's SHA-256 and its signature verifies")
	void checkpointsAreTimestamped() throws Exception {
		try (var tsa = new TestTimestampAuthority();
				var context = serviceStampedBy(tsa)) {
			var vault = context.getBean(EvidenceVault.class);
			var checkpoints = context.getBean(Checkpoints.class);
			String order = "ord_stamped";
			context.getBean(TransactionTemplate.class).executeWithoutResult(s -> vault.recordSystem(EvidenceKind.CASE_EVENT,
					"{\"stamp\":\"me\"}".getBytes(), "application/json", order, null, List.of()));
			var stamped = await().atMost(Duration.ofSeconds(10))
				.until(() -> checkpoints.latest().flatMap(c -> checkpoints.timestamp(c.size()).map(t -> new Object[] { c, t })),
						java.util.Optional::isPresent)
				.get();
			Checkpoints.Signed checkpoint = (Checkpoints.Signed) stamped[0];
			TimeStampToken token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData((byte[]) stamped[1]));
			assertThat(token.getTimeStampInfo().getMessageImprintDigest())
				.isEqualTo(Merkle.sha256().digest(checkpoint.note().getBytes(StandardCharsets.UTF_8)));
			token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate));

			// the bundle carries the latest checkpoint's token (the latest may be signed by another instance and stamped a
			// moment later), and the offline verifier checks it, pinned to the TSA's certificate
			Path zip = dir.resolve("bundle.zip");
			var admin = new Caller(new cn.fangxin.account.AccountId("acc_admin"), "admin", cn.fangxin.account.Role.ADMIN);
			BundleReport report = await().atMost(Duration.ofSeconds(10)).until(() -> {
				try (var out = Files.newOutputStream(zip)) {
					context.getBean(EvidenceBundles.class).bundle(admin, EvidenceBundles.Subject.ORDER, order).writeTo(out);
				}
				return Bundles.verify(zip, java.util.Optional.of(tsa.certificate));
			}, BundleReport::ok);
			assertThat(report.text()).contains("RFC 3161 timestamp of the checkpoint verifies").contains("CN=Fangxin Test TSA");
		}
	}

	@Test
	@DisplayName("while the TSA does not answer, integration by others goes on: the signer asks it holding no lock")
	void aHangingAuthorityHoldsNoLock() throws Exception {
		try (var tsa = new TestTimestampAuthority();
				var context = serviceStampedBy(tsa)) {
			var vault = context.getBean(EvidenceVault.class);
			var log = context.getBean(cn.fangxin.evidence.internal.TransparencyLog.class);
			var checkpoints = context.getBean(Checkpoints.class);
			var transactions = context.getBean(TransactionTemplate.class);
			tsa.hold();
			int before = tsa.received();
			transactions.executeWithoutResult(s -> vault.recordSystem(EvidenceKind.CASE_EVENT,
					"{\"held\":1}".getBytes(), "application/json", null, null, List.of()));
			// the signer has signed the new checkpoint and now waits for the authority's answer
			await().atMost(Duration.ofSeconds(10)).until(() -> tsa.received() > before);
			transactions.executeWithoutResult(s -> vault.recordSystem(EvidenceKind.CASE_EVENT,
					"{\"held\":2}".getBytes(), "application/json", null, null, List.of()));
			var integration = java.util.concurrent.Executors.newSingleThreadExecutor();
			try {
				long size = integration.submit(() -> transactions.execute(s -> log.integrate()))
					.get(3, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(size).isGreaterThanOrEqualTo(2);
			}
			finally {
				tsa.release();
				integration.shutdownNow();
			}
			// once it answers, the checkpoints are stamped
			await().atMost(Duration.ofSeconds(10))
				.until(() -> checkpoints.latest().flatMap(c -> checkpoints.timestamp(c.size())).isPresent());
		}
	}

	/** The service with the authority configured and a checkpoint every 100 ms. */
	private static org.springframework.context.ConfigurableApplicationContext serviceStampedBy(TestTimestampAuthority tsa) {
		return new SpringApplicationBuilder(FangxinApplication.class).profiles("test")
			.run("--server.port=0", "--fangxin.log.tsa-url=" + tsa.url(), "--fangxin.log.checkpoint-interval=100ms");
	}
}
