package cn.fangxin.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row locks held by a transaction of their own, as another instance or the deadline scheduler would hold them, until
 * {@link #close}: for tests of what a request does while someone else holds a row it might want. The transaction
 * changes nothing (it is rolled back).
 */
public final class HeldLocks implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);
	private final CompletableFuture<Void> holder;

	private HeldLocks(TransactionTemplate transactions, Runnable locking) {
		CountDownLatch held = new CountDownLatch(1);
		this.holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			status.setRollbackOnly();
			try {
				locking.run();
			}
			finally {
				held.countDown(); // locked, or failed: the failure is thrown from the constructor below
			}
			try {
				release.await();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}), command -> Thread.ofVirtual().start(command));
		try {
			if (!held.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("the rows could not be locked within 10 s");
			}
			if (holder.isCompletedExceptionally()) {
				holder.join();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Runs {@code locking} (statements that lock rows) in a new transaction and keeps it open. */
	public static HeldLocks hold(TransactionTemplate transactions, Runnable locking) {
		return new HeldLocks(transactions, locking);
	}

	/** Ends the holding transaction (rolled back) and waits for it. */
	@Override
	public void close() {
		release.countDown();
		holder.join();
	}
}
