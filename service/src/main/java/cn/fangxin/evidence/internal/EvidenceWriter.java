package cn.fangxin.evidence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.evidence.EvidenceView;

/**
 * Group commit for evidence: records queued by many callers are made in one transaction — one lock of the log's size
 * row, one batch of nodes, one commit — and acknowledged with their leaf indices after it committed. One writer per
 * instance; a failed batch is retried record by record.
 */
@Component
public class EvidenceWriter implements SmartLifecycle {

	private static final int MAX_BATCH = 2000;

	private final TransactionTemplate transactions;
	private final NamedParameterJdbcTemplate jdbc;
	private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
	private volatile boolean running;
	private volatile Thread thread;

	EvidenceWriter(PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
	}

	public CompletableFuture<EvidenceView> submit(Supplier<EvidenceView> record) {
		Request request = new Request(record, new CompletableFuture<>());
		if (!running) {
			request.done().completeExceptionally(new IllegalStateException("the evidence writer is not running"));
		}
		else {
			queue.add(request);
		}
		return request.done();
	}

	private void run() {
		List<Request> batch = new ArrayList<>();
		while (running || !queue.isEmpty()) {
			try {
				Request first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, MAX_BATCH - 1);
				commit(batch);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void commit(List<Request> batch) {
		try {
			List<EvidenceView> made = transactions.execute(s -> batch.stream().map(r -> r.record().get()).toList());
			Map<String, Long> indexes = indexesOf(made);
			for (int i = 0; i < batch.size(); i++) {
				EvidenceView v = made.get(i);
				batch.get(i).done().complete(new EvidenceView(v.id(), v.kind(), v.sha256(), v.size(), v.mediaType(),
						indexes.get(v.id()), v.recordedAt(), v.occurredAt(), v.orderId(), v.complaintId(), v.submitter()));
			}
		}
		catch (RuntimeException failed) {
			for (Request request : batch) {
				try {
					EvidenceView v = transactions.execute(s -> request.record().get());
					request.done().complete(v);
				}
				catch (RuntimeException again) {
					request.done().completeExceptionally(again);
				}
			}
		}
	}

	private Map<String, Long> indexesOf(List<EvidenceView> made) {
		String[] ids = made.stream().map(EvidenceView::id).toArray(String[]::new);
		return jdbc.query("select id, leaf_index from evidence where id = any(:ids)",
				new MapSqlParameterSource("ids", ids), (rs, n) -> Map.entry(rs.getString("id"), rs.getLong("leaf_index")))
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().name("evidence-group-commit").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		Thread t = thread;
		if (t != null) {
			try {
				t.join(10_000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private record Request(Supplier<EvidenceView> record, CompletableFuture<EvidenceView> done) {
	}

}
