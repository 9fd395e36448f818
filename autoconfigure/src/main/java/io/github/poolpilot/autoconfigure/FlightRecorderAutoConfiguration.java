package io.github.poolpilot.autoconfigure;

import io.github.poolpilot.jfr.LongHeldConnectionSampler;
import io.github.poolpilot.lease.LeaseRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for Pool Pilot's JDK Flight Recorder events that need a sampler:
 * long-held connections. The other events (guard violations, pool exhaustion, sizing
 * decisions) are committed where they happen, and only while a recording enables them.
 *
 * @author Pool Pilot contributors
 */
@AutoConfiguration(after = PoolPilotAutoConfiguration.class)
@ConditionalOnClass(name = "jdk.jfr.FlightRecorder")
@ConditionalOnBean(LeaseRegistry.class)
public final class FlightRecorderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LongHeldConnectionSampler poolPilotLongHeldConnectionSampler(LeaseRegistry leases, PoolPilotProperties properties) {
		return new LongHeldConnectionSampler(leases, properties.getLeases().getLongHeldThreshold());
	}

}
