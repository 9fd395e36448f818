package io.github.poolpilot.autoconfigure;

import java.util.function.Supplier;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Supplies HikariCP's Micrometer tracker for the context's meter registry when a pool
 * starts, as Spring Boot's Hikari metrics binding would have; {@code null} when the
 * context has no single meter registry.
 *
 * @author Pool Pilot contributors
 */
class MicrometerTrackerFactorySupplier implements Supplier<@Nullable MetricsTrackerFactory> {

	private final ObjectProvider<MeterRegistry> meterRegistry;

	MicrometerTrackerFactorySupplier(ObjectProvider<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public @Nullable MetricsTrackerFactory get() {
		MeterRegistry registry = this.meterRegistry.getIfUnique();
		return (registry != null) ? new MicrometerMetricsTrackerFactory(registry) : null;
	}

}
