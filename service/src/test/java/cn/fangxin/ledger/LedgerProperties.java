package cn.fangxin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.fangxin.FangxinApplication;
import cn.fangxin.platform.Money;
import cn.fangxin.platform.internal.DeadlineRunner;
import cn.fangxin.platform.internal.TestClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random scripts of transfers — payments, releases, refunds, debts and recoveries, pending holds with and without
 * timeouts, posts (whole and partial), voids, linked chains that break, limit breaches, and clock ticks that expire
 * holds — run from four threads at once, half through the in-transaction path and half through group commit. After
 * each script every invariant of {@code verify} holds, every transfer acknowledged OK exists and no refused one does,
 * and every account's counters equal a model computed from the acknowledged results alone.
 */
@Tag("persistence")
class LedgerProperties {

	private static final int THREADS = 4;
	private static ConfigurableApplicationContext context;
	private static Ledger ledger;
	private static TestClock clock;
	private static DeadlineRunner deadlines;

	@BeforeContainer
	static void start() {
		context = new SpringApplicationBuilder(FangxinApplication.class).profiles("test").run("--server.port=0");
		ledger = context.getBean(Ledger.class);
		clock = context.getBean(TestClock.class);
		deadlines = context.getBean(DeadlineRunner.class);
	}

	@AfterContainer
	static void stop() {
		context.close();
	}

	sealed interface Op permits Pay, Release, Refund, Debt, Recover, Hold, Post, Void, Chain, Tick {
	}

	record Pay(int escrow, long fen) implements Op {
	}

	record Release(int escrow, int merchant, long fen) implements Op {
	}

	record Refund(int escrow, long fen) implements Op {
	}

	record Debt(int merchant, long fen) implements Op {
	}

	record Recover(int merchant, long fen) implements Op {
	}

	record Hold(int escrow, int merchant, long fen, Integer timeoutMinutes) implements Op {
	}

	record Post(int hold, Long partialFen) implements Op {
	}

	record Void(int hold) implements Op {
	}

	record Chain(List<Op> links) implements Op {
	}

	record Tick(int minutes) implements Op {
	}

	record Step(Op op, boolean groupCommit) {
	}

