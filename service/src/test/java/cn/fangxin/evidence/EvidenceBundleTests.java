package cn.fangxin.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.account.AccountId;
import cn.fangxin.support.ApiTest;
import cn.fangxin.verify.BundleReport;
import cn.fangxin.verify.Bundles;

/** An order's evidence bundle, downloaded from the service and checked by the offline verifier's code. */
@Tag("scenario")
class EvidenceBundleTests extends ApiTest {

	@TempDir
	Path dir;

	@Autowired
	EvidenceVault vault;

	@Autowired
	TransactionTemplate transactions;

	@Test
	@DisplayName("a downloaded bundle verifies offline; a stranger gets 404; staff may download it")
	void bundle() throws Exception {
		var purchases = new cn.fangxin.support.Purchases(api);
		var world = purchases.world();
		var buyer = world.buyer();
		String order = purchases.paid(world);
		transactions.executeWithoutResult(s -> vault.recordSystem(EvidenceKind.CASE_EVENT,
				"{\"case\":\"event\"}".getBytes(), "application/json", order, null, List.of(new AccountId(buyer.id()))));
		var upload = api.upload("/api/v1/evidence", buyer.token(), "chat.png", EvidenceLogTests.png(),
				Map.of("kind", "SCREENSHOT", "orderId", order));
		assertThat(upload.status()).isEqualTo(201);

		byte[] zip = api.download("/api/v1/evidence/bundle?orderId=" + order, buyer.token());
		Path file = dir.resolve("bundle.zip");
		Files.write(file, zip);
		BundleReport report = Bundles.verify(file);
		assertThat(report.ok()).as(report.text()).isTrue();
		assertThat(report.text()).contains("ORDER_SNAPSHOT").contains("CASE_EVENT").contains("SCREENSHOT")
			.contains("matches its logged SHA-256");
		// the shop, the order's other party, may download it too, and the buyer's upload is readable to it
		assertThat(api.download("/api/v1/evidence/bundle?orderId=" + order, world.shop().account().token())).isNotEmpty();
		assertThat(api.get("/api/v1/evidence/" + upload.json().path("id").asString()).as(world.shop().account().token())
			.send().status()).isEqualTo(200);

		String strangerToken = api.signUp("CONSUMER").token();
		var stranger = api.get("/api/v1/evidence/bundle?orderId=" + order).as(strangerToken).send();
		assertThat(stranger.status()).isEqualTo(404);
		// the list too: another party's order answers as if it did not exist, not with an empty list
		var strangersList = api.get("/api/v1/evidence?orderId=" + order).as(strangerToken).send();
		assertThat(strangersList.status()).isEqualTo(404);
		assertThat(strangersList.code()).isEqualTo("ORDER_NOT_FOUND");
		assertThat(api.get("/api/v1/evidence?orderId=" + order).as(buyer.token()).send().json().path("items").toString())
			.contains("ORDER_SNAPSHOT", "SCREENSHOT");
		assertThat(api.download("/api/v1/evidence/bundle?orderId=" + order, api.demoToken("arbiter"))).isNotEmpty();
		assertThat(api.get("/api/v1/evidence/bundle").as(buyer.token()).send().code()).isEqualTo("PARAMETER_INVALID");
	}
}
