package cn.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.platform.Money;
import cn.fangxin.platform.SnapshotReads;
import cn.fangxin.support.ApiTest;

/** One test per ledger rule (TigerBeetle's semantics), through the module's API, on H2 and PostgreSQL. */
@Tag("persistence")
class LedgerRulesTests extends ApiTest {

	@Autowired
	Ledger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	SnapshotReads snapshots;

	@Autowired
	cn.fangxin.platform.Deadlines deadlines;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final LedgerAccountId clearing = AccountKind.GATEWAY_CLEARING.idFor("SANDBOX");

	@Test
	@DisplayName("a transfer debits one account and credits another by the same amount")
	void balancedTransfer() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		var result = ledger.execute(List.of(Transfer.of(id("pay"), clearing, escrow, Money.fen(12_345), TransferCode.PAYMENT)));
		assertThat(result).extracting(TransferResult::status).containsExactly(TransferStatus.OK);
		Balance balance = ledger.balance(escrow).orElseThrow();
		assertThat(balance.creditsPosted()).isEqualTo(12_345);
		assertThat(balance.debitsPosted()).isZero();
		assertThat(balance.creditBalance()).isEqualTo(Money.fen(12_345));
	}

	@Test
	@DisplayName("the transfer id is the idempotency key: the same transfer again changes nothing")
	void idempotent() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		Transfer pay = Transfer.of(id("pay"), clearing, escrow, Money.fen(500), TransferCode.PAYMENT).forOrder("o-" + run);
		assertThat(ledger.execute(List.of(pay)).get(0).status()).isEqualTo(TransferStatus.OK);
		assertThat(ledger.execute(List.of(pay)).get(0).status()).isEqualTo(TransferStatus.EXISTS);
		assertThat(ledger.execute(List.of(Transfer.of(pay.id(), clearing, escrow, Money.fen(501), TransferCode.PAYMENT)))
			.get(0)
			.status()).isEqualTo(TransferStatus.EXISTS_WITH_DIFFERENT_FIELDS);
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isEqualTo(500);
	}

	@Test
	@DisplayName("a transfer booked as new without a lookup that exists after all is refused: money never moves twice")
	void newTransferThatExists() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		long clearingDebitsBefore = ledger.balance(clearing).orElseThrow().debitsPosted();
		Transfer pay = Transfer.of(id("pay"), clearing, escrow, Money.fen(700), TransferCode.PAYMENT).forOrder("o-" + run);
		assertThat(ledger.executeNewOrThrow(pay)).extracting(TransferResult::status).containsExactly(TransferStatus.OK);
		assertThatThrownBy(() -> ledger.executeNewOrThrow(pay))
			.isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
		assertThat(ledger.execute(List.of(pay)).get(0).status()).isEqualTo(TransferStatus.EXISTS);
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isEqualTo(700);
		assertThat(ledger.balance(clearing).orElseThrow().debitsPosted())
			.as("the clearing side of the refused one rolled back too")
			.isEqualTo(clearingDebitsBefore + 700);
	}

	@Test
	@DisplayName("an escrow cannot pay out more than it holds: EXCEEDS_CREDITS, nothing changes")
	void debitsMustNotExceedCredits() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		LedgerAccountId merchant = ledger.open(AccountKind.MERCHANT_AVAILABLE, "m-" + run);
		ledger.execute(List.of(Transfer.of(id("pay"), clearing, escrow, Money.fen(1000), TransferCode.PAYMENT)));
		var refused = ledger.execute(List.of(Transfer.of(id("rel"), escrow, merchant, Money.fen(1001), TransferCode.RELEASE)));
		assertThat(refused.get(0).status()).isEqualTo(TransferStatus.EXCEEDS_CREDITS);
		assertThat(ledger.balance(merchant).orElseThrow().creditsPosted()).isZero();
		assertThat(ledger.execute(List.of(Transfer.of(id("rel"), escrow, merchant, Money.fen(1000), TransferCode.RELEASE)))
			.get(0).status()).isEqualTo(TransferStatus.OK);
		assertThat(ledger.balance(escrow).orElseThrow().creditBalance()).isEqualTo(Money.ZERO);
	}

	@Test
	@DisplayName("a receivable cannot be recovered beyond what is owed: EXCEEDS_DEBITS")
	void creditsMustNotExceedDebits() {
		LedgerAccountId receivable = ledger.open(AccountKind.MERCHANT_RECEIVABLE, "m-" + run);
		LedgerAccountId merchant = ledger.open(AccountKind.MERCHANT_AVAILABLE, "m-" + run);
		ledger.execute(List.of(Transfer.of(id("debt"), receivable, AccountKind.compensationFund(), Money.fen(300),
				TransferCode.RECEIVABLE)));
		ledger.execute(List.of(Transfer.of(id("in"), clearing, merchant, Money.fen(1000), TransferCode.PAYMENT)));
		assertThat(ledger.execute(List.of(Transfer.of(id("back"), merchant, receivable, Money.fen(301),
				TransferCode.RECEIVABLE_RECOVERY))).get(0).status()).isEqualTo(TransferStatus.EXCEEDS_DEBITS);
		assertThat(ledger.execute(List.of(Transfer.of(id("back"), merchant, receivable, Money.fen(300),
				TransferCode.RECEIVABLE_RECOVERY))).get(0).status()).isEqualTo(TransferStatus.OK);
	}

	@Test
	@DisplayName("unknown accounts, one account on both sides and non-positive amounts are refused")
	void invalidTransfers() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		LedgerAccountId ghost = AccountKind.ESCROW.idFor("never-opened-" + run);
		assertThat(status(Transfer.of(id("a"), ghost, escrow, Money.fen(1), TransferCode.PAYMENT)))
			.isEqualTo(TransferStatus.DEBIT_ACCOUNT_NOT_FOUND);
		assertThat(status(Transfer.of(id("b"), clearing, ghost, Money.fen(1), TransferCode.PAYMENT)))
			.isEqualTo(TransferStatus.CREDIT_ACCOUNT_NOT_FOUND);
		assertThat(status(Transfer.of(id("c"), escrow, escrow, Money.fen(1), TransferCode.CORRECTION)))
			.isEqualTo(TransferStatus.ACCOUNTS_MUST_BE_DIFFERENT);
		assertThat(status(Transfer.of(id("d"), clearing, escrow, Money.fen(0), TransferCode.PAYMENT)))
			.isEqualTo(TransferStatus.AMOUNT_MUST_BE_POSITIVE);
		assertThat(status(Transfer.of(id("e"), clearing, escrow, Money.fen(-5), TransferCode.PAYMENT)))
			.isEqualTo(TransferStatus.AMOUNT_MUST_BE_POSITIVE);
		assertThat(status(Transfer.of("", clearing, escrow, Money.fen(5), TransferCode.PAYMENT)))
			.isEqualTo(TransferStatus.ID_INVALID);
		assertThatThrownBy(() -> ledger.executeOrThrow(Transfer.of(id("f"), ghost, escrow, Money.fen(1), TransferCode.PAYMENT)))
			.isInstanceOfSatisfying(TransferRefused.class, refused -> {
				assertThat(refused.status().value()).isEqualTo(404);
				assertThat(refused.code()).isEqualTo("DEBIT_ACCOUNT_NOT_FOUND");
			});
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isZero();
	}

	@Test
	@DisplayName("a linked chain succeeds or fails as a whole")
	void linkedChains() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		LedgerAccountId merchant = ledger.open(AccountKind.MERCHANT_AVAILABLE, "m-" + run);
		var results = ledger.execute(List.of(
				Transfer.of(id("pay"), clearing, escrow, Money.fen(100), TransferCode.PAYMENT).linkedToNext(),
				Transfer.of(id("rel"), escrow, merchant, Money.fen(150), TransferCode.RELEASE),
				Transfer.of(id("alone"), clearing, escrow, Money.fen(7), TransferCode.PAYMENT)));
		assertThat(results).extracting(TransferResult::status)
			.containsExactly(TransferStatus.LINKED_EVENT_FAILED, TransferStatus.EXCEEDS_CREDITS, TransferStatus.OK);
		assertThat(ledger.transfer(results.get(0).transferId())).isEmpty();
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isEqualTo(7);

		var open = ledger.execute(List.of(Transfer.of(id("x"), clearing, escrow, Money.fen(1), TransferCode.PAYMENT),
				Transfer.of(id("y"), clearing, escrow, Money.fen(1), TransferCode.PAYMENT).linkedToNext()));
		assertThat(open).extracting(TransferResult::status)
			.containsExactly(TransferStatus.OK, TransferStatus.LINKED_EVENT_CHAIN_OPEN);

		assertThatThrownBy(() -> ledger.executeOrThrow(
				Transfer.of(id("p2"), clearing, escrow, Money.fen(10), TransferCode.PAYMENT),
				Transfer.of(id("r2"), escrow, merchant, Money.fen(1_000), TransferCode.RELEASE)))
			.isInstanceOfSatisfying(TransferRefused.class, r -> assertThat(r.code()).isEqualTo("EXCEEDS_CREDITS"));
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isEqualTo(8);
	}

	@Test
	@DisplayName("two-phase: a pending transfer reserves, a post takes all or part, a void releases, once only")
	void twoPhase() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		LedgerAccountId merchant = ledger.open(AccountKind.MERCHANT_AVAILABLE, "m-" + run);
		ledger.execute(List.of(Transfer.of(id("pay"), clearing, escrow, Money.fen(1000), TransferCode.PAYMENT)));

		String hold = id("hold");
		assertThat(status(Transfer.pending(hold, escrow, merchant, Money.fen(600), TransferCode.RELEASE, null)))
			.isEqualTo(TransferStatus.OK);
		Balance reserved = ledger.balance(escrow).orElseThrow();
		assertThat(reserved.debitsPending()).isEqualTo(600);
		assertThat(reserved.available()).isEqualTo(Money.fen(400));
		assertThat(status(Transfer.of(id("too-much"), escrow, merchant, Money.fen(401), TransferCode.RELEASE)))
			.as("pending debits count against the limit").isEqualTo(TransferStatus.EXCEEDS_CREDITS);

		assertThat(status(Transfer.post(id("post"), hold, Money.fen(601)))).isEqualTo(TransferStatus.EXCEEDS_PENDING_TRANSFER_AMOUNT);
		assertThat(status(Transfer.post(id("post"), hold, Money.fen(450)))).isEqualTo(TransferStatus.OK);
		Balance posted = ledger.balance(escrow).orElseThrow();
		assertThat(posted.debitsPending()).isZero();
		assertThat(posted.debitsPosted()).isEqualTo(450);
		assertThat(ledger.balance(merchant).orElseThrow().creditsPosted()).isEqualTo(450);
		assertThat(status(Transfer.post(id("again"), hold))).isEqualTo(TransferStatus.PENDING_TRANSFER_ALREADY_POSTED);
		assertThat(status(Transfer.voidPending(id("void"), hold))).isEqualTo(TransferStatus.PENDING_TRANSFER_ALREADY_POSTED);

		String hold2 = id("hold2");
		status(Transfer.pending(hold2, escrow, merchant, Money.fen(100), TransferCode.RELEASE, null));
		assertThat(status(Transfer.voidPending(id("void2"), hold2))).isEqualTo(TransferStatus.OK);
		assertThat(status(Transfer.post(id("post2"), hold2))).isEqualTo(TransferStatus.PENDING_TRANSFER_ALREADY_VOIDED);
		assertThat(ledger.balance(escrow).orElseThrow().debitsPending()).isZero();
		assertThat(status(Transfer.post(id("post3"), id("no-such")))).isEqualTo(TransferStatus.PENDING_TRANSFER_NOT_FOUND);
		assertThat(status(Transfer.post(id("post4"), id("pay")))).isEqualTo(TransferStatus.PENDING_TRANSFER_NOT_PENDING);
	}

	@Test
	@DisplayName("a pending transfer whose timeout passes is voided by the ledger and can no longer be posted")
	void timeouts() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		LedgerAccountId merchant = ledger.open(AccountKind.MERCHANT_AVAILABLE, "m-" + run);
		ledger.execute(List.of(Transfer.of(id("pay"), clearing, escrow, Money.fen(1000), TransferCode.PAYMENT)));
		String hold = id("hold");
		assertThat(status(Transfer.pending(hold, escrow, merchant, Money.fen(700), TransferCode.RELEASE,
				Duration.ofHours(1)))).isEqualTo(TransferStatus.OK);
		assertThat(status(Transfer.pending(id("bad-timeout"), escrow, merchant, Money.fen(1), TransferCode.RELEASE,
				Duration.ofHours(-1)))).isEqualTo(TransferStatus.TIMEOUT_INVALID);

		var advanced = api.post("/api/v1/admin/clock/advance", Map.of("duration", "PT2H")).as(api.demoToken("admin")).send();
		assertThat(advanced.status()).isEqualTo(200);

		assertThat(ledger.balance(escrow).orElseThrow().debitsPending()).isZero();
		TransferView expiry = ledger.transfer("expire:" + hold).orElseThrow();
		assertThat(expiry.type()).isEqualTo(TransferType.VOID_PENDING);
		assertThat(expiry.code()).isEqualTo(TransferCode.EXPIRY);
		assertThat(status(Transfer.post(id("late"), hold))).isEqualTo(TransferStatus.PENDING_TRANSFER_ALREADY_VOIDED);

		// one posted before its timeout: its expiry is withdrawn, not left to fire for nothing
		String posted = id("posted-hold");
		assertThat(status(Transfer.pending(posted, escrow, merchant, Money.fen(200), TransferCode.RELEASE,
				Duration.ofHours(1)))).isEqualTo(TransferStatus.OK);
		assertThat(deadlines.pending("LEDGER_PENDING_EXPIRY", posted)).isPresent();
		assertThat(status(Transfer.post(id("post-it"), posted))).isEqualTo(TransferStatus.OK);
		assertThat(deadlines.pending("LEDGER_PENDING_EXPIRY", posted)).isEmpty();
	}

	@Test
	@DisplayName("the clearing account is spread over shards and still adds up, also inside an open transaction")
	void shardedHotAccount() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		long before = ledger.balance(clearing).orElseThrow().debitsPosted();
		transactions.executeWithoutResult(status -> {
			for (int i = 0; i < 40; i++) {
				ledger.execute(List.of(Transfer.of(id("p" + i), clearing, escrow, Money.fen(10), TransferCode.PAYMENT)));
			}
			assertThat(ledger.balance(clearing).orElseThrow().debitsPosted()).isEqualTo(before + 400);
		});
		assertThat(ledger.balance(clearing).orElseThrow().debitsPosted()).isGreaterThanOrEqualTo(before + 400);
		long shardsUsed = jdbc.sql("select count(*) from ledger_balance where account_id = :id")
			.param("id", clearing.value()).query(Long.class).single();
		assertThat(shardsUsed).isEqualTo(AccountKind.GATEWAY_CLEARING.shards());
	}

	@Test
	@DisplayName("group commit: concurrent submissions are acknowledged after commit, each with its own result")
	void groupCommit() throws Exception {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		LedgerAccountId merchant = ledger.open(AccountKind.MERCHANT_AVAILABLE, "m-" + run);
		List<CompletableFuture<List<TransferResult>>> futures = new java.util.ArrayList<>();
		for (int i = 0; i < 200; i++) {
			futures.add(ledger.submit(List.of(Transfer.of(id("g" + i), clearing, escrow, Money.fen(5), TransferCode.PAYMENT))));
		}
		var tooMuch = ledger.submit(List.of(Transfer.of(id("over"), escrow, merchant, Money.fen(100_000), TransferCode.RELEASE)));
		for (var future : futures) {
			assertThat(future.get().get(0).status()).isEqualTo(TransferStatus.OK);
		}
		assertThat(tooMuch.get().get(0).status()).isEqualTo(TransferStatus.EXCEEDS_CREDITS);
		assertThat(ledger.balance(escrow).orElseThrow().creditsPosted()).isEqualTo(1000);
		assertThat(ledger.submit(List.of(Transfer.of(id("g0"), clearing, escrow, Money.fen(5), TransferCode.PAYMENT)))
			.get().get(0).status()).isEqualTo(TransferStatus.EXISTS);
	}

	@Test
	@DisplayName("verify and the trial balance hold, and verify finds a tampered counter")
	void invariants() {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		ledger.execute(List.of(Transfer.of(id("pay"), clearing, escrow, Money.fen(900), TransferCode.PAYMENT)));
		String admin = api.demoToken("admin");
		var verify = api.get("/api/v1/admin/ledger/verify").as(admin).send();
		assertThat(verify.status()).isEqualTo(200);
		assertThat(verify.json().path("ok").asBoolean()).as(verify.body()).isTrue();
		assertThat(verify.json().path("checked").asLong()).isPositive();
		var trial = api.get("/api/v1/admin/ledger/trial-balance").as(admin).send();
		assertThat(trial.json().path("balanced").asBoolean()).isTrue();
		assertThat(trial.json().path("totalDebitsFen").asLong()).isEqualTo(trial.json().path("totalCreditsFen").asLong());
		assertThat(api.get("/api/v1/admin/ledger/verify").as(api.demoToken("agent")).send().status()).isEqualTo(403);

		jdbc.sql("update ledger_balance set credits_posted = credits_posted + 1 where account_id = :id")
			.param("id", escrow.value()).update();
		try {
			var broken = ledger.verify();
			assertThat(broken.ok()).isFalse();
			assertThat(broken.violations()).extracting(LedgerReports.Violation::rule)
				.contains("DEBITS_EQUAL_CREDITS", "COUNTERS_MATCH_TRANSFERS",
						"ESCROW_EQUALS_PAID_MINUS_RELEASED_MINUS_REFUNDED");
		}
		finally {
			jdbc.sql("update ledger_balance set credits_posted = credits_posted - 1 where account_id = :id")
				.param("id", escrow.value()).update();
		}
		assertThat(ledger.verify().ok()).isTrue();
	}

	@Test
	@DisplayName("verification reads one snapshot: a hold voided while it reads cannot show as a broken counter")
	void verificationReadsOneSnapshot() throws Exception {
		LedgerAccountId escrow = ledger.open(AccountKind.ESCROW, "o-" + run);
		LedgerAccountId merchant = ledger.open(AccountKind.MERCHANT_AVAILABLE, "m-" + run);
		ledger.execute(List.of(Transfer.of(id("pay"), clearing, escrow, Money.fen(2_000), TransferCode.PAYMENT)));
		Transfer hold = Transfer.pending(id("hold"), escrow, merchant, Money.fen(1_625), TransferCode.RELEASE, null);
		assertThat(status(hold)).isEqualTo(TransferStatus.OK);

		// What verify does: read the counters, then (here, after another transaction voided the hold) the transfers.
		long[] seen = snapshots.read(() -> {
			long pendingBefore = pendingDebits(escrow);
			var voided = CompletableFuture.supplyAsync(() -> status(Transfer.voidPending(id("void"), hold.id())));
			assertThat(voided.join()).isEqualTo(TransferStatus.OK);
			long resolutions = jdbc.sql("select count(*) from ledger_transfer where pending_id = :id")
				.param("id", hold.id()).query(Long.class).single();
			return new long[] { pendingBefore, pendingDebits(escrow), resolutions };
		});
		assertThat(seen).as("counter before, counter after, resolutions seen").containsExactly(1_625, 1_625, 0);
		assertThat(pendingDebits(escrow)).isZero();
		assertThat(ledger.verify().ok()).isTrue();
	}

	private long pendingDebits(LedgerAccountId account) {
		return jdbc.sql("select coalesce(sum(debits_pending), 0) from ledger_balance where account_id = :id")
			.param("id", account.value()).query(Long.class).single();
	}

	private TransferStatus status(Transfer transfer) {
		return ledger.execute(List.of(transfer)).get(0).status();
	}

	private String id(String name) {
		return name + "-" + run;
	}
}
