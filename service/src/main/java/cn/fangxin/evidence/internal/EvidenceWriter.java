package cn.fangxin.evidence.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.platform.BatchingWriter;

/**
 * Group commit for evidence: records queued by many callers are made in one transaction — one lock of the log's size
 * row, one batch of records, one commit — and acknowledged with the leaf indices they were given as it committed. A
 * failed batch is retried record by record.
 */
@Component
public class EvidenceWriter extends BatchingWriter<EvidenceWriter.Pending> {

	private final TransactionTemplate transactions;
	private final TransparencyLog log;

	EvidenceWriter(PlatformTransactionManager transactionManager, TransparencyLog log) {
		super("evidence-group-commit", 2000);
		this.transactions = new TransactionTemplate(transactionManager);
		this.log = log;
	}

	public CompletableFuture<EvidenceView> submit(Supplier<EvidenceView> record) {
		Pending pending = new Pending(record, new CompletableFuture<>());
		enqueue(pending);
		return pending.done();
	}

	@Override
	protected void commit(List<Pending> batch) {
		try {
			List<EvidenceView> made = make(batch);
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).done().complete(made.get(i));
			}
		}
		catch (RuntimeException failed) {
			for (Pending pending : batch) {
				try {
					pending.done().complete(make(List.of(pending)).get(0));
				}
				catch (RuntimeException again) {
					pending.done().completeExceptionally(again);
				}
			}
		}
	}

	/** Makes the records in one transaction; answers them with the leaf indices they got as it committed. */
	private List<EvidenceView> make(List<Pending> batch) {
		List<Map<String, Long>> assigned = new java.util.ArrayList<>(1);
		List<EvidenceView> made = transactions.execute(s -> {
			assigned.add(log.indicesAtCommit()); // filled as the transaction commits
			return batch.stream().map(r -> r.record().get()).toList();
		});
		Map<String, Long> indices = assigned.get(0);
		return made.stream()
			.map(v -> new EvidenceView(v.id(), v.kind(), v.sha256(), v.size(), v.mediaType(), indices.get(v.id()),
					v.recordedAt(), v.occurredAt(), v.orderId(), v.complaintId(), v.submitter()))
			.toList();
	}

	/** A record to make and the future of its view. */
	record Pending(Supplier<EvidenceView> record, CompletableFuture<EvidenceView> done)
			implements BatchingWriter.Request<EvidenceView> {
	}
}
