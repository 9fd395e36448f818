package io.github.poolpilot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.actuate.FleetSection;
import io.github.poolpilot.actuate.GuardSection;
import io.github.poolpilot.actuate.PoolEndpoint;
import io.github.poolpilot.actuate.PoolEndpointWebExtension;
import io.github.poolpilot.actuate.SizingSection;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.metrics.LoadSampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration for the {@code pool} actuator endpoint, available when it is exposed
 * ({@code management.endpoints.web.exposure.include=pool}). Its sizing, guard and fleet
 * sections are filled by a {@link SizingSection}, a {@link GuardSection} and a
 * {@link FleetSection} bean when those features are on.
 *
 * @author Pool Pilot contributors
 */
@AutoConfiguration(
		after = { PoolPilotAutoConfiguration.class, SizingAutoConfiguration.class, PoolMetricsAutoConfiguration.class })
@ConditionalOnClass({ HikariDataSource.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(PoolEndpoint.class)
@ConditionalOnBean(PoolRegistry.class)
@Import(LoadSamplerConfiguration.class)
public final class PoolEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PoolEndpoint poolEndpoint(PoolRegistry pools, ObjectProvider<LoadSampler> sampler,
			ObjectProvider<LeaseRegistry> leases, ObjectProvider<SizingSection> sizing,
			ObjectProvider<GuardSection> guard, ObjectProvider<FleetSection> fleet) {
		return new PoolEndpoint(pools, sampler.getIfAvailable(), leases.getIfAvailable(), sizing.getIfAvailable(),
				guard.getIfAvailable(), fleet.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PoolEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	PoolEndpointWebExtension poolEndpointWebExtension(PoolEndpoint endpoint) {
		return new PoolEndpointWebExtension(endpoint);
	}

}
