package cn.fangxin.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a check that reads many tables — the ledger's verification, the evidence audit — on one snapshot of the
 * database, so that a transfer or a record committed while it reads cannot make two of its statements disagree.
 *
 * <p>The isolation level that gives a snapshot differs by database. PostgreSQL's REPEATABLE READ is a snapshot
 * taken at the first statement. H2's REPEATABLE READ is not: it keeps rows already read stable, but a row inserted
 * and committed by another transaction in between shows up in the next statement (a phantom). H2's SERIALIZABLE
 * gives the snapshot, and a read-only transaction at that level blocks and fails no writer. PostgreSQL's
 * SERIALIZABLE, on the other hand, can fail a read-only transaction, so it keeps REPEATABLE READ.
 *
 * <p>Called inside a transaction already open, the work joins it and sees what that transaction sees.
 */
@Component
public class SnapshotReads {

	private final TransactionTemplate template;

	SnapshotReads(PlatformTransactionManager transactions, DataSource dataSource) {
		this.template = new TransactionTemplate(transactions);
		this.template.setReadOnly(true);
		this.template.setIsolationLevel(isH2(dataSource) ? TransactionDefinition.ISOLATION_SERIALIZABLE
				: TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/** Runs {@code work} on one snapshot and returns its result. */
	public <T> T read(Supplier<T> work) {
		return template.execute(status -> work.get());
	}

	private static boolean isH2(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return "H2".equals(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot read the database's product name", e);
		}
	}
}
