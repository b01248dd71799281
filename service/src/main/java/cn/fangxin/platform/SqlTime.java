package cn.fangxin.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in and out of {@code timestamp with time zone} columns, the same way on H2 and PostgreSQL (the
 * PostgreSQL driver takes {@link OffsetDateTime}, not {@link Instant}).
 */
public final class SqlTime {

	private SqlTime() {
	}

	public static OffsetDateTime of(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	public static Instant read(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
