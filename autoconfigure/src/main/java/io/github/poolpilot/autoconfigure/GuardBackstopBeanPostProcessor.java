package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.IdleInTransactionBackstop;
import io.github.poolpilot.lease.LeaseRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Installs the guard's {@link IdleInTransactionBackstop} on every PostgreSQL and MariaDB
 * {@link HikariDataSource} before its pool starts, after the
 * {@link HikariTuningBeanPostProcessor} named and tuned it.
 *
 * @author Pool Pilot contributors
 */
class GuardBackstopBeanPostProcessor implements BeanPostProcessor, Ordered {

	private static final Log logger = LogFactory.getLog(GuardBackstopBeanPostProcessor.class);

	private final Duration timeout;

	private final ObjectProvider<LeaseRegistry> leaseRegistry;

	private final ObjectProvider<ConnectionGuard> guard;

	GuardBackstopBeanPostProcessor(Duration timeout, ObjectProvider<LeaseRegistry> leaseRegistry,
			ObjectProvider<ConnectionGuard> guard) {
		this.timeout = timeout;
		this.leaseRegistry = leaseRegistry;
		this.guard = guard;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		HikariDataSource hikari = HikariBeans.unwrap(bean);
		if (hikari != null && !(hikari.getExceptionOverride() instanceof IdleInTransactionBackstop)) {
			String installed = IdleInTransactionBackstop.install(hikari, this.timeout, this.leaseRegistry.getObject(),
					this.guard.getObject());
			if (installed != null) {
				logger.info(hikari.getPoolName() + " - guard backstop installed: " + installed);
			}
		}
		return bean;
	}

	@Override
	public int getOrder() {
		// after HikariTuningBeanPostProcessor (-100), which names the pool; before
		// wrappers such as the
		// lazy-connection proxy (0), while the pool has not started
		return -90;
	}

}
