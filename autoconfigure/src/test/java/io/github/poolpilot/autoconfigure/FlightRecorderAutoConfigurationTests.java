package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import io.github.poolpilot.jfr.LongHeldConnectionSampler;
import io.github.poolpilot.lease.LeaseRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FlightRecorderAutoConfiguration}.
 */
class FlightRecorderAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(PoolPilotAutoConfiguration.class, FlightRecorderAutoConfiguration.class));

	private final LeaseRegistry leases = new LeaseRegistry(Duration.ofMinutes(1), 10);

	@AfterEach
	void closeLeases() {
		this.leases.close();
	}

	@Test
	void longHeldSamplerReadsTheLeaseRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(LeaseRegistry.class)
			.hasSingleBean(LongHeldConnectionSampler.class));
	}

	@Test
	void backsOffWithoutTheLeaseRegistry() {
		this.contextRunner.withPropertyValues("poolpilot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LongHeldConnectionSampler.class));
	}

	@Test
	void backsOffWithoutTheFlightRecorder() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("jdk.jfr."))
			.run((context) -> assertThat(context).doesNotHaveBean(LongHeldConnectionSampler.class));
	}

	@Test
	void backsOffForTheUsersSampler() {
		this.contextRunner
			.withBean(LongHeldConnectionSampler.class,
					() -> new LongHeldConnectionSampler(this.leases, Duration.ofSeconds(1)))
			.run((context) -> assertThat(context).hasSingleBean(LongHeldConnectionSampler.class)
				.doesNotHaveBean("poolPilotLongHeldConnectionSampler"));
	}

}
