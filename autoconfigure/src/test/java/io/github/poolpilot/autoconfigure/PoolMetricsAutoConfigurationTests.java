package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.metrics.LoadSampler;
import io.github.poolpilot.metrics.PoolMeterBinder;
import io.github.poolpilot.sizing.SizingController;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolMetricsAutoConfiguration}.
 */
class PoolMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				PoolMetricsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:metrics-autoconfig;DB_CLOSE_DELAY=-1");

	private final ApplicationContextRunner withMetrics = this.contextRunner.withConfiguration(
			AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class));

	@Test
	void poolMetersJoinHikariMetersOnThePoolTag() {
		this.withMetrics.withPropertyValues("poolpilot.leases.long-held-threshold=250ms").run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("hikaricp.connections").tag("pool", "dataSource").gauge().value())
				.isGreaterThanOrEqualTo(1.0);
			assertThat(registry.get("poolpilot.pool.recommended-size").tag("pool", "dataSource").gauge().value())
				.isEqualTo(1.0);
			assertThat(registry.get("poolpilot.pool.concurrency").tag("pool", "dataSource").gauge().value())
				.isNotNegative();
			assertThat(registry.get("poolpilot.leases.long-held")
				.tag("pool", "dataSource")
				.gauge()
				.getId()
				.getDescription()).endsWith("(250 ms)");
		});
	}

	@Test
	void recommendedSizeIsTheSizingControllersTargetWhenSizingRuns() {
		this.withMetrics.withConfiguration(AutoConfigurations.of(SizingAutoConfiguration.class))
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=7")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				double target = context.getBean(SizingController.class).target("dataSource");
				assertThat(target).isEqualTo(7.0);
				assertThat(registry.get("poolpilot.pool.recommended-size").tag("pool", "dataSource").gauge().value())
					.isEqualTo(target);
				assertThat(registry.find("poolpilot.sizing.target").meters()).isEmpty();
				assertThat(registry.get("poolpilot.sizing.decisions").meters()).isNotEmpty();
			});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PoolMeterBinder.class)
			.doesNotHaveBean(LoadSampler.class));
	}

	@Test
	void backsOffWithoutPoolPilot() {
		this.withMetrics.withPropertyValues("poolpilot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PoolMeterBinder.class));
	}

	@Test
	void userBinderWins() {
		PoolMeterBinder user = new PoolMeterBinder(new PoolRegistry(), new LoadSampler(0.8, null), null,
				Duration.ofSeconds(5));
		this.withMetrics.withBean(PoolMeterBinder.class, () -> user)
			.run((context) -> assertThat(context).getBean(PoolMeterBinder.class).isSameAs(user));
	}

}
