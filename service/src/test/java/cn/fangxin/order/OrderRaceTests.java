package cn.fangxin.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.Purchases;
import tools.jackson.databind.JsonNode;

/**
 * A party and a deadline (or two parties) acting on one order at the same moment end in exactly one outcome, and the
 * money agrees with it: ship vs automatic refund, pay vs automatic cancel, confirm vs automatic confirm, pay vs pay.
 * Each race is run several times; the deadline side is the clock moving past the due time, which fires the deadline
 * in the advancing request while the party's request runs.
 */
@Tag("scenario")
class OrderRaceTests extends ApiTest {

	private static final int ROUNDS = 4;

	Purchases purchases;
	ExecutorService pool;

	@BeforeEach
	void setUp() {
		purchases = new Purchases(api);
		pool = Executors.newFixedThreadPool(2);
	}

	@AfterEach
	void tearDown() {
		pool.shutdownNow();
	}

	/** Runs both at once; returns both responses. */
	List<Api.Response> race(Supplier<Api.Response> a, Supplier<Api.Response> b) {
		CountDownLatch start = new CountDownLatch(1);
		CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> await(start, a), pool);
		CompletableFuture<Api.Response> second = CompletableFuture.supplyAsync(() -> await(start, b), pool);
		start.countDown();
		return List.of(first.join(), second.join());
	}

	private static Api.Response await(CountDownLatch start, Supplier<Api.Response> call) {
		try {
			start.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return call.get();
	}

	Api.Response advanceClock(String duration) {
		return api.post("/api/v1/admin/clock/advance", Map.of("duration", duration)).as(api.demoToken("admin")).send();
	}

	JsonNode get(String id, String token) {
		return api.get("/api/v1/orders/" + id).as(token).send().json();
	}

	static long[] escrow(JsonNode order) {
		JsonNode e = order.path("escrow");
		return new long[] { e.path("paidFen").asLong(), e.path("heldFen").asLong(), e.path("releasedFen").asLong(),
				e.path("refundedFen").asLong() };
	}

	@org.springframework.beans.factory.annotation.Autowired
	Orders orders;

	@Test
	@DisplayName("compensations on two orders of one shop at once: the shop's balance pays while it lasts, then the platform first; neither is refused")
	void compensationsShareTheShopsBalance() {
		for (int round = 0; round < ROUNDS; round++) {
			var w = purchases.world();
			String a = purchases.delivered(w, 2);
			String b = purchases.delivered(w, 2);
			for (String id : List.of(a, b)) {
				assertThat(api.post("/api/v1/orders/" + id + "/receipt-confirmation", Map.of()).as(w.buyer().token()).send()
					.status()).isEqualTo(200);
			}
			// the shop now holds 2 × 9,800 fen: enough for one compensation of 12,000, not for two
			long amount = 12_000;
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Orders.Refunded>> paid = List.of(a, b)
				.stream()
				.map(id -> CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
					return orders.compensate(id, "race-" + id, cn.fangxin.platform.Money.fen(amount), "case-" + id, "ARBITER",
							cn.fangxin.platform.Detail.words("award"));
				}, pool))
				.toList();
			start.countDown();
			List<Orders.RefundSource> sources = paid.stream().map(CompletableFuture::join).map(Orders.Refunded::source).toList();
			assertThat(sources).containsExactlyInAnyOrder(Orders.RefundSource.MERCHANT_BALANCE,
					Orders.RefundSource.COMPENSATION_FIRST);
			long available = api.get("/api/v1/merchants/" + w.shop().merchantId() + "/balance").as(w.shop().account().token())
				.send()
				.json()
				.path("availableFen")
				.asLong();
			assertThat(available).isEqualTo(2 * 9_800 - amount);
		}
		var verify = api.get("/api/v1/admin/ledger/verify").as(api.demoToken("admin")).send().json();
		assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
	}

	@Test
	@DisplayName("ship vs automatic refund at shipBy: either shipped with the money held, or refunded and the shipment refused")
	void shipVersusRefund() {
		for (int round = 0; round < ROUNDS; round++) {
			var w = purchases.world();
			String id = purchases.paid(w);
			assertThat(advanceClock("PT47H59M30S").status()).isEqualTo(200);
			var results = race(() -> api.post("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber",
					"SF" + id)).as(w.shop().account().token()).send(), () -> advanceClock("PT1M"));
			assertThat(results.get(1).status()).isEqualTo(200);
			JsonNode order = get(id, w.buyer().token());
			long[] money = escrow(order);
			if (results.get(0).status() == 200) {
				assertThat(order.path("status").asString()).isEqualTo("SHIPPED");
				assertThat(money).containsExactly(4_900, 4_900, 0, 0);
			}
			else {
				assertThat(results.get(0).code()).isIn("SHIP_BY_PASSED", "ORDER_CLOSED");
				assertThat(order.path("status").asString()).isEqualTo("REFUNDED");
				assertThat(money).containsExactly(4_900, 0, 0, 4_900);
			}
		}
		ledgerVerifies();
	}

	@Test
	@DisplayName("pay vs automatic cancel at 30 minutes: either paid and held, or cancelled with no money taken")
	void payVersusCancel() {
		for (int round = 0; round < ROUNDS; round++) {
			var w = purchases.world();
			String id = purchases.place(w, 1, "ESCROW").path("id").asString();
			assertThat(advanceClock("PT29M59S").status()).isEqualTo(200);
			var results = race(() -> api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX"))
				.as(w.buyer().token()).send(), () -> advanceClock("PT1M"));
			JsonNode order = get(id, w.buyer().token());
			long[] money = escrow(order);
			if (results.get(0).status() == 200) {
				assertThat(order.path("status").asString()).isEqualTo("PAID");
				assertThat(money).containsExactly(4_900, 4_900, 0, 0);
			}
			else {
				assertThat(results.get(0).code()).isIn("ORDER_PAYMENT_EXPIRED", "ORDER_CLOSED");
				assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
				assertThat(money).containsExactly(0, 0, 0, 0);
			}
		}
		ledgerVerifies();
	}

	@Test
	@DisplayName("confirm vs automatic confirm at 10 days: completed once, the money released once")
	void confirmVersusAutoConfirm() {
		for (int round = 0; round < ROUNDS; round++) {
			var w = purchases.world();
			String id = purchases.paid(w);
			api.post("/api/v1/orders/" + id + "/shipment", Map.of("carrier", "顺丰", "trackingNumber", "SF" + id))
				.as(w.shop().account().token()).send();
			api.post("/api/v1/orders/" + id + "/delivery", Map.of()).as(api.demoToken("agent")).send();
			assertThat(advanceClock("P9DT23H59M30S").status()).isEqualTo(200);
			var results = race(() -> api.post("/api/v1/orders/" + id + "/receipt-confirmation", Map.of())
				.as(w.buyer().token()).send(), () -> advanceClock("PT1M"));
			assertThat(results.get(0).status()).isEqualTo(200);
			JsonNode order = get(id, w.buyer().token());
			assertThat(order.path("status").asString()).isEqualTo("COMPLETED");
			assertThat(escrow(order)).containsExactly(4_900, 0, 4_900, 0);
			assertThat(order.path("timeline").valueStream().map(e -> e.path("event").asString())
				.filter(e -> e.equals("RECEIPT_CONFIRMED") || e.equals("AUTO_CONFIRMED")).count()).isEqualTo(1);
		}
		ledgerVerifies();
	}

	@Test
	@DisplayName("two payments of one order at once (no idempotency key): one is taken, the other refused, nothing doubled")
	void payTwice() {
		for (int round = 0; round < ROUNDS; round++) {
			var w = purchases.world();
			String id = purchases.place(w, 1, "ESCROW").path("id").asString();
			var results = race(
					() -> api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX")).as(w.buyer().token()).send(),
					() -> api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX")).as(w.buyer().token()).send());
			assertThat(results.stream().map(Api.Response::status).sorted().toList()).containsExactly(200, 409);
			assertThat(results.stream().filter(r -> r.status() == 409).findFirst().orElseThrow().code())
				.isEqualTo("ORDER_ALREADY_PAID");
			assertThat(escrow(get(id, w.buyer().token()))).containsExactly(4_900, 4_900, 0, 0);
		}
		ledgerVerifies();
	}
}
