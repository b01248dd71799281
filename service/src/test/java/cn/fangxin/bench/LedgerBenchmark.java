package cn.fangxin.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.fangxin.FangxinApplication;
import cn.fangxin.ledger.AccountKind;
import cn.fangxin.ledger.Ledger;
import cn.fangxin.ledger.LedgerAccountId;
import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferCode;
import cn.fangxin.ledger.TransferResult;
import cn.fangxin.ledger.TransferStatus;
import cn.fangxin.platform.Money;

/**
 * The ledger benchmark (bench/ledger/run.sh): concurrent clients each post one transfer at a time and wait for its
 * acknowledgement, for a fixed time, against the database the environment names (PostgreSQL in the script). 70 % are
 * payments from the one gateway clearing account (the hot account) into one of 1,000 escrows, 30 % releases from an
 * escrow to one of 20 merchants (a limited account, checked under lock; some are refused for lack of funds).
 *
 * <p>Arguments: {@code --clients N --seconds S --mode submit|execute [--ack-log FILE]}. {@code submit} is the
 * group-commit path, {@code execute} one transaction per transfer. With {@code --ack-log}, the id of every
 * acknowledged transfer is written (and flushed) to the file after its acknowledgement, for the crash test.
 */
public final class LedgerBenchmark {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchOptions.parse(args);
		int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
		String mode = options.getOrDefault("mode", "submit");
		Path ackLog = options.containsKey("ack-log") ? Path.of(options.get("ack-log")) : null;

		try (ConfigurableApplicationContext context = BenchOptions.start(FangxinApplication.class)) {
			Ledger ledger = context.getBean(Ledger.class);
			String run = Long.toString(System.currentTimeMillis(), 36);
			LedgerAccountId clearing = AccountKind.GATEWAY_CLEARING.idFor("SANDBOX");
			List<LedgerAccountId> escrows = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				escrows.add(ledger.open(AccountKind.ESCROW, "bench-" + run + "-" + i));
			}
			List<LedgerAccountId> merchants = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				merchants.add(ledger.open(AccountKind.MERCHANT_AVAILABLE, "bench-" + run + "-" + i));
			}
			BufferedWriter acks = ackLog == null ? null
					: Files.newBufferedWriter(ackLog, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
							StandardOpenOption.APPEND);

			AtomicLong sequence = new AtomicLong();
			var client = new Client(ledger, mode, clearing, escrows, merchants, run, sequence, acks);
			System.out.printf("warming up (%d clients, mode %s)%n", clients, mode);
			client.runFor(clients, 3, false);
			System.out.printf("measuring for %d s%n", seconds);
			Result result = client.runFor(clients, seconds, true);
			if (acks != null) {
				acks.close();
			}
			var verification = ledger.verify();
			System.out.printf("ledger transfers/s: %.0f (ok %d, refused %d in %d s, %d clients, mode %s)%n",
					result.ok / (double) seconds, result.ok, result.refused, seconds, clients, mode);
			System.out.printf("latency p50: %.2f ms, p99: %.2f ms, max: %.2f ms%n", result.percentile(50),
					result.percentile(99), result.percentile(100));
			System.out.printf("verify: %s (%d checked)%n", verification.ok() ? "ok" : "FAILED " + verification.violations(),
					verification.checked());
			Files.writeString(Path.of(options.getOrDefault("result", "target/ledger-bench.result")),
					String.format("%.0f%n", result.ok / (double) seconds));
		}
	}

	private record Result(long ok, long refused, long[] latenciesNanos) {

		double percentile(int p) {
			if (latenciesNanos.length == 0) {
				return 0;
			}
			int index = Math.min(latenciesNanos.length - 1, (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
			return latenciesNanos[Math.max(0, index)] / 1e6;
		}
	}

	private record Client(Ledger ledger, String mode, LedgerAccountId clearing, List<LedgerAccountId> escrows,
			List<LedgerAccountId> merchants, String run, AtomicLong sequence, BufferedWriter acks) {

		Result runFor(int clients, int seconds, boolean measure) throws InterruptedException {
			long end = System.nanoTime() + seconds * 1_000_000_000L;
			LongAdder ok = new LongAdder();
			LongAdder refused = new LongAdder();
			List<long[]> perThread = new ArrayList<>();
			List<Thread> threads = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				long[] latencies = new long[4_000_000 / clients];
				int[] count = new int[1];
				perThread.add(latencies);
				threads.add(Thread.ofPlatform().start(() -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					while (System.nanoTime() < end) {
						Transfer transfer = next(random);
						long started = System.nanoTime();
						TransferResult result = post(transfer);
						long took = System.nanoTime() - started;
						if (result.status() == TransferStatus.OK) {
							ok.increment();
							acknowledge(transfer.id());
						}
						else {
							refused.increment();
						}
						if (measure && count[0] < latencies.length) {
							latencies[count[0]++] = took;
						}
					}
					if (count[0] < latencies.length) {
						latencies[count[0]] = -1;
					}
				}));
			}
			for (Thread thread : threads) {
				thread.join();
			}
			long[] all = perThread.stream()
				.flatMapToLong(a -> Arrays.stream(a).takeWhile(v -> v > 0))
				.sorted()
				.toArray();
			return new Result(ok.sum(), refused.sum(), all);
		}

		private Transfer next(ThreadLocalRandom random) {
			String id = "b-" + run + "-" + sequence.incrementAndGet();
			LedgerAccountId escrow = escrows.get(random.nextInt(escrows.size()));
			if (random.nextInt(10) < 7) {
				return Transfer.of(id, clearing, escrow, Money.fen(100 + random.nextInt(10_000)), TransferCode.PAYMENT);
			}
			return Transfer.of(id, escrow, merchants.get(random.nextInt(merchants.size())),
					Money.fen(50 + random.nextInt(5_000)), TransferCode.RELEASE);
		}

		private TransferResult post(Transfer transfer) {
			try {
				return "execute".equals(mode) ? ledger.execute(List.of(transfer)).get(0)
						: ledger.submit(List.of(transfer)).get().get(0);
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}

		private void acknowledge(String id) {
			if (acks == null) {
				return;
			}
			synchronized (acks) {
				try {
					acks.write(id);
					acks.newLine();
					acks.flush();
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}
		}
	}
}
