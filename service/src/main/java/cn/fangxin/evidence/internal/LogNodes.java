package cn.fangxin.evidence.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The {@code log_node} table: the hash of every complete subtree, by level and index. */
@Repository
class LogNodes {

	private static final HexFormat HEX = HexFormat.of();

	private final NamedParameterJdbcTemplate jdbc;

	LogNodes(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A node's key: level and index. */
	record Key(int level, long index) {
	}

	void insert(Map<Key, byte[]> nodes) {
		List<SqlParameterSource> rows = new ArrayList<>(nodes.size());
		nodes.forEach((key, hash) -> rows.add(new MapSqlParameterSource().addValue("level", key.level())
			.addValue("idx", key.index())
			.addValue("hash", HEX.formatHex(hash))));
		jdbc.batchUpdate("insert into log_node (level, idx, hash) values (:level, :idx, :hash)",
				rows.toArray(SqlParameterSource[]::new));
	}

	/** The hashes of these nodes (missing ones are absent from the answer). */
	Map<Key, byte[]> find(java.util.Collection<Key> keys) {
		Map<Key, byte[]> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		// One query for all of them, by (level, idx) pairs: an index lookup each.
		List<Object[]> pairs = keys.stream().map(k -> new Object[] { k.level(), k.index() }).toList();
		jdbc.query("select level, idx, hash from log_node where (level, idx) in (:keys)",
				new MapSqlParameterSource("keys", pairs), rs -> {
					found.put(new Key(rs.getInt("level"), rs.getLong("idx")), HEX.parseHex(rs.getString("hash")));
				});
		return found;
	}

	/** The stored hashes of one level from index {@code from} (inclusive) to {@code to} (exclusive), in order. */
	List<byte[]> range(int level, long from, long to) {
		return jdbc.query("select hash from log_node where level = :level and idx >= :from and idx < :to order by idx",
				new MapSqlParameterSource().addValue("level", level).addValue("from", from).addValue("to", to),
				(rs, n) -> HEX.parseHex(rs.getString("hash")));
	}

	/** Every leaf hash from {@code from} on, in order (for audits). */
	List<byte[]> leafHashes(long from, long to) {
		return jdbc.query("select hash from log_node where level = 0 and idx >= :from and idx < :to order by idx",
				new MapSqlParameterSource().addValue("from", from).addValue("to", to),
				(rs, n) -> HEX.parseHex(rs.getString("hash")));
	}
}
