package cn.fangxin.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * Group commit, the mechanism: requests from many threads queue up; one writer thread per instance takes whatever
 * has queued while the previous batch was committing (up to a limit) and hands it to {@link #commit}, which completes
 * each request's future once its batch is durable. Used by the ledger and the evidence log.
 *
 * @param <R> a request, carrying its own future
 */
public abstract class BatchingWriter<R extends BatchingWriter.Request<?>> implements SmartLifecycle {

	/** A queued request and the future it is answered on. */
	public interface Request<V> {
		CompletableFuture<V> done();
	}

	private final String name;
	private final int maxBatch;
	private final BlockingQueue<R> queue = new LinkedBlockingQueue<>();
	private volatile boolean running;
	private volatile Thread writer;

	protected BatchingWriter(String name, int maxBatch) {
		this.name = name;
		this.maxBatch = maxBatch;
	}

	/** Queues a request; refused at once when the writer is not running. */
	protected void enqueue(R request) {
		if (!running) {
			request.done().completeExceptionally(new IllegalStateException(name + " is not running"));
			return;
		}
		queue.add(request);
	}

	/** How much a request counts towards the batch limit (1 by default). */
	protected int weight(R request) {
		return 1;
	}

	/** Commits a batch and completes every request's future (or fails it). */
	protected abstract void commit(List<R> batch);

	private void run() {
		List<R> batch = new ArrayList<>();
		while (running || !queue.isEmpty()) {
			try {
				R first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				int weight = weight(first);
				R next;
				while (weight < maxBatch && (next = queue.poll()) != null) {
					batch.add(next);
					weight += weight(next);
				}
				commit(batch);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException e) {
				batch.forEach(r -> r.done().completeExceptionally(e));
			}
			finally {
				batch.clear();
			}
		}
		R left;
		while ((left = queue.poll()) != null) {
			left.done().completeExceptionally(new IllegalStateException(name + " stopped"));
		}
	}

	@Override
	public void start() {
		running = true;
		writer = Thread.ofPlatform().name(name).daemon().start(this::run);
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
}
