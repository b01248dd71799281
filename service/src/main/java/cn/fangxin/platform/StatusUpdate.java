package cn.fangxin.platform;

import java.sql.Types;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One state change of a case-like row (an order, an after-sales case): its status, its {@code updated_at} and the
 * columns that change with it, in one statement on the row the caller has locked. Instants are written as
 * {@link SqlTime} does; column names come from code, never from input.
 */
public final class StatusUpdate {

	private StatusUpdate() {
	}

	public static void apply(JdbcClient jdbc, String table, String id, String status, Instant now,
			Map<String, Object> fields) {
		StringBuilder sql = new StringBuilder("update ").append(table).append(" set status = :status, updated_at = :now");
		fields.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
		var statement = jdbc.sql(sql.append(" where id = :id").toString())
			.param("status", status)
			.param("now", SqlTime.of(now))
			.param("id", id);
		for (var e : fields.entrySet()) {
			Object value = e.getValue() instanceof Instant i ? SqlTime.of(i) : e.getValue();
			statement = value == null ? statement.param(e.getKey(), null, Types.NULL) : statement.param(e.getKey(), value);
		}
		statement.update();
	}
}
