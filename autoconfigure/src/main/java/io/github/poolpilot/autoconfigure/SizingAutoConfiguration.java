package io.github.poolpilot.autoconfigure;

import java.time.Clock;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.actuate.SizingSection;
import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.sizing.ConnectionBudget;
import io.github.poolpilot.sizing.PoolSizingState;
import io.github.poolpilot.sizing.RemoteWaitSource;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingMeterBinder;
import io.github.poolpilot.sizing.SizingMode;
import io.github.poolpilot.sizing.SizingModeResolver;
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
 * Auto-configuration for adaptive pool sizing: runs the controller that sizes each
 * managed pool, or recommends a size, from the pool's measured load. A
 * {@code poolpilot.sizing.mode} the application set holds for every pool; without one, a
 * pool in a fleet is resized and any other pool only gets recommendations
 * ({@link SizingModes}).
 *
 * @author Pool Pilot contributors
 */
@AutoConfiguration(after = PoolPilotAutoConfiguration.class)
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnBooleanProperty(name = "poolpilot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "poolpilot.sizing.enabled", matchIfMissing = true)
@ConditionalOnBean(PoolRegistry.class)
@EnableConfigurationProperties(SizingProperties.class)
public final class SizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SizingController poolPilotSizingController(PoolRegistry registry, ObjectProvider<RemoteWaitSource> remoteWaits,
			SizingProperties properties, ObjectProvider<ConnectionBudget> budget, SizingModeResolver modes) {
		return new SizingController(registry, remoteWaits.getIfAvailable(() -> RemoteWaitSource.NONE),
				properties.toSettings(), Clock.systemUTC(), budget.getIfAvailable(() -> ConnectionBudget.DATABASE),
				modes);
	}

	@Bean
	@ConditionalOnMissingBean
	SizingModeResolver poolPilotSizingModes(Environment environment, ObjectProvider<FleetCoordinator> fleet) {
		Binder binder = Binder.get(environment);
		SizingMode configured = binder.bind("poolpilot.sizing.mode", SizingMode.class).orElse(null);
		boolean fleetEnabled = binder.bind("poolpilot.fleet.enabled", Boolean.class).orElse(true);
		return new SizingModes(configured, fleetEnabled, fleet);
	}

	@Bean
	@ConditionalOnMissingBean
	SizingSection poolPilotSizingSection(SizingController controller, SizingModeResolver modes) {
		return (pool) -> {
			PoolSizingState state = controller.state(pool.name());
			return (state != null) ? state
					: Map.of("pool", pool.name(), "mode", modes.mode(pool), "status", "no sample yet");
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class SizingMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SizingMeterBinder poolPilotSizingMeterBinder(PoolRegistry registry, SizingController controller) {
			return new SizingMeterBinder(registry, controller);
		}

	}

}
