package cn.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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

/** A party acting on a complaint while the scheduler fires its deadline: the two queue, they never deadlock. */
@Tag("scenario")
class ComplaintRaceTests extends ComplaintTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	@DisplayName("the shop answers while the scheduler holds the complaint's deadline: the answer does not wait for the "
			+ "deadline's row (the scheduler locks that row first, then the complaint)")
	void answerDoesNotWaitForAClaimedDeadline() throws Exception {
		var w = purchases.world();
		String orderId = delivered(w);
		String id = file(w, orderId, "QUALITY_DEFECT", "开线了", List.of("REFUND")).path("id").asString();

		var claimed = new CountDownLatch(1);
		var letGo = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			// what the scheduler does first when the shop's answer falls due: it takes the deadline's row
			Future<?> scheduler = pool.submit(() -> transactions.executeWithoutResult(status -> {
				int rows = jdbc.sql("update deadline set attempts = attempts where kind = :kind and subject_id = :id "
						+ "and status = 'PENDING'").param("kind", Complaints.STEP_DUE).param("id", id).update();
				assertThat(rows).isEqualTo(1);
				claimed.countDown();
				try {
					letGo.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				status.setRollbackOnly();
			}));
			try {
				claimed.await();
				Future<Api.Response> answer = pool.submit(() -> api.post("/api/v1/complaints/" + id + "/responses",
						Map.of("message", "请寄回，我们换新")).as(w.shop().account().token()).send());
				Api.Response answered = answer.get(8, TimeUnit.SECONDS);
				assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
				assertThat(answered.json().path("status").asString()).isEqualTo("NEGOTIATING");
			}
			finally {
				letGo.countDown();
			}
			scheduler.get();
		}
		// the old step's deadline still fires on the way, as a no-op: the complaint had moved on to negotiating
		passDeadline(id);
		var complaint = get(id, w.buyer().token());
		assertThat(complaint.path("status").asString()).isEqualTo("IN_ARBITRATION");
		assertThat(events(complaint)).contains("NO_AGREEMENT").doesNotContain("MERCHANT_SILENT");
	}
}
