package cn.fangxin.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.context.ConfigurableApplicationContext;

import cn.fangxin.FangxinApplication;
import cn.fangxin.evidence.EvidenceKind;
import cn.fangxin.evidence.EvidenceVault;
import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.evidence.internal.Checkpoints;
import cn.fangxin.evidence.internal.TransparencyLog;

/**
 * The evidence benchmark (bench/evidence/run.sh): fills the log to {@code --prefill} leaves, then {@code --clients}
 * concurrent submitters append records for {@code --seconds} (each waits for its acknowledgement: the record is
 * durable with its final leaf index); prints acknowledged appends per second, the time from acknowledgement to the
 * first signed checkpoint that contains the record, and the latency of inclusion proofs at the final size.
 */
public final class EvidenceBenchmark {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchOptions.parse(args);
		int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
		long prefill = Long.parseLong(options.getOrDefault("prefill", "1000000"));
		try (ConfigurableApplicationContext context = BenchOptions.start(FangxinApplication.class)) {
			EvidenceVault vault = context.getBean(EvidenceVault.class);
			TransparencyLog log = context.getBean(TransparencyLog.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);

			long start = System.nanoTime();
			long before = log.sequencedSize();
			if (before < prefill) {
				run(vault, 64, 3_600_000_000_000L, prefill - before, null, null);
			}
			double fillSeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("log filled to %,d leaves in %.0f s (%,.0f appends/s)%n", log.sequencedSize(), fillSeconds,
					(log.sequencedSize() - before) / fillSeconds);

			ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
			List<Long> lags = new ArrayList<>();
			Thread monitor = Thread.ofPlatform().start(() -> watchCheckpoints(checkpoints, samples, lags));
			LongAdder acked = new LongAdder();
			long[] latencies = run(vault, clients, seconds * 1_000_000_000L, Long.MAX_VALUE, acked, samples);
			Thread.sleep(3000);
			monitor.interrupt();
			monitor.join();
			System.out.printf("appends acknowledged/s: %,.0f (%d clients, %d s), p50 %.2f ms, p99 %.2f ms%n",
					acked.sum() / (double) seconds, clients, seconds, ms(latencies, 50), ms(latencies, 99));
			long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("append to signed checkpoint: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples)%n",
					pct(lag, 50), pct(lag, 99), pct(lag, 100), lag.length);

			long size = checkpoints.signNow().orElseThrow().size();
			long[] proofs = new long[20_000];
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (int i = 0; i < proofs.length; i++) {
				long index = random.nextLong(size);
				long t = System.nanoTime();
				log.inclusionProof(index, size);
				proofs[i] = System.nanoTime() - t;
			}
			Arrays.sort(proofs);
			System.out.printf("inclusion proof at %,d leaves: p50 %.2f ms, p99 %.2f ms%n", size, ms(proofs, 50),
					ms(proofs, 99));
		}
	}

	/** Submitters that each append and wait, until time or count runs out; returns their latencies (ns). */
	private static long[] run(EvidenceVault vault, int clients, long nanos, long count, LongAdder acked,
			ConcurrentLinkedQueue<long[]> samples) throws InterruptedException {
		long end = System.nanoTime() + nanos;
		LongAdder done = new LongAdder();
		List<long[]> perClient = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			long[] latencies = new long[2_000_000 / clients];
			perClient.add(latencies);
			int client = c;
			threads.add(Thread.ofPlatform().start(() -> {
				int n = 0;
				while (System.nanoTime() < end && done.sum() < count) {
					byte[] content = ("{\"case\":\"bench\",\"event\":" + ThreadLocalRandom.current().nextInt(1000) + "}")
						.getBytes(StandardCharsets.UTF_8);
					long t = System.nanoTime();
					CompletableFuture<EvidenceView> future = vault.submitSystem(EvidenceKind.CASE_EVENT, content,
							"application/json", null, "bench", List.of());
					EvidenceView view = future.join();
					long took = System.nanoTime() - t;
					done.increment();
					if (acked != null) {
						acked.increment();
						if (n < latencies.length) {
							latencies[n++] = took;
						}
						if (client == 0 && samples != null && n % 50 == 0) {
							samples.add(new long[] { view.leafIndex(), System.nanoTime() });
						}
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return perClient.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
	}

	private static void watchCheckpoints(Checkpoints checkpoints, ConcurrentLinkedQueue<long[]> samples,
			List<Long> lags) {
		List<long[]> waiting = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			long[] s;
			while ((s = samples.poll()) != null) {
				waiting.add(s);
			}
			long size = checkpoints.latest().map(Checkpoints.Signed::size).orElse(0L);
			long now = System.nanoTime();
			waiting.removeIf(sample -> {
				if (sample[0] < size) {
					lags.add((now - sample[1]) / 1_000_000);
					return true;
				}
				return false;
			});
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException e) {
				return;
			}
		}
	}

	/** The p-th percentile of sorted values. */
	private static double pct(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1));
		return sorted[index];
	}

	/** The p-th percentile of sorted nanoseconds, in milliseconds. */
	private static double ms(long[] sortedNanos, int p) {
		return pct(sortedNanos, p) / 1e6;
	}
}
