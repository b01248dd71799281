package cn.fangxin.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import cn.fangxin.support.Api;
import cn.fangxin.support.Purchases;

/**
 * The checkout benchmark's load (bench/checkout/run.sh): {@code --clients} consumers against a running service at
 * {@code --port}, each placing an order (with an Idempotency-Key) and paying it (sandbox), again and again for
 * {@code --seconds}. Prints completed place + pay pairs per second and the p50/p99 latency of each call; with
 * {@code --ack-log}, writes each order acknowledged with 201 ({@code PLACED id}) and each payment acknowledged with 200
 * ({@code PAID id}), so that a crash test can check them after the service was killed. Stops at the first connection
 * failure (the service was killed).
 * <p>
 * With {@code --mode floor}, each pair is two {@code GET /api/v1/me} instead: an authenticated request that reads one row
 * by its key, through the same HTTP, security and JSON stack. It bounds what any checkout could reach on this machine
 * and stack, whatever its own work costs.
 */
public final class CheckoutBenchmark {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchOptions.parse(args);
		int port = Integer.parseInt(options.getOrDefault("port", "18080"));
		int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
		int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
		Path ackLog = options.containsKey("ack-log") ? Path.of(options.get("ack-log")) : null;
		Path result = options.containsKey("result") ? Path.of(options.get("result")) : null;
		boolean floor = "floor".equals(options.get("mode"));
		// with the pids of the service and of PostgreSQL's postmaster: the CPU each spends per pair
		ProcessCpu serverCpu = options.containsKey("server-pid")
				? new ProcessCpu(Long.parseLong(options.get("server-pid")), false) : null;
		ProcessCpu postgresCpu = options.containsKey("postgres-pid")
				? new ProcessCpu(Long.parseLong(options.get("postgres-pid")), true) : null;
		// and this load generator's own, which competes with both for the same cores
		ProcessCpu loadCpu = new ProcessCpu(ProcessHandle.current().pid(), false);

		Api api = new Api(port);
		Purchases purchases = new Purchases(api);
		Purchases.World world = purchases.world();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			tokens.add(i == 0 ? world.buyer().token() : api.signUp("CONSUMER").token());
		}
		// warm-up (the JIT compiles the hot paths), not counted
		long warmEnd = System.nanoTime() + Integer.parseInt(options.getOrDefault("warmup", "10")) * 1_000_000_000L;
		List<Thread> warmers = new ArrayList<>();
		for (String token : tokens) {
			warmers.add(Thread.ofPlatform().start(() -> {
				while (System.nanoTime() < warmEnd) {
					if (floor) {
						api.get("/api/v1/me").as(token).send();
						continue;
					}
					String id = api.post("/api/v1/orders", Purchases.order(world.listingId(), 1, "ESCROW")).as(token).send()
						.json().path("id").asString();
					api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX")).as(token).send();
				}
			}));
		}
		for (Thread thread : warmers) {
			thread.join();
		}

		BufferedWriter acks = ackLog == null ? null : Files.newBufferedWriter(ackLog);
		LongAdder pairs = new LongAdder();
		LongAdder failures = new LongAdder();
		AtomicBoolean stop = new AtomicBoolean();
		long[][] placeLatencies = new long[clients][];
		long[][] payLatencies = new long[clients][];
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			placeLatencies[c] = new long[400_000 / clients];
			payLatencies[c] = new long[400_000 / clients];
			threads.add(Thread.ofPlatform().start(() -> {
				String token = tokens.get(client);
				int n = 0;
				while (!stop.get() && System.nanoTime() < end) {
					try {
						long t0 = System.nanoTime();
						long t1;
						long t2;
						if (floor) {
							boolean ok = api.get("/api/v1/me").as(token).send().status() == 200;
							t1 = System.nanoTime();
							ok &= api.get("/api/v1/me").as(token).send().status() == 200;
							t2 = System.nanoTime();
							if (!ok) {
								failures.increment();
								continue;
							}
						}
						else {
							var placed = api.post("/api/v1/orders", Purchases.order(world.listingId(), 1, "ESCROW")).as(token)
								.idempotencyKey(UUID.randomUUID().toString())
								.send();
							t1 = System.nanoTime();
							if (placed.status() != 201) {
								failures.increment();
								continue;
							}
							String id = placed.json().path("id").asString();
							ack(acks, "PLACED " + id);
							var paid = api.post("/api/v1/orders/" + id + "/payment", Map.of("method", "SANDBOX")).as(token).send();
							t2 = System.nanoTime();
							if (paid.status() != 200) {
								failures.increment();
								continue;
							}
							ack(acks, "PAID " + id);
						}
						pairs.increment();
						if (n < placeLatencies[client].length) {
							placeLatencies[client][n] = t1 - t0;
							payLatencies[client][n] = t2 - t1;
							n++;
						}
					}
					catch (RuntimeException e) {
						// the service is gone (killed by the crash test): stop everyone
						stop.set(true);
					}
				}
			}));
		}
		long started = System.nanoTime();
		double serverBefore = serverCpu == null ? -1 : serverCpu.millis();
		double postgresBefore = postgresCpu == null ? -1 : postgresCpu.millis();
		double loadBefore = loadCpu.millis();
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		double serverMs = serverBefore < 0 ? -1 : serverCpu.millis() - serverBefore;
		double postgresMs = postgresBefore < 0 ? -1 : postgresCpu.millis() - postgresBefore;
		double loadMs = loadBefore < 0 ? -1 : loadCpu.millis() - loadBefore;
		if (acks != null) {
			acks.close();
		}
		long[] place = sorted(placeLatencies);
		long[] pay = sorted(payLatencies);
		double perSecond = pairs.sum() / elapsed;
		System.out.printf("%s pairs/s: %,.0f (%d clients, %.0f s, %d pairs, %d refused)%n",
				floor ? "floor (GET /api/v1/me twice)" : "place + pay", perSecond, clients, elapsed, pairs.sum(), failures.sum());
		System.out.printf("%s: p50 %.1f ms, p99 %.1f ms; %s: p50 %.1f ms, p99 %.1f ms%n",
				floor ? "first GET /api/v1/me" : "POST /orders", ms(place, 50), ms(place, 99),
				floor ? "second GET /api/v1/me" : "POST /orders/{id}/payment", ms(pay, 50), ms(pay, 99));
		if (serverMs >= 0 && postgresMs >= 0 && pairs.sum() > 0) {
			System.out.printf("CPU per pair: service %.2f ms, PostgreSQL %.2f ms (service %.2f cores, PostgreSQL %.2f cores of %d)%n",
					serverMs / pairs.sum(), postgresMs / pairs.sum(), serverMs / 1000 / elapsed, postgresMs / 1000 / elapsed,
					Runtime.getRuntime().availableProcessors());
		}
		if (loadMs >= 0 && pairs.sum() > 0) {
			System.out.printf("CPU per pair of this load generator (same machine): %.2f ms (%.2f cores)%n",
					loadMs / pairs.sum(), loadMs / 1000 / elapsed);
		}
		if (result != null) {
			Files.writeString(result, String.format("%.1f %.1f %.1f%n", perSecond, ms(place, 99), ms(pay, 99)));
		}
	}

	private static void ack(BufferedWriter acks, String line) {
		if (acks == null) {
			return;
		}
		synchronized (acks) {
			try {
				acks.write(line);
				acks.newLine();
				acks.flush();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	private static long[] sorted(long[][] perClient) {
		return Arrays.stream(perClient).flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
	}

	private static double ms(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1));
		return sorted[index] / 1e6;
	}
}
