package cn.fangxin.ledger.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.ledger.Transfer;
import cn.fangxin.ledger.TransferResult;
import cn.fangxin.platform.BatchingWriter;

/**
 * Group commit for transfers: submissions from many concurrent callers are applied together in one database
 * transaction and acknowledged only after it committed, so each acknowledged transfer is durable while the cost of a
 * commit (the WAL flush) is shared. Under heavy load a batch holds up to {@value #MAX_TRANSFERS} transfers. If a batch
 * fails as a whole (a duplicate id committed by another instance at the same moment, say), its submissions are retried
 * one by one so that one bad submission cannot fail the others.
 */
@Component
public class GroupCommitWriter extends BatchingWriter<GroupCommitWriter.Submission> {

	static final int MAX_TRANSFERS = 2000;
	private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

	private final TransferProcessor processor;
	private final TransactionTemplate transactions;
	private int batchNumber;

	GroupCommitWriter(TransferProcessor processor, PlatformTransactionManager transactionManager) {
		super("ledger-group-commit", MAX_TRANSFERS);
		this.processor = processor;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Queues a submission; the future completes with its results once they are committed. */
	public CompletableFuture<List<TransferResult>> submit(List<Transfer> transfers) {
		var submission = new Submission(List.copyOf(transfers), new CompletableFuture<>());
		enqueue(submission);
		return submission.done();
	}

	@Override
	protected int weight(Submission submission) {
		return submission.transfers().size();
	}

	@Override
	protected void commit(List<Submission> batch) {
		int shard = batchNumber++;
		try {
			List<List<TransferResult>> results = transactions
				.execute(status -> processor.process(batch.stream().map(Submission::transfers).toList(), shard));
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
			for (Submission submission : batch) {
				try {
					submission.done()
						.complete(transactions.execute(status -> processor.process(List.of(submission.transfers()), shard))
							.get(0));
				}
				catch (RuntimeException failed) {
					submission.done().completeExceptionally(failed);
				}
			}
		}
	}

	/** A caller's transfers and the future of their results. */
	record Submission(List<Transfer> transfers, CompletableFuture<List<TransferResult>> done)
			implements BatchingWriter.Request<List<TransferResult>> {
	}
}