	@Property(tries = 20)
	void concurrentScriptsKeepEveryInvariant(@ForAll("scripts") List<Step> script) throws Exception {
		var world = new World("p" + UUID.randomUUID().toString().substring(0, 8));
		var start = new CountDownLatch(1);
		List<Future<?>> workers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				workers.add(pool.submit(() -> {
					start.await();
					for (int i = thread; i < script.size(); i += THREADS) {
						world.run(thread, i, script.get(i));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		// A hold created while a tick moved the clock can fall due behind the tick's last look; the background poller
		// would void it while the model is read. Firing what is due now (waiting for the poller's own claims to
		// commit) leaves nothing due: the clock stands still from here.
		deadlines.fireDue();
		world.checkAgainstLedger();
		var verification = ledger.verify();
		assertThat(verification.violations()).isEmpty();
		assertThat(verification.ok()).isTrue();
	}

	@Provide
	Arbitrary<List<Step>> scripts() {
		Arbitrary<Integer> escrow = Arbitraries.integers().between(0, 2);
		Arbitrary<Integer> merchant = Arbitraries.integers().between(0, 1);
		Arbitrary<Long> fen = Arbitraries.longs().between(1, 3_000);
		Arbitrary<Op> pay = Combinators.combine(escrow, fen.map(f -> f * 2)).as(Pay::new);
		Arbitrary<Op> release = Combinators.combine(escrow, merchant, fen).as(Release::new);
		Arbitrary<Op> refund = Combinators.combine(escrow, fen).as(Refund::new);
		Arbitrary<Op> debt = Combinators.combine(merchant, fen).as(Debt::new);
		Arbitrary<Op> recover = Combinators.combine(merchant, fen).as(Recover::new);
		Arbitrary<Op> hold = Combinators
			.combine(escrow, merchant, fen, Arbitraries.integers().between(5, 120).injectNull(0.5))
			.as(Hold::new);
		Arbitrary<Op> post = Combinators.combine(Arbitraries.integers().between(0, 20), fen.injectNull(0.5))
			.as(Post::new);
		Arbitrary<Op> voidIt = Arbitraries.integers().between(0, 20).map(Void::new);
		Arbitrary<Op> chain = Arbitraries.oneOf(pay, release, refund, debt, recover)
			.list()
			.ofMinSize(2)
			.ofMaxSize(4)
			.map(Chain::new);
		Arbitrary<Op> tick = Arbitraries.integers().between(1, 90).map(Tick::new);
		Arbitrary<Op> op = Arbitraries.frequencyOf(Tuple.of(6, pay), Tuple.of(4, release), Tuple.of(3, refund),
				Tuple.of(2, debt), Tuple.of(2, recover), Tuple.of(3, hold), Tuple.of(2, post), Tuple.of(1, voidIt),
				Tuple.of(2, chain), Tuple.of(1, tick));
		return Combinators.combine(op, Arbitraries.of(true, false)).as(Step::new).list().ofMinSize(10).ofMaxSize(80);
	}

	/** One script's accounts, what each thread was told, and the model built from it. */
	static final class World {

		private final String prefix;
		private final LedgerAccountId clearing = AccountKind.GATEWAY_CLEARING.idFor("SANDBOX");
		private final LedgerAccountId fund = AccountKind.compensationFund();
		private final List<LedgerAccountId> escrows = new ArrayList<>();
		private final List<LedgerAccountId> merchants = new ArrayList<>();
		private final List<LedgerAccountId> receivables = new ArrayList<>();
		private final Map<Integer, List<Transfer>> holdsByThread = new ConcurrentHashMap<>();
		private final List<Transfer> acknowledged = Collections.synchronizedList(new ArrayList<>());
		private final List<Transfer> refused = Collections.synchronizedList(new ArrayList<>());

		World(String prefix) {
			this.prefix = prefix;
			for (int i = 0; i < 3; i++) {
				escrows.add(ledger.open(AccountKind.ESCROW, prefix + "-o" + i));
			}
			for (int i = 0; i < 2; i++) {
				merchants.add(ledger.open(AccountKind.MERCHANT_AVAILABLE, prefix + "-m" + i));
				receivables.add(ledger.open(AccountKind.MERCHANT_RECEIVABLE, prefix + "-m" + i));
			}
		}

		void run(int thread, int index, Step step) throws Exception {
			if (step.op() instanceof Tick tick) {
				clock.advance("PT" + tick.minutes() + "M");
				return;
			}
			String id = prefix + "-" + thread + "-" + index;
			List<Transfer> transfers = transfers(thread, id, step.op());
			if (transfers.isEmpty()) {
				return;
			}
			List<TransferResult> results = step.groupCommit() ? ledger.submit(transfers).get() : ledger.execute(transfers);
			for (int i = 0; i < transfers.size(); i++) {
				Transfer transfer = transfers.get(i);
				TransferStatus status = results.get(i).status();
				assertThat(status).as("fresh ids are never EXISTS").isNotIn(TransferStatus.EXISTS,
						TransferStatus.EXISTS_WITH_DIFFERENT_FIELDS);
				if (status == TransferStatus.OK) {
					acknowledged.add(transfer);
					if (transfer.type() == TransferType.PENDING) {
						holdsByThread.computeIfAbsent(thread, k -> Collections.synchronizedList(new ArrayList<>())).add(transfer);
					}
				}
				else {
					refused.add(transfer);
				}
			}
		}

		private List<Transfer> transfers(int thread, String id, Op op) {
			return switch (op) {
				case Chain chain -> {
					List<Transfer> links = new ArrayList<>();
					for (int k = 0; k < chain.links().size(); k++) {
						Transfer link = transfers(thread, id + "-c" + k, chain.links().get(k)).get(0);
						links.add(k < chain.links().size() - 1 ? link.linkedToNext() : link);
					}
					yield links;
				}
				case Pay p -> List.of(Transfer.of(id, clearing, escrows.get(p.escrow()), Money.fen(p.fen()), TransferCode.PAYMENT));
				case Release r -> List.of(Transfer.of(id, escrows.get(r.escrow()), merchants.get(r.merchant()),
						Money.fen(r.fen()), TransferCode.RELEASE));
				case Refund r -> List.of(Transfer.of(id, escrows.get(r.escrow()), clearing, Money.fen(r.fen()), TransferCode.REFUND));
				case Debt d -> List.of(Transfer.of(id, receivables.get(d.merchant()), fund, Money.fen(d.fen()), TransferCode.RECEIVABLE));
				case Recover r -> List.of(Transfer.of(id, merchants.get(r.merchant()), receivables.get(r.merchant()),
						Money.fen(r.fen()), TransferCode.RECEIVABLE_RECOVERY));
				case Hold h -> List.of(Transfer.pending(id, escrows.get(h.escrow()), merchants.get(h.merchant()),
						Money.fen(h.fen()), TransferCode.RELEASE,
						h.timeoutMinutes() == null ? null : Duration.ofMinutes(h.timeoutMinutes())));
				case Post p -> pick(thread, p.hold())
					.map(hold -> List.of(p.partialFen() == null ? Transfer.post(id, hold.id())
							: Transfer.post(id, hold.id(), Money.fen(p.partialFen()))))
					.orElse(List.of());
				case Void v -> pick(thread, v.hold()).map(hold -> List.of(Transfer.voidPending(id, hold.id()))).orElse(List.of());
				case Tick t -> List.of();
			};
		}

		private java.util.Optional<Transfer> pick(int thread, int index) {
			List<Transfer> holds = holdsByThread.get(thread);
			return holds == null || holds.isEmpty() ? java.util.Optional.empty()
					: java.util.Optional.of(holds.get(index % holds.size()));
		}

		/** Recomputes every account of this script from the acknowledged transfers and compares with the ledger. */
		void checkAgainstLedger() {
			Map<String, long[]> model = new HashMap<>();
			Map<String, Transfer> pendings = new HashMap<>();
			java.util.Set<String> resolved = new java.util.HashSet<>();
			for (Transfer t : acknowledged) {
				if (t.type() == TransferType.PENDING) {
					pendings.put(t.id(), t);
				}
			}
			for (Transfer t : acknowledged) {
				switch (t.type()) {
					case SINGLE -> {
						counters(model, t.debit())[1] += t.amount().fen();
						counters(model, t.credit())[3] += t.amount().fen();
					}
					case PENDING -> {
						counters(model, t.debit())[0] += t.amount().fen();
						counters(model, t.credit())[2] += t.amount().fen();
					}
					case POST_PENDING, VOID_PENDING -> {
						Transfer p = pendings.get(t.pendingId());
						long posted = t.type() == TransferType.VOID_PENDING ? 0
								: t.amount() == null ? p.amount().fen() : t.amount().fen();
						counters(model, p.debit())[0] -= p.amount().fen();
						counters(model, p.credit())[2] -= p.amount().fen();
						counters(model, p.debit())[1] += posted;
						counters(model, p.credit())[3] += posted;
						resolved.add(p.id());
					}
				}
			}
			pendings.values().stream().filter(p -> !resolved.contains(p.id())).forEach(p -> {
				if (ledger.transfer("expire:" + p.id()).isPresent()) {
					counters(model, p.debit())[0] -= p.amount().fen();
					counters(model, p.credit())[2] -= p.amount().fen();
				}
			});
			List<LedgerAccountId> mine = new ArrayList<>(escrows);
			mine.addAll(merchants);
			mine.addAll(receivables);
			for (LedgerAccountId account : mine) {
				long[] want = model.getOrDefault(account.value(), new long[4]);
				Balance have = ledger.balance(account).orElseThrow();
				assertThat(new long[] { have.debitsPending(), have.debitsPosted(), have.creditsPending(), have.creditsPosted() })
					.as(account.value())
					.containsExactly(want);
			}
			for (Transfer t : acknowledged) {
				assertThat(ledger.transfer(t.id())).as("acknowledged " + t.id()).isPresent();
			}
			for (Transfer t : refused) {
				assertThat(ledger.transfer(t.id())).as("refused " + t.id()).isEmpty();
			}
		}

		private static long[] counters(Map<String, long[]> model, LedgerAccountId account) {
			return model.computeIfAbsent(account.value(), k -> new long[4]);
		}
	}
}
