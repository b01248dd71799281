package cn.fangxin.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.payment.internal.PaymentRepository;
import cn.fangxin.payment.internal.SandboxGateway;
import cn.fangxin.platform.ApiProblem;
import cn.fangxin.platform.Money;
import cn.fangxin.support.Api;
import cn.fangxin.support.ApiTest;
import cn.fangxin.support.HeldLocks;
import cn.fangxin.support.Purchases;

/** Payments through the sandbox and WeChat Pay notifications: money is booked exactly once. */
@Tag("scenario")
class PaymentTests extends ApiTest {

	@Autowired
	Payments payments;

	@Autowired
	Ledger ledger;

	@Autowired
	SandboxGateway sandbox;

	@Autowired
	PaymentRepository repository;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	cn.fangxin.platform.Deadlines deadlines;

	@Autowired
	java.time.Clock clock;

	private final WechatPaySigner wechat = new WechatPaySigner();

	@Test
	@DisplayName("a sandbox payment succeeds at once and moves the money from clearing into the order's escrow")
	void sandboxPayment() {
		String order = "ord-" + UUID.randomUUID();
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, order);
		PaymentView payment = payments.start(request(PaymentProvider.SANDBOX, order, escrow, 8_800));
		assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
		assertThat(ledger.balance(escrow).orElseThrow().creditBalance()).isEqualTo(Money.fen(8_800));
		assertThat(ledger.transfer("pay:" + payment.id()).orElseThrow().debitAccount())
			.isEqualTo(Payments.clearing(PaymentProvider.SANDBOX).value());
	}

	@Test
	@DisplayName("the sandbox's test switch: a declined payment moves nothing; a success reported twice is booked once")
	void sandboxSwitch() {
		String order = "ord-" + UUID.randomUUID();
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, order);
		sandbox.nextCharge(SandboxGateway.Behaviour.FAIL);
		PaymentView declined = payments.start(request(PaymentProvider.SANDBOX, order, escrow, 1_000));
		assertThat(declined.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(ledger.transfer("pay:" + declined.id())).isEmpty();

		sandbox.nextCharge(SandboxGateway.Behaviour.ANSWER_TWICE);
		PaymentView twice = payments.start(request(PaymentProvider.SANDBOX, order, escrow, 1_000));
		assertThat(twice.status()).isEqualTo(PaymentStatus.SUCCEEDED);
		assertThat(repository.events(twice.id())).containsSubsequence("SUCCEEDED", "DUPLICATE_SUCCESS");
		assertThat(ledger.balance(escrow).orElseThrow().creditBalance()).isEqualTo(Money.fen(1_000));
	}

	@Test
	@DisplayName("refunds go back through the provider, never beyond the payment, once per refund id")
	void refunds() {
		Paid paid = paidBySandbox(5_000);
		RefundRequest part = paid.refund("r1-", 2_000);
		assertThat(payments.refund(part).amountFen()).isEqualTo(2_000);
		assertThat(payments.refund(part).amountFen()).as("the same refund again").isEqualTo(2_000);
		awaitPaid(part);
		assertThat(ledger.balance(paid.escrow()).orElseThrow().creditBalance()).isEqualTo(Money.fen(3_000));
		assertThatThrownBy(() -> payments.refund(paid.refund("r2-", 3_001)))
			.isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("REFUND_EXCEEDS_PAYMENT"));
		assertThat(payments.find(paid.payment().id()).orElseThrow().refundedFen()).isEqualTo(2_000);
		assertThat(ledger.verify().ok()).isTrue();
	}

	/**
	 * A sandbox payment into a new order's escrow.
	 *
	 * @param order the order's id
	 * @param escrow its escrow account
	 * @param payment the payment
	 */
	private record Paid(String order, LedgerAccountId escrow, PaymentView payment) {

		/** A refund of part of the payment from escrow, named {@code prefix + order}. */
		RefundRequest refund(String prefix, long fen) {
			return new RefundRequest(prefix + order, payment.id(), Money.fen(fen), escrow, TransferCode.REFUND, order, null);
		}
	}

	private Paid paidBySandbox(long fen) {
		String order = "ord-" + UUID.randomUUID();
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, order);
		return new Paid(order, escrow, payments.start(request(PaymentProvider.SANDBOX, order, escrow, fen)));
	}

	/**
	 * Books a refund whose outbox deadline is left as the scheduler leaves it after its last attempt (the provider down
	 * for hours): FAILED, never sent.
	 */
	private void refundTheOutboxGaveUpOn(RefundRequest refund) {
		transactions.executeWithoutResult(tx -> {
			payments.refund(refund);
			jdbc.sql("update deadline set status = 'FAILED', attempts = 8 where subject_id = :id")
				.param("id", refund.refundId())
				.update();
		});
	}

	/** Waits until the outbox has sent the refund and the sandbox paid it. */
	private void awaitPaid(RefundRequest refund) {
		Awaitility.await().atMost(Duration.ofSeconds(10))
			.until(() -> repository.findRefund(refund.refundId()).orElseThrow().status() == PaymentStatus.SUCCEEDED);
	}

	@Test
	@DisplayName("a refund is asked of the provider only once its booking commits, and once: a rolled-back booking never")
	void refundsLeaveThroughTheOutbox() {
		Paid paid = paidBySandbox(5_000);
		RefundRequest doomed = paid.refund("r-doomed-", 1_000);
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			RefundView booked = payments.refund(doomed);
			assertThat(booked.status()).as("booked, not yet asked").isEqualTo(PaymentStatus.PENDING);
			assertThat(booked.providerRefundId()).isNull();
			throw new IllegalStateException("a later step of the caller fails");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(repository.findRefund(doomed.refundId())).as("rolled back with its booking").isEmpty();
		assertThat(jdbc.sql("select count(*) from deadline where subject_id = :id").param("id", doomed.refundId())
			.query(Long.class).single()).as("nothing left to send").isZero();

		RefundRequest kept = paid.refund("r-kept-", 1_000);
		payments.refund(kept);
		awaitPaid(kept);
		RefundView sent = repository.findRefund(kept.refundId()).orElseThrow();
		assertThat(sent.providerRefundId()).isEqualTo("sandbox-refund-" + kept.refundId());
		java.time.Instant sentAt = jdbc.sql("select sent_at from payment_refund where id = :id").param("id", kept.refundId())
			.query(java.time.Instant.class).single();
		payments.send(kept.refundId()); // fired again (a retry after an answer was recorded): asks nothing
		assertThat(jdbc.sql("select sent_at from payment_refund where id = :id").param("id", kept.refundId())
			.query(java.time.Instant.class).single()).isEqualTo(sentAt);
		assertThat(ledger.balance(paid.escrow()).orElseThrow().creditBalance()).isEqualTo(Money.fen(4_000));
		assertThat(ledger.verify().ok()).isTrue();
	}

	@Test
	@DisplayName("a refund the provider refused is on staff's follow-up page; one it paid is not; buyers cannot open it")
	void refusedRefundsAreFollowedUp() {
		Paid payment = paidBySandbox(5_000);
		RefundRequest paid = payment.refund("r-paid-", 1_000);
		RefundRequest refused = payment.refund("r-refused-", 2_000);
		payments.refund(paid);
		payments.refund(refused);
		awaitPaid(refused);
		jdbc.sql("update payment_refund set status = 'FAILED' where id = :id").param("id", refused.refundId()).update();
		advance("PT2M");

		String page = cn.fangxin.support.PageSession.demo(api, "agent").get("/staff/refunds?lang=zh-CN").body();
		assertThat(page).contains(refused.refundId(), "支付机构拒绝", "20.00").doesNotContain(paid.refundId());
		var buyer = api.signUp("CONSUMER");
		assertThat(cn.fangxin.support.PageSession.signedIn(api, buyer.username(), buyer.password()).get("/staff/refunds")
			.statusCode()).isEqualTo(403);
	}

	@Test
	@DisplayName("a refund whose sending gave up after every retry is sent again by staff from the follow-up page, once")
	void staffSendAgainWhatGaveUp() {
		Paid paid = paidBySandbox(5_000);
		RefundRequest stuck = paid.refund("r-stuck-", 1_500);
		refundTheOutboxGaveUpOn(stuck);
		advance("PT2M");
		var agent = cn.fangxin.support.PageSession.demo(api, "agent");
		String page = agent.get("/staff/refunds?lang=zh-CN").body();
		assertThat(page).contains(stuck.refundId(), "尚未发送", "resend-" + stuck.refundId());
		assertThat(agent.post("/staff/refunds", "/staff/refunds/" + stuck.refundId() + "/resend", Map.of()).statusCode())
			.isEqualTo(302);
		awaitPaid(stuck);
		assertThat(payments.resend(stuck.refundId())).as("sent already: nothing more").isFalse();
		assertThat(agent.get("/staff/refunds").body()).doesNotContain(stuck.refundId());
		assertThat(ledger.balance(paid.escrow()).orElseThrow().creditBalance()).isEqualTo(Money.fen(3_500));
	}

	@Test
	@DisplayName("staff record a refund they paid by hand: a refused one by bank transfer (booked as a correction), a "
			+ "waiting or unsent one in the provider's console; each leaves the list once and is never sent afterwards")
	void staffRecordWhatTheyPaidByHand() {
		Paid paid = paidBySandbox(9_000);
		RefundRequest refused = paid.refund("r-refused-", 2_000);
		RefundRequest waiting = paid.refund("r-waiting-", 1_000);
		RefundRequest stuck = paid.refund("r-stuck-", 500);
		RefundRequest sending = paid.refund("r-sending-", 300);
		RefundRequest notAsked = new RefundRequest("p-not-asked-" + paid.order(), paid.payment().id(), Money.fen(400),
				AccountKind.compensationFund(), TransferCode.CONSUMER_COMPENSATION, paid.order(), null);
		payments.refund(refused);
		payments.refund(waiting);
		payments.payOut(notAsked);
		awaitPaid(refused);
		awaitPaid(waiting);
		awaitPaid(notAsked);
		// the provider refused one; another it has not confirmed (it may still pay it); a payout it was never sent (a
		// provider without a payout API here: staff pay it out)
		jdbc.sql("update payment_refund set status = 'FAILED', provider_reason = 'NOT_ENOUGH' where id = :id")
			.param("id", refused.refundId())
			.update();
		jdbc.sql("update payment_refund set status = 'PENDING' where id = :id").param("id", waiting.refundId()).update();
		jdbc.sql("update payment_refund set status = 'PENDING', provider_asked = false where id = :id")
			.param("id", notAsked.refundId())
			.update();
		refundTheOutboxGaveUpOn(stuck);
		transactions.executeWithoutResult(tx -> {
			payments.refund(sending);
			// one the scheduler is still trying (its next attempt later)
			jdbc.sql("update deadline set due_at = :later, attempts = 3 where subject_id = :id")
				.param("later", cn.fangxin.platform.SqlTime.of(clock.instant().plus(Duration.ofHours(1))))
				.param("id", sending.refundId())
				.update();
		});
		advance("PT2M");
		LedgerAccountId sandboxClearing = Payments.clearing(PaymentProvider.SANDBOX);

		var agent = cn.fangxin.support.PageSession.demo(api, "agent");
		var admin = cn.fangxin.support.PageSession.demo(api, "admin");
		String agentsPage = agent.get("/staff/refunds?lang=zh-CN").body();
		assertThat(agentsPage).contains("paid-" + refused.refundId(), "paid-" + waiting.refundId(), "paid-" + stuck.refundId())
			.as("the outbox is still asking the provider: nothing to do by hand yet")
			.doesNotContain("paid-" + sending.refundId(), "resend-" + sending.refundId())
			.contains("正在请求支付机构")
			.as("a bank transfer books money: administrators only").doesNotContain("value=\"BANK_TRANSFER\"");
		assertThat(admin.get("/staff/refunds?lang=zh-CN").body()).contains("value=\"BANK_TRANSFER\"", "从平台账户银行转账");
		assertThat(agent.post("/staff/refunds", "/staff/refunds/" + refused.refundId() + "/paid-by-hand",
				Map.of("paidVia", "BANK_TRANSFER", "reference", "BOC 1")).statusCode()).isEqualTo(302);
		assertThat(agent.get("/staff/refunds").body()).as("refused to customer service, still listed")
			.contains("paid-" + refused.refundId());
		assertThat(admin.post("/staff/refunds", "/staff/refunds/" + refused.refundId() + "/paid-by-hand",
				Map.of("paidVia", "BANK_TRANSFER", "reference", " ")).statusCode()).isEqualTo(302);
		assertThat(admin.get("/staff/refunds?lang=zh-CN").body()).as("no proof: refused, still listed")
			.contains("请填写转账单号或凭证号", "paid-" + refused.refundId());
		assertThat(admin.post("/staff/refunds", "/staff/refunds/" + refused.refundId() + "/paid-by-hand",
				Map.of("paidVia", "BANK_TRANSFER", "reference", "BOC 20261130-0042")).statusCode()).isEqualTo(302);
		assertThat(admin.get("/staff/refunds?lang=zh-CN").body()).contains("已记为人工支付")
			.doesNotContain("paid-" + refused.refundId());

		var byHand = ledger.transfer("byhand:" + refused.refundId()).orElseThrow();
		assertThat(byHand.debitAccount()).as("the provider still holds the refused refund")
			.isEqualTo(sandboxClearing.value());
		assertThat(byHand.creditAccount()).isEqualTo(Payments.BANK_TRANSFER.value());
		assertThat(byHand.amountFen()).isEqualTo(2_000);
		assertThat(byHand.orderRef()).as("on the order's books").isEqualTo(paid.order());
		assertThat(jdbc.sql("select detail from payment_event where payment_id = :id and kind = 'REFUND_PAID_BY_HAND'")
			.param("id", paid.payment().id())
			.query(String.class)
			.single()).as("who recorded what, on the payment's record")
			.contains(refused.refundId(), "BANK_TRANSFER", "BOC 20261130-0042", "admin");

		String adminToken = api.demoToken("admin");
		String path = "/api/v1/admin/refunds/" + waiting.refundId() + "/paid-by-hand";
		var notRefused = api.post(path, Map.of("paidVia", "BANK_TRANSFER", "reference", "x")).as(adminToken).send();
		assertThat(notRefused.status()).isEqualTo(409);
		assertThat(notRefused.code()).as("the provider may still pay it").isEqualTo("REFUND_NOT_REFUSED");
		var recorded = api.post(path, Map.of("paidVia", "PROVIDER", "reference", "50300000001")).as(adminToken).send();
		assertThat(recorded.status()).isEqualTo(200);
		assertThat(recorded.json().path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(ledger.transfer("byhand:" + waiting.refundId())).as("paid through the provider as booked").isEmpty();
		var again = api.post(path, Map.of("paidVia", "PROVIDER", "reference", "50300000001")).as(adminToken).send();
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.code()).isEqualTo("REFUND_SETTLED");
		assertThat(api.post("/api/v1/admin/refunds/no-such/paid-by-hand", Map.of("paidVia", "PROVIDER", "reference", "x"))
			.as(adminToken).send().status()).isEqualTo(404);
		assertThat(api.post(path, Map.of("paidVia", "CASH", "reference", "x")).as(adminToken).send().status()).isEqualTo(400);
		assertThat(api.post(path, Map.of("paidVia", "PROVIDER", "reference", "x")).as(api.demoToken("agent")).send()
			.status()).as("the API is the administrators'").isEqualTo(403);

		var beingSent = api.post("/api/v1/admin/refunds/" + sending.refundId() + "/paid-by-hand",
				Map.of("paidVia", "PROVIDER", "reference", "x")).as(adminToken).send();
		assertThat(beingSent.status()).isEqualTo(409);
		assertThat(beingSent.code()).as("paid by hand while the outbox retries, it could be paid twice")
			.isEqualTo("REFUND_BEING_SENT");
		assertThat(api.post("/api/v1/admin/refunds/" + notAsked.refundId() + "/paid-by-hand",
				Map.of("paidVia", "BANK_TRANSFER", "reference", "ICBC 77")).as(adminToken).send().status())
			.as("a payout the provider was never asked for may be paid any way").isEqualTo(200);
		assertThat(ledger.transfer("byhand:" + notAsked.refundId())).isPresent();

		// an unsent refund the scheduler gave up on, paid in the provider's console: never asked of the provider afterwards
		assertThat(agent.post("/staff/refunds", "/staff/refunds/" + stuck.refundId() + "/paid-by-hand",
				Map.of("paidVia", "PROVIDER", "reference", "50300000002")).statusCode()).isEqualTo(302);
		assertThat(payments.resend(stuck.refundId())).isFalse();
		payments.send(stuck.refundId());
		assertThat(jdbc.sql("select provider_refund_id from payment_refund where id = :id").param("id", stuck.refundId())
			.query(String.class).optional()).as("never sent to the sandbox").isEmpty();
		assertThat(agent.get("/staff/refunds").body()).doesNotContain(waiting.refundId(), stuck.refundId());
		assertThat(cn.fangxin.support.PageSession.demo(api, "arbiter").get("/staff/refunds").body())
			.as("arbitrators see the list, not the forms").doesNotContain("paid-" + sending.refundId(), "paid-by-hand");

		assertThat(ledger.balance(paid.escrow()).orElseThrow().creditBalance()).isEqualTo(Money.fen(5_200));
		var verify = api.get("/api/v1/admin/ledger/verify").as(adminToken).send().json();
		assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
	}

	@Test
	@DisplayName("a provider that does not answer a refund in time is given up on for now: nothing is recorded as sent, "
			+ "and the refund is asked again later under the same id")
	void providerThatDoesNotAnswer() {
		var answer = new CountDownLatch(1);
		PaymentGateway silent = new PaymentGateway() {
			@Override
			public PaymentProvider provider() {
				return PaymentProvider.SANDBOX;
			}

			@Override
			public List<Answer> charge(String paymentId, Money amount, String description) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Answer refund(String paymentId, String refundId, Money amount) {
				try {
					answer.await(); // a provider that hangs until the test lets it go
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return new Answer(PaymentStatus.SUCCEEDED, "late-" + refundId, null);
			}
		};
		Payments impatient = new Payments(repository, List.of(silent), ledger, events, deadlines, clock,
				Duration.ofMillis(300));
		try {
			Paid paid = paidBySandbox(5_000);
			RefundRequest refund = paid.refund("r-silent-", 700);
			refundTheOutboxGaveUpOn(refund); // kept from the real outbox, which would send it at once
			long started = System.nanoTime();
			assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> impatient.send(refund.refundId())))
				.hasMessageContaining("did not answer");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(jdbc.sql("select sent_at from payment_refund where id = :id").param("id", refund.refundId())
				.query(java.sql.Timestamp.class).optional()).as("not recorded as sent").isEmpty();

			assertThat(payments.resend(refund.refundId())).as("asked again later").isTrue();
			awaitPaid(refund);
		}
		finally {
			answer.countDown();
			impatient.stop();
		}
	}

	@Test
	@DisplayName("a signed WeChat Pay notification books the payment; duplicates and late reports change nothing")
	void wechatNotification() {
		String order = "ord-" + UUID.randomUUID();
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, order);
		PaymentView pending = payments.start(request(PaymentProvider.WECHATPAY, order, escrow, 12_900));
		assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isZero();

		String success = WechatPaySigner.transaction(pending.id(), "4200000001" + pending.id().hashCode(), "SUCCESS",
				12_900, WechatPaySigner.MERCHANT_ID);
		assertThat(post(wechat.sign(success)).status()).isEqualTo(204);
		assertThat(payments.find(pending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
		assertThat(ledger.balance(escrow).orElseThrow().creditBalance()).isEqualTo(Money.fen(12_900));

		assertThat(post(wechat.sign(success)).status()).as("a duplicate").isEqualTo(204);
		String closed = WechatPaySigner.transaction(pending.id(), "", "CLOSED", 12_900, WechatPaySigner.MERCHANT_ID);
		assertThat(post(wechat.sign(closed)).status()).as("a stale CLOSED after SUCCESS").isEqualTo(204);
		assertThat(payments.find(pending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
		assertThat(ledger.balance(escrow).orElseThrow().creditBalance()).isEqualTo(Money.fen(12_900));
	}

	@Test
	@DisplayName("out of order: CLOSED first, then SUCCESS — the money that was taken is booked")
	void wechatOutOfOrder() {
		String order = "ord-" + UUID.randomUUID();
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, order);
		PaymentView pending = payments.start(request(PaymentProvider.WECHATPAY, order, escrow, 300));
		post(wechat.sign(WechatPaySigner.transaction(pending.id(), "", "CLOSED", 300, WechatPaySigner.MERCHANT_ID)));
		assertThat(payments.find(pending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
		post(wechat.sign(WechatPaySigner.transaction(pending.id(), "4200000002", "SUCCESS", 300, WechatPaySigner.MERCHANT_ID)));
		assertThat(payments.find(pending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
		assertThat(ledger.balance(escrow).orElseThrow().creditBalance()).isEqualTo(Money.fen(300));
	}

	@Test
	@DisplayName("twelve copies of one notification at once book the payment once")
	void concurrentDuplicates() throws Exception {
		String order = "ord-" + UUID.randomUUID();
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, order);
		PaymentView pending = payments.start(request(PaymentProvider.WECHATPAY, order, escrow, 4_200));
		String success = WechatPaySigner.transaction(pending.id(), "4200000003", "SUCCESS", 4_200, WechatPaySigner.MERCHANT_ID);
		var start = new CountDownLatch(1);
		List<Future<Api.Response>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
			for (int i = 0; i < 12; i++) {
				var notification = wechat.sign(success);
				answers.add(pool.submit(() -> {
					start.await();
					return post(notification);
				}));
			}
			start.countDown();
		}
		for (var answer : answers) {
			assertThat(answer.get().status()).isEqualTo(204);
		}
		assertThat(ledger.balance(escrow).orElseThrow().creditBalance()).isEqualTo(Money.fen(4_200));
		assertThat(repository.events(pending.id()).stream().filter("SUCCEEDED"::equals)).hasSize(1);
	}

	@Test
	@DisplayName("forged, replayed, tampered or mismatched notifications are refused and move nothing")
	void refusedNotifications() {
		String order = "ord-" + UUID.randomUUID();
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, order);
		PaymentView pending = payments.start(request(PaymentProvider.WECHATPAY, order, escrow, 1_500));
		String success = WechatPaySigner.transaction(pending.id(), "4200000004", "SUCCESS", 1_500, WechatPaySigner.MERCHANT_ID);

		var signed = wechat.sign(success);
		var forged = post(signed.withBody(signed.body().replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS ")));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.code()).isEqualTo("WECHATPAY_SIGNATURE_INVALID");

		var stale = post(wechat.sign(success, System.currentTimeMillis() / 1000 - 3600, WechatPaySigner.API_V3_KEY));
		assertThat(stale.status()).isEqualTo(401);
		assertThat(stale.code()).isEqualTo("WECHATPAY_TIMESTAMP_STALE");

		var wrongKey = post(wechat.sign(success, System.currentTimeMillis() / 1000, "another-apiv3-key-of-32-bytes!!!"));
		assertThat(wrongKey.status()).isEqualTo(400);
		assertThat(wrongKey.code()).isEqualTo("WECHATPAY_NOTIFICATION_MALFORMED");

		var amount = post(wechat.sign(WechatPaySigner.transaction(pending.id(), "4200000004", "SUCCESS", 1, WechatPaySigner.MERCHANT_ID)));
		assertThat(amount.status()).isEqualTo(422);
		assertThat(amount.code()).isEqualTo("PAYMENT_AMOUNT_MISMATCH");
		assertThat(repository.events(pending.id())).as("the refusal is on the payment's record").contains("AMOUNT_MISMATCH");

		var merchant = post(wechat.sign(WechatPaySigner.transaction(pending.id(), "4200000004", "SUCCESS", 1_500, "1999999999")));
		assertThat(merchant.status()).isEqualTo(422);
		assertThat(merchant.code()).isEqualTo("WECHATPAY_MERCHANT_MISMATCH");

		var unknown = post(wechat.sign(WechatPaySigner.transaction("pay_nonexistent", "4200000005", "SUCCESS", 1_500,
				WechatPaySigner.MERCHANT_ID)));
		assertThat(unknown.status()).isEqualTo(404);

		var unsigned = api.post("/api/v1/payments/webhooks/wechatpay", null).raw(signed.body()).send();
		assertThat(unsigned.status()).isEqualTo(401);

		assertThat(payments.find(pending.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isZero();
	}

	@Test
	@DisplayName("a late WeChat Pay success waits for the order before it takes the payment, as the order's own paths do: the two queue, never deadlock")
	void lateSuccessLocksTheOrderFirst() throws Exception {
		var purchases = new Purchases(api);
		var w = purchases.world();
		String orderId = purchases.place(w, 1, "ESCROW").path("id").asString();
		var pay = api.post("/api/v1/orders/" + orderId + "/payment", Map.of("method", "WECHATPAY")).as(w.buyer().token())
			.send();
		assertThat(pay.status()).as(pay.toString()).isEqualTo(200);
		String paymentId = jdbc.sql("select id from payment where reference = :order").param("order", orderId)
			.query(String.class).single();
		var success = wechat.sign(WechatPaySigner.transaction(paymentId, "4200000009" + Math.abs(paymentId.hashCode()),
				"SUCCESS", 4_900, WechatPaySigner.MERCHANT_ID));

		// an order path in progress (a cancellation, a refund): it holds the order's row
		CompletableFuture<Api.Response> notified;
		try (var orderPath = HeldLocks.hold(transactions, () -> jdbc.sql("select id from orders where id = :id for update")
			.param("id", orderId).query(String.class).single())) {
			notified = CompletableFuture.supplyAsync(() -> post(success));
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(this::someoneWaitsForAnOrder);
			// the notification waits for the order holding nothing the order path will want next: the payment is free
			Boolean paymentFree = transactions.execute(status -> {
				try {
					jdbc.sql("select id from payment where id = :id for update nowait").param("id", paymentId)
						.query(String.class).single();
					return true;
				}
				catch (DataAccessException held) {
					status.setRollbackOnly();
					return false;
				}
			});
			assertThat(paymentFree).as("the payment's row is free while the success waits for the order").isTrue();
		}
		assertThat(notified.get(20, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(204);
		var order = api.get("/api/v1/orders/" + orderId).as(w.buyer().token()).send().json();
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(payments.find(paymentId).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
		ledgerVerifies();
	}

	/** A session waits for a row lock of the orders table (H2 or PostgreSQL). */
	private boolean someoneWaitsForAnOrder() {
		try {
			return jdbc.sql("""
					select count(*) from information_schema.sessions
					where blocker_id is not null and lower(executing_statement) like '%from orders%for update%'""")
				.query(Long.class).single() > 0;
		}
		catch (DataAccessException notH2) {
			return jdbc.sql("""
					select count(*) from pg_stat_activity
					where wait_event_type = 'Lock' and lower(query) like '%from orders%for update%'""")
				.query(Long.class).single() > 0;
		}
	}

	private Api.Response post(WechatPaySigner.Notification n) {
		return api.post("/api/v1/payments/webhooks/wechatpay", null)
			.raw(n.body())
			.header("Wechatpay-Serial", n.serial())
			.header("Wechatpay-Signature", n.signature())
			.header("Wechatpay-Timestamp", n.timestamp())
			.header("Wechatpay-Nonce", n.nonce())
			.header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
			.send();
	}

	private static PaymentRequest request(PaymentProvider provider, String order, LedgerAccountId escrow, long fen) {
		return new PaymentRequest(provider, PaymentPurpose.ORDER, order, "acc_test", Money.fen(fen), escrow,
				TransferCode.PAYMENT, order);
	}
}
