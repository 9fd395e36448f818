package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.github.poolpilot.hikari.DatabaseInspector;
import io.github.poolpilot.hikari.HikariTuner;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolEventListener;
import io.github.poolpilot.hikari.PoolEventListenerFactory;
import io.github.poolpilot.hikari.PoolPilotMetricsTrackerFactory;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.hikari.TuningSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;

class PoolPilotAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa");

	@Test
	void bootDataSourceIsTunedWhereTheUserSetNothing() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getConnectionTimeout()).isEqualTo(5000);
			assertThat(dataSource.getPoolName()).isEqualTo("dataSource");
			assertThat(dataSource.getMaximumPoolSize()).isEqualTo(10);
			assertThat(dataSource.getMetricsTrackerFactory()).isInstanceOf(PoolPilotMetricsTrackerFactory.class);
			assertThat(context.getBean(PoolRegistry.class).get("dataSource")).isNotNull();
		});
	}

	@Test
	void userSetValuesAreLeftAlone() {
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.connection-timeout=30000",
					"spring.datasource.hikari.maximum-pool-size=10", "spring.datasource.hikari.pool-name=orders",
					"spring.datasource.hikari.keepalive-time=0", "poolpilot.tuning.expected-arrival-rate=500",
					"poolpilot.tuning.expected-hold-time=100ms")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				// all equal to HikariCP's defaults: only the environment says the user
				// chose them
				assertThat(dataSource.getConnectionTimeout()).isEqualTo(30000);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(10);
				assertThat(dataSource.getKeepaliveTime()).isZero();
				assertThat(dataSource.getPoolName()).isEqualTo("orders");
				ManagedPool pool = context.getBean(PoolRegistry.class).get("orders");
				assertThat(pool).isNotNull();
				assertThat(pool.advice()).extracting((advice) -> advice.property())
					.containsExactly("spring.datasource.hikari.keepalive-time");
			});
	}

	@Test
	void expectedLoadSizesTheBootPool() {
		this.contextRunner
			.withPropertyValues("poolpilot.tuning.expected-arrival-rate=400",
					"poolpilot.tuning.expected-hold-time=50ms", "poolpilot.tuning.target-utilization=0.5")
			.run((context) -> assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(40));
	}

	@Test
	void backsOffWithoutHikariOnTheClasspath() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PoolPilotAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HikariTuner.class)
				.doesNotHaveBean(PoolRegistry.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("poolpilot.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HikariTuner.class).doesNotHaveBean(PoolRegistry.class);
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getConnectionTimeout()).isEqualTo(30000);
			assertThat(dataSource.getMetricsTrackerFactory()).isNull();
		});
	}

	@Test
	void tuningOffChecksButChangesNothing() {
		this.contextRunner
			.withPropertyValues("poolpilot.tuning.enabled=false",
					"spring.datasource.hikari.leak-detection-threshold=100")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getConnectionTimeout()).isEqualTo(30000);
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.advice()).extracting((advice) -> advice.property())
					.containsExactly("spring.datasource.hikari.leak-detection-threshold");
			});
	}

	@Test
	void twoUserDataSourcesAreTunedIndependently() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PoolPilotAutoConfiguration.class))
			.withUserConfiguration(TwoDataSources.class)
			.run((context) -> {
				HikariDataSource orders = (HikariDataSource) context.getBean("ordersDataSource");
				HikariDataSource audit = context.getBean("auditDataSource", LazyConnectionDataSourceProxy.class)
					.unwrap(HikariDataSource.class);
				assertThat(orders.getPoolName()).isEqualTo("ordersDataSource");
				assertThat(orders.getConnectionTimeout()).isEqualTo(5000);
				assertThat(audit.getPoolName()).isEqualTo("audit");
				assertThat(audit.getConnectionTimeout()).isEqualTo(2000);
				assertThat(audit.getMaximumPoolSize()).isEqualTo(3);
				assertThat(context.getBean(PoolRegistry.class).pools()).extracting(ManagedPool::name)
					.containsExactly("audit", "ordersDataSource");
			});
	}

	@Test
	void micrometerHikariMetricsStillBindAndPoolEventsFlow() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourcePoolMetricsAutoConfiguration.class))
			.withUserConfiguration(MeterRegistryConfiguration.class, CountingListenerConfiguration.class)
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				try (Connection connection = dataSource.getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("hikaricp.connections.acquire").tag("pool", "dataSource").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("hikaricp.connections.usage").tag("pool", "dataSource").timer().count())
					.isEqualTo(1);
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.load().totals().acquisitions()).isEqualTo(1);
				assertThat(pool.load().totals().releases()).isEqualTo(1);
				assertThat(context.getBean(CountingListenerConfiguration.class).acquired).hasValue(1);
			});
	}

	@Test
	void userMetricsTrackerFactoryKeepsReceivingEvents() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PoolPilotAutoConfiguration.class))
			.withUserConfiguration(UserTrackerDataSource.class)
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(dataSource.getMetricsTrackerFactory()).isInstanceOf(PoolPilotMetricsTrackerFactory.class);
				try (Connection connection = dataSource.getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
				assertThat(UserTrackerDataSource.acquired).hasPositiveValue();
			});
	}

	@Test
	void userTunerReplacesTheDefault() {
		this.contextRunner
			.withBean("customTuner", HikariTuner.class,
					() -> new HikariTuner(TuningSettings.DEFAULTS, new DatabaseInspector(Duration.ofSeconds(1)),
							new PoolRegistry(), () -> null, List::of, Duration.ofMinutes(1)))
			.run((context) -> assertThat(context).getBeans(HikariTuner.class).containsOnlyKeys("customTuner"));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		HikariDataSource ordersDataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
			return dataSource;
		}

		@Bean
		LazyConnectionDataSourceProxy auditDataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl("jdbc:h2:mem:audit;DB_CLOSE_DELAY=-1");
			dataSource.setPoolName("audit");
			dataSource.setConnectionTimeout(2000);
			dataSource.setMaximumPoolSize(3);
			return new LazyConnectionDataSourceProxy(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingListenerConfiguration {

		final AtomicInteger acquired = new AtomicInteger();

		@Bean
		PoolEventListenerFactory countingListenerFactory() {
			return (pool) -> new PoolEventListener() {

				@Override
				public void acquired(long waitNanos) {
					CountingListenerConfiguration.this.acquired.incrementAndGet();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTrackerDataSource {

		static final AtomicInteger acquired = new AtomicInteger();

		@Bean
		HikariDataSource dataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl("jdbc:h2:mem:tracked;DB_CLOSE_DELAY=-1");
			MetricsTrackerFactory factory = (poolName, stats) -> new IMetricsTracker() {

				@Override
				public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
					acquired.incrementAndGet();
				}

			};
			dataSource.setMetricsTrackerFactory(factory);
			return dataSource;
		}

	}

}
