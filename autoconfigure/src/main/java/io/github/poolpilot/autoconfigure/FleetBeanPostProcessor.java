package io.github.poolpilot.autoconfigure;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Hands every tuned {@link HikariDataSource} to the {@link FleetMembership}, once, before
 * its pool starts.
 *
 * @author Pool Pilot contributors
 */
class FleetBeanPostProcessor implements BeanPostProcessor, Ordered {

	private final ObjectProvider<FleetMembership> membership;

	private final Set<HikariDataSource> joined = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	FleetBeanPostProcessor(ObjectProvider<FleetMembership> membership) {
		this.membership = membership;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		HikariDataSource hikari = HikariBeans.unwrap(bean);
		if (hikari != null && this.joined.add(hikari)) {
			this.membership.getObject().join(beanName, hikari);
		}
		return bean;
	}

	@Override
	public int getOrder() {
		// right after HikariTuningBeanPostProcessor, which registers the pool
		return -99;
	}

}
