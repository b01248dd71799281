package cn.fangxin.evidence.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import cn.fangxin.platform.BatchingWriter;

/**
 * Gives committed evidence records their leaf indices. A record is stored in its own transaction without an index (so
 * the many transactions that record evidence share no row); as that transaction commits, its records' ids come here
 * and the caller waits for their indices before it answers, so a record's index is final when it is acknowledged.
 * The ids queued by many callers are numbered together, in one short transaction per batch that locks the log's size
 * row, numbers the records still without an index in the order they came, and moves the size on. Instances queue on
 * that row, so indices stay dense and unique. A record whose transaction committed but whose instance died before it
 * was numbered is picked up by {@link #sweep()}, which the checkpoint signer runs every round.
 */
@Component
public class LogSequencer extends BatchingWriter<LogSequencer.Request> implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LogSequencer.class);
	/** Records numbered per transaction at most (the batch limit and the sweep's page). */
	static final int MAX_RECORDS = 2000;
	/** Gives a record its index, unless it has one. */
	private static final String NUMBER = "update evidence set leaf_index = :index where id = :id and leaf_index is null";

	private final DataSource connections;
	private final JdbcClient reader;
	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate named;
	private final TransactionTemplate transactions;
	/** The records the previous sweep found without an index. */
	private final java.util.Set<String> seenUnnumbered = new java.util.HashSet<>();

	LogSequencer(DataSource dataSource, JdbcClient reader) {
		super("evidence-log-sequencer", MAX_RECORDS);
		this.reader = reader;
		this.connections = ownConnection(dataSource);
		this.jdbc = JdbcClient.create(connections);
		this.named = new NamedParameterJdbcTemplate(connections);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(connections));
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The sequencer's own connection, to the application's database. Callers wait for the sequencer while their committed
	 * transaction still holds a connection of the application's pool; were the sequencer to take its connection from
	 * that pool, enough such callers would leave it none. Only the writer thread uses it (the sweep hands its records
	 * to the writer too); it is opened on first use and again after a failure.
	 */
	private static DataSource ownConnection(DataSource dataSource) {
		if (!(dataSource instanceof HikariDataSource application) || application.getJdbcUrl() == null) {
			return dataSource;
		}
		SingleConnectionDataSource own = new SingleConnectionDataSource(application.getJdbcUrl(),
				application.getUsername(), application.getPassword(), true);
		own.setConnectionProperties(application.getDataSourceProperties());
		return own;
	}

	@Override
	public void destroy() {
		if (connections instanceof SingleConnectionDataSource own) {
			own.destroy();
		}
	}

	/** Queues committed records' ids; the future completes with the index of each once it is committed. */
	public CompletableFuture<Map<String, Long>> submit(List<String> ids) {
		Request request = new Request(List.copyOf(ids), new CompletableFuture<>());
		enqueue(request);
		return request.done();
	}

	@Override
	protected int weight(Request request) {
		return request.ids().size();
	}

	@Override
	protected void commit(List<Request> batch) {
		List<String> ids = new ArrayList<>();
		batch.forEach(r -> ids.addAll(r.ids()));
		Map<String, Long> indices;
		try {
			indices = transactions.execute(status -> numberAll(ids, status));
			if (indices == null) {
				indices = transactions.execute(status -> number(ids));
			}
		}
		catch (RuntimeException failed) {
			if (connections instanceof SingleConnectionDataSource own) {
				own.resetConnection(); // a broken connection is opened again for the next batch
			}
			throw failed;
		}
		for (Request request : batch) {
			Map<String, Long> mine = new HashMap<>();
			for (String id : request.ids()) {
				Long index = indices.get(id);
				if (index == null) {
					request.done().completeExceptionally(new IllegalStateException("evidence " + id + " is not stored"));
					break;
				}
				mine.put(id, index);
			}
			request.done().complete(mine);
		}
	}

	/**
	 * Numbers committed records left without an index (their instance stopped between the commit and the numbering):
	 * those that were without one at the previous sweep too, so that records whose callers are about to hand them over
	 * are left to them. Returns how many it numbered.
	 */
	public synchronized int sweep() {
		List<String> waiting = reader
			.sql("select id from evidence where leaf_index is null order by recorded_at, id limit " + MAX_RECORDS)
			.query(String.class)
			.list();
		List<String> leftBehind = waiting.stream().filter(seenUnnumbered::contains).toList();
		seenUnnumbered.clear();
		seenUnnumbered.addAll(waiting);
		if (leftBehind.isEmpty()) {
			return 0;
		}
		try {
			submit(leftBehind).get(1, java.util.concurrent.TimeUnit.MINUTES);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
			log.warn("could not number {} evidence records left without a leaf index", leftBehind.size(), e);
			return 0;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 0;
		}
		leftBehind.forEach(seenUnnumbered::remove);
		log.info("numbered {} evidence records left without a leaf index", leftBehind.size());
		return leftBehind.size();
	}

	/**
	 * The common case in one transaction: every id is a stored record still without an index, so they are numbered in
	 * order without reading them first. If one is not (the sweep numbered it meanwhile, or it is not stored), the
	 * transaction is rolled back and null returned, for {@link #number} to do it the careful way.
	 */
	private Map<String, Long> numberAll(List<String> ids, TransactionStatus status) {
		long size = lockSize();
		Map<String, Long> indices = new LinkedHashMap<>();
		SqlParameterSource[] updates = new SqlParameterSource[ids.size()];
		for (int i = 0; i < ids.size(); i++) {
			if (indices.putIfAbsent(ids.get(i), size + i) != null) {
				status.setRollbackOnly(); // the same id twice: the careful way numbers it once
				return null;
			}
			updates[i] = new MapSqlParameterSource("id", ids.get(i)).addValue("index", size + i);
		}
		int[] counts = named.batchUpdate(NUMBER, updates);
		for (int count : counts) {
			if (count != 1) {
				status.setRollbackOnly();
				return null;
			}
		}
		setSize(size + ids.size());
		return indices;
	}

	/**
	 * In one transaction: locks the size row, numbers those of {@code ids} still without an index in the given order
	 * and moves the size on; returns every stored id's index (numbered now or before).
	 */
	private Map<String, Long> number(List<String> ids) {
		long size = lockSize();
		Map<String, Long> indices = new LinkedHashMap<>();
		Map<String, Boolean> stored = new HashMap<>();
		for (int from = 0; from < ids.size(); from += 1000) {
			jdbc.sql("select id, leaf_index from evidence where id in (:ids)")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.query(rs -> {
					String id = rs.getString(1);
					long index = rs.getLong(2);
					stored.put(id, true);
					if (!rs.wasNull()) {
						indices.put(id, index);
					}
				});
		}
		List<SqlParameterSource> updates = new ArrayList<>();
		long next = size;
		for (String id : ids) {
			if (stored.containsKey(id) && !indices.containsKey(id)) {
				indices.put(id, next);
				updates.add(new MapSqlParameterSource("id", id).addValue("index", next));
				next++;
			}
		}
		if (updates.isEmpty()) {
			return indices;
		}
		named.batchUpdate(NUMBER, updates.toArray(SqlParameterSource[]::new));
		setSize(next);
		return indices;
	}

	/** The log's size, its row locked until the transaction ends: instances number one batch at a time. */
	private long lockSize() {
		return jdbc.sql("select size from log_state where id = 1 for update").query(Long.class).single();
	}

	private void setSize(long size) {
		jdbc.sql("update log_state set size = :size where id = 1").param("size", size).update();
	}

	/** Ids to number and the future of their indices. */
	record Request(List<String> ids, CompletableFuture<Map<String, Long>> done)
			implements BatchingWriter.Request<Map<String, Long>> {
	}
}
