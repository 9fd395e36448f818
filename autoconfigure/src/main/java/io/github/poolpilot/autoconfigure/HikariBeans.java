package io.github.poolpilot.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceUnwrapper;

/**
 * Finds the HikariCP pool behind a bean, through any wrapper that
 * {@link DataSourceUnwrapper} can see through (a lazy-connection proxy, a delegating data
 * source, a JDBC {@code Wrapper}).
 *
 * @author Pool Pilot contributors
 */
final class HikariBeans {

	private HikariBeans() {
	}

	/**
	 * Return the pool behind a bean.
	 * @param bean any bean
	 * @return the pool, or {@code null} when the bean is not a data source over HikariCP
	 */
	static @Nullable HikariDataSource unwrap(Object bean) {
		if (bean instanceof DataSource dataSource) {
			return DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class);
		}
		return null;
	}

}
