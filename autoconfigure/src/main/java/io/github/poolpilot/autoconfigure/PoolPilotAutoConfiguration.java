package io.github.poolpilot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseInspector;
import io.github.poolpilot.hikari.HikariTuner;
import io.github.poolpilot.hikari.PoolEventListenerFactory;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.hikari.TuningSettings;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.LeaseTransactionListener;
import io.github.poolpilot.lease.WorkerThreads;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Auto-configuration for Pool Pilot's foundation: every HikariCP pool in the context is
 * tuned before it starts, checked against known configuration mistakes, and registered
 * for the other Pool Pilot features; who holds each connection is tracked for the guard
 * and the endpoint.
 *
 * @author Pool Pilot contributors
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnBooleanProperty(name = "poolpilot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PoolPilotProperties.class)
public final class PoolPilotAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PoolRegistry poolPilotRegistry() {
		return new PoolRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	HikariTuner poolPilotHikariTuner(PoolPilotProperties properties, PoolRegistry registry,
			ObjectProvider<MicrometerTrackerFactorySupplier> micrometer,
			ObjectProvider<PoolEventListenerFactory> listenerFactories) {
		TuningSettings settings = properties.getTuning().toSettings();
		return new HikariTuner(settings, new DatabaseInspector(settings.inspectTimeout()), registry, () -> {
			MicrometerTrackerFactorySupplier supplier = micrometer.getIfAvailable();
			return (supplier != null) ? supplier.get() : null;
		}, () -> listenerFactories.orderedStream().toList(), properties.getLoad().getWindow());
	}

	@Bean
	@ConditionalOnMissingBean
	LeaseRegistry poolPilotLeaseRegistry(PoolPilotProperties properties, Environment environment) {
		PoolPilotProperties.Leases leases = properties.getLeases();
		LeaseRegistry registry = new LeaseRegistry(leases.getExhaustionLogInterval(), leases.getMaxListed());
		registry.setWorkerThreads(WorkerThreads.from(environment));
		return registry;
	}

	@Bean
	@ConditionalOnClass(TransactionExecutionListener.class)
	LeaseTransactionListener poolPilotLeaseTransactionListener(LeaseRegistry leaseRegistry) {
		return new LeaseTransactionListener(leaseRegistry);
	}

	@Bean
	static HikariTuningBeanPostProcessor poolPilotHikariTuningBeanPostProcessor(ObjectProvider<HikariTuner> tuner,
			Environment environment) {
		return new HikariTuningBeanPostProcessor(tuner, environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerTrackerConfiguration {

		@Bean
		MicrometerTrackerFactorySupplier poolPilotMicrometerTrackerFactory(ObjectProvider<MeterRegistry> registry) {
			return new MicrometerTrackerFactorySupplier(registry);
		}

	}

}
