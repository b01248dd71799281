package cn.fangxin.evidence.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.fangxin.evidence.EvidenceView;
import cn.fangxin.platform.BatchingWriter;

/**
 * Group commit for evidence: records queued by many callers are made in one transaction — one lock of the log's size
 * row, one batch of records, one commit — and acknowledged with their leaf indices after it committed.
 * A failed batch is retried record by record.
 */
@Component
public class EvidenceWriter extends BatchingWriter<EvidenceWriter.Pending> {

	private final TransactionTemplate transactions;
	private final NamedParameterJdbcTemplate jdbc;

	EvidenceWriter(PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc) {
		super("evidence-group-commit", 2000);
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
	}

	public CompletableFuture<EvidenceView> submit(Supplier<EvidenceView> record) {
		Pending pending = new Pending(record, new CompletableFuture<>());
		enqueue(pending);
		return pending.done();
	}

	@Override
	protected void commit(List<Pending> batch) {
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
			for (Pending pending : batch) {
				try {
					pending.done().complete(transactions.execute(s -> pending.record().get()));
				}
				catch (RuntimeException again) {
					pending.done().completeExceptionally(again);
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

	/** A record to make and the future of its view. */
	record Pending(Supplier<EvidenceView> record, CompletableFuture<EvidenceView> done)
			implements BatchingWriter.Request<EvidenceView> {
	}
}
