package io.github.poolpilot.autoconfigure;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.GuardedDataSource;
import io.github.poolpilot.guard.GuardedHikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every data source bean over a HikariCP pool, a {@link HikariDataSource} in a
 * {@link GuardedHikariDataSource} and any other in a {@link GuardedDataSource}, so that a
 * thread borrowing a second connection of a pool it holds one of is named before the pool
 * can make it wait.
 *
 * @author Pool Pilot contributors
 */
class GuardedDataSourceBeanPostProcessor implements BeanPostProcessor, Ordered {

	private final ObjectProvider<ConnectionGuard> guard;

	GuardedDataSourceBeanPostProcessor(ObjectProvider<ConnectionGuard> guard) {
		this.guard = guard;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !isGuarded(dataSource)) {
			if (bean instanceof HikariDataSource pool) {
				// stays a HikariDataSource for whoever injects one
				return new GuardedHikariDataSource(pool, this.guard.getObject());
			}
			HikariDataSource pool = HikariBeans.unwrap(bean);
			if (pool != null) {
				return new GuardedDataSource(dataSource, pool, this.guard.getObject());
			}
		}
		return bean;
	}

	private static boolean isGuarded(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(GuardedDataSource.class)
					|| dataSource.isWrapperFor(GuardedHikariDataSource.class);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	@Override
	public int getOrder() {
		// after HikariTuningBeanPostProcessor (-100) and the backstop (-90), which read
		// the pool's settings; before wrappers such as a lazy-connection proxy (0), so
		// that the check runs at the physical borrow
		return -80;
	}

}
