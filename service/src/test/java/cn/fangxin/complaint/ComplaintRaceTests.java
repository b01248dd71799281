package cn.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.support.Api;
import cn.fangxin.support.HeldLocks;

/** A party acting on a complaint while the scheduler fires its deadline: the two queue, they never deadlock. */
@Tag("scenario")
class ComplaintRaceTests extends ComplaintTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	@DisplayName("the shop answers in the last seconds while the scheduler holds the complaint's deadline: the answer "
			+ "does not wait for the deadline's row (the scheduler locks that row first, then the complaint)")
	void answerDoesNotWaitForAClaimedDeadline() throws Exception {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "QUALITY_DEFECT", "开线了", List.of("REFUND")).path("id").asString();
		// 30 seconds before the shop's time is up: the answer withdraws deadlines due later than a minute from now
		// only, so this one, which an instance whose clock runs a little ahead may already have claimed, is left alone
		Instant due = Instant.parse(get(id, api.demoToken("admin")).path("deadlines").get(0).path("dueAt").asString());
		Instant now = Instant.parse(fetch("/api/v1/admin/clock", api.demoToken("admin")).path("now").asString());
		advance(Duration.between(now, due).minusSeconds(30).toString());

		// what the scheduler does first when the shop's answer falls due: it takes the deadline's row
		try (var scheduler = HeldLocks.hold(transactions, () -> assertThat(jdbc.sql("update deadline set attempts = "
				+ "attempts where kind = :kind and subject_id = :id and status = 'PENDING'")
			.param("kind", Complaints.STEP_DUE).param("id", id).update()).isEqualTo(1))) {
			var answer = CompletableFuture.supplyAsync(() -> api.post("/api/v1/complaints/" + id + "/responses",
					Map.of("message", "请寄回，我们换新")).as(w.shop().account().token()).send());
			Api.Response answered = answer.get(8, TimeUnit.SECONDS);
			assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
			assertThat(answered.json().path("status").asString()).isEqualTo("NEGOTIATING");
		}
		// the old step's deadline still fires on the way, as a no-op: the complaint had moved on to negotiating
		passDeadline(id);
		var complaint = get(id, w.buyer().token());
		assertThat(complaint.path("status").asString()).isEqualTo("IN_ARBITRATION");
		assertThat(events(complaint)).contains("NO_AGREEMENT").doesNotContain("MERCHANT_SILENT");
	}

	@Test
	@DisplayName("two consumers accept two offers of one shop at once that its deposit covers only one of: one is paid "
			+ "by the shop, the other refused OFFER_NOT_FUNDED; the platform is left owed nothing")
	void offersOfOneShopAcceptedAtOnce() throws Exception {
		for (int round = 0; round < 3; round++) {
			var w = purchases.world(); // the shop's deposit: 100,000 fen
			var second = new cn.fangxin.support.Purchases.World(w.shop(), w.listingId(), api.signUp("CONSUMER"));
			String shop = w.shop().account().token();
			List<String> complaints = new java.util.ArrayList<>();
			for (var buyer : List.of(w, second)) {
				String id = file(buyer, delivered(buyer), "QUALITY_DEFECT", "坏了", List.of("COMPENSATION"))
					.path("id").asString();
				call("/api/v1/complaints/" + id + "/responses", Map.of("message", "赔偿您", "offer",
						Map.of("refundFen", 0, "compensationFen", 60_000, "action", "COMPENSATION")), shop, 200);
				complaints.add(id);
			}
			var start = new CountDownLatch(1);
			List<Future<Api.Response>> answers = new java.util.ArrayList<>();
			try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < 2; i++) {
					String id = complaints.get(i);
					String token = (i == 0 ? w : second).buyer().token();
					answers.add(pool.submit(() -> {
						start.await();
						return api.post("/api/v1/complaints/" + id + "/acceptance", Map.of("accept", true)).as(token).send();
					}));
				}
				start.countDown();
			}
			List<Integer> statuses = new java.util.ArrayList<>();
			for (Future<Api.Response> answer : answers) {
				Api.Response r = answer.get();
				statuses.add(r.status());
				if (r.status() == 409) {
					assertThat(r.code()).isEqualTo("OFFER_NOT_FUNDED");
				}
			}
			assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
			var balance = fetch("/api/v1/merchants/" + w.shop().merchantId() + "/balance", shop);
			assertThat(balance.path("depositFen").asLong()).isEqualTo(100_000 - 60_000);
			assertThat(balance.path("receivableFen").asLong()).as("nothing left for the platform to recover").isZero();
		}
		ledgerVerifies();
	}
}
