package cn.fangxin.platform.internal;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * On PostgreSQL every pooled connection plans each statement for its actual parameters
 * ({@code plan_cache_mode = force_custom_plan}). With the default, a connection that has run a statement five times
 * keeps a generic plan made for the table as it was then: a plan made while a table was nearly empty (a fresh
 * installation, a new partition) scans it sequentially until autovacuum happens to invalidate it, and lookups by key
 * slow down as the table grows. Planning these short OLTP statements costs microseconds; a wrong cached plan costs
 * milliseconds per call (measured on the ledger benchmark: 1,400 vs 6,000 transfers/s). Other databases are left
 * alone.
 */
@Component
class PostgresSessionSettings implements BeanPostProcessor {

	static final String INIT_SQL = "set plan_cache_mode = force_custom_plan";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
				&& hikari.getJdbcUrl().startsWith("jdbc:postgresql:") && hikari.getConnectionInitSql() == null) {
			hikari.setConnectionInitSql(INIT_SQL);
		}
		return bean;
	}
}
