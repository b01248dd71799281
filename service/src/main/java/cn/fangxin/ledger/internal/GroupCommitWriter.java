package cn.fangxin.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferResult;

/**
 * Group commit: submissions from many concurrent callers are applied together in one database transaction and
 * acknowledged only after it committed, so each acknowledged transfer is durable while the cost of a commit (the WAL
 * flush) is shared. One writer thread per instance drains whatever has queued while the previous batch committed;
 * under light load a batch is a single submission, under heavy load up to {@value #MAX_TRANSFERS} transfers. If a
 * batch fails as a whole (a duplicate id committed by another instance at the same moment, say), its submissions are
 * retried one by one so that one bad submission cannot fail the others.
 */
@Component
public class GroupCommitWriter implements SmartLifecycle {

	static final int MAX_TRANSFERS = 2000;
	private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

	private final TransferProcessor processor;
	private final TransactionTemplate transactions;
	private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
	private volatile Thread writer;
	private volatile boolean running;
	private int batchNumber;

	GroupCommitWriter(TransferProcessor processor, PlatformTransactionManager transactionManager) {
		this.processor = processor;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Queues a submission; the future completes with its results once they are committed. */
	public CompletableFuture<List<TransferResult>> submit(List<Transfer> transfers) {
		var request = new Request(List.copyOf(transfers), new CompletableFuture<>());
		if (!running) {
			request.done().completeExceptionally(new IllegalStateException("the ledger writer is not running"));
			return request.done();
		}
		queue.add(request);
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
				int transfers = first.transfers().size();
				Request next;
				while (transfers < MAX_TRANSFERS && (next = queue.poll()) != null) {
					batch.add(next);
					transfers += next.transfers().size();
				}
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
		Request left;
		while ((left = queue.poll()) != null) {
			left.done().completeExceptionally(new IllegalStateException("the ledger writer stopped"));
		}
	}

	private void commit(List<Request> batch) {
		int shard = batchNumber++;
		try {
			List<List<TransferResult>> results = transactions
				.execute(status -> processor.process(batch.stream().map(Request::transfers).toList(), shard));
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).done().complete(results.get(i));
			}
		}
		catch (RuntimeException batchFailed) {
			if (batch.size() == 1) {
				batch.get(0).done().completeExceptionally(batchFailed);
				return;
			}
			log.debug("a batch of {} submissions failed; retrying them one by one", batch.size(), batchFailed);
			for (Request request : batch) {
				try {
					request.done()
						.complete(transactions.execute(status -> processor.process(List.of(request.transfers()), shard))
							.get(0));
				}
				catch (RuntimeException failed) {
					request.done().completeExceptionally(failed);
				}
			}
		}
	}

	@Override
	public void start() {
		running = true;
		writer = Thread.ofPlatform().name("ledger-group-commit").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		Thread thread = writer;
		if (thread != null) {
			try {
				thread.join(10_000);
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

	private record Request(List<Transfer> transfers, CompletableFuture<List<TransferResult>> done) {
	}
}
