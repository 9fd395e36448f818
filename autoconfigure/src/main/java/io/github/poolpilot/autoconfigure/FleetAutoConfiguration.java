package io.github.poolpilot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.actuate.FleetSection;
import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.fleet.FleetMeterBinder;
import io.github.poolpilot.fleet.FleetSettings;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingMode;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the connection budget that the replicas of a service share: each
 * PostgreSQL pool joins its fleet before it starts, and the sizing controller sizes it
 * within the share it holds. In {@code auto} mode (the default for a pool in a fleet) the
 * share resizes the pool; in {@code recommend} mode it is only published and reported.
 *
 * @author Pool Pilot contributors
 */
@AutoConfiguration(after = PoolPilotAutoConfiguration.class, before = SizingAutoConfiguration.class)
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnBooleanProperty(name = "poolpilot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "poolpilot.fleet.enabled", matchIfMissing = true)
@ConditionalOnBean(PoolRegistry.class)
@EnableConfigurationProperties(FleetProperties.class)
public final class FleetAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FleetCoordinator poolPilotFleetCoordinator(FleetProperties properties, Environment environment) {
		return new FleetCoordinator(settings(properties, environment));
	}

	@Bean
	FleetMembership poolPilotFleetMembership(FleetProperties properties, Environment environment,
			FleetCoordinator coordinator, PoolRegistry registry, ObjectProvider<SizingController> controller) {
		boolean sizing = Binder.get(environment).bind("poolpilot.sizing.enabled", Boolean.class).orElse(true);
		return new FleetMembership(properties, settings(properties, environment),
				environment.getProperty("spring.application.name"), sizing && auto(environment), coordinator, registry,
				(pool) -> {
					SizingController sizingController = controller.getIfAvailable();
					return (sizingController != null) ? sizingController.demand(pool) : null;
				});
	}

	@Bean
	@ConditionalOnMissingBean
	FleetSection poolPilotFleetSection(FleetCoordinator coordinator) {
		return (pool) -> coordinator.report(pool.name());
	}

	@Bean
	static FleetBeanPostProcessor poolPilotFleetBeanPostProcessor(ObjectProvider<FleetMembership> membership) {
		return new FleetBeanPostProcessor(membership);
	}

	private static FleetSettings settings(FleetProperties properties, Environment environment) {
		int minSize = Binder.get(environment)
			.bind("poolpilot.sizing.min-size", Integer.class)
			.orElseGet(() -> new SizingProperties().getMinSize());
		return new FleetSettings(properties.getHeartbeatInterval(), properties.getLeaseTimeout(), auto(environment),
				minSize);
	}

	private static boolean auto(Environment environment) {
		SizingMode mode = Binder.get(environment)
			.bind("poolpilot.sizing.mode", SizingMode.class)
			.orElseGet(() -> new SizingProperties().getMode());
		return mode == SizingMode.AUTO;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class FleetMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FleetMeterBinder poolPilotFleetMeterBinder(PoolRegistry registry, FleetCoordinator coordinator) {
			return new FleetMeterBinder(registry, coordinator);
		}

	}

}
