package io.github.poolpilot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.metrics.LoadSampler;
import io.github.poolpilot.metrics.PoolMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration for Pool Pilot's {@code poolpilot.*} meters, tagged
 * {@code pool=<pool name>} to join Spring Boot's {@code hikaricp.connections.*}.
 *
 * @author Pool Pilot contributors
 */
@AutoConfiguration(after = { PoolPilotAutoConfiguration.class, SizingAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ HikariDataSource.class, MeterRegistry.class })
@ConditionalOnBean({ MeterRegistry.class, PoolRegistry.class })
@Import(LoadSamplerConfiguration.class)
public final class PoolMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PoolMeterBinder poolPilotMeterBinder(PoolRegistry pools, LoadSampler sampler, ObjectProvider<LeaseRegistry> leases,
			PoolPilotProperties properties) {
		return new PoolMeterBinder(pools, sampler, leases.getIfAvailable(),
				properties.getLeases().getLongHeldThreshold());
	}

}
