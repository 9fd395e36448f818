package io.github.poolpilot.autoconfigure;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.ExplicitSettings;
import io.github.poolpilot.hikari.HikariTuner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Hands every {@link HikariDataSource} in the context to the {@link HikariTuner}, once,
 * after its properties are bound and before anything wraps it or asks it for a
 * connection. Wrapped pools are reached through {@link HikariBeans#unwrap}.
 *
 * @author Pool Pilot contributors
 */
class HikariTuningBeanPostProcessor implements BeanPostProcessor, Ordered {

	static final String BOOT_DATA_SOURCE = "dataSource";

	static final String BOOT_HIKARI_PREFIX = "spring.datasource.hikari.";

	private final ObjectProvider<HikariTuner> tuner;

	private final Environment environment;

	private final Set<HikariDataSource> tuned = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	HikariTuningBeanPostProcessor(ObjectProvider<HikariTuner> tuner, Environment environment) {
		this.tuner = tuner;
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		HikariDataSource hikari = HikariBeans.unwrap(bean);
		if (hikari != null && this.tuned.add(hikari)) {
			// Spring Boot's own pool binds spring.datasource.hikari.*; a user's pool
			// binds what it likes
			String prefix = BOOT_DATA_SOURCE.equals(beanName) ? BOOT_HIKARI_PREFIX : null;
			ExplicitSettings explicit = new ExplicitSettings(hikari, beanName, prefix,
					this.environment::containsProperty);
			this.tuner.getObject().tune(beanName, hikari, explicit);
		}
		return bean;
	}

	@Override
	public int getOrder() {
		// after ConfigurationPropertiesBindingPostProcessor and Boot's JDBC connection
		// details (both before
		// initialization), before the lazy-connection proxy (order 0) and other wrappers
		return -100;
	}

}
