package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.github.poolpilot.guard.ConnectionGuard;
import io.github.poolpilot.guard.RemoteCall;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolPilotMetricsTrackerFactory;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pool Pilot keeps working when another agent wraps the pool's
 * {@link MetricsTrackerFactory} after Pool Pilot installed its own, as the OpenTelemetry
 * Java agent does with HikariCP's: a factory that forwards to whatever was set.
 */
class WrappedMetricsTrackerFactoryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class,
				PoolPilotAutoConfiguration.class, GuardAutoConfiguration.class, PoolMetricsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:wrapped-tracker;DB_CLOSE_DELAY=-1")
		.withUserConfiguration(AgentConfiguration.class);

	@Test
	void poolPilotSeesEveryEventThroughAWrappingFactory() {
		this.contextRunner.run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getMetricsTrackerFactory()).isInstanceOf(AgentFactory.class);
			AgentFactory agent = (AgentFactory) dataSource.getMetricsTrackerFactory();
			assertThat(agent.delegate).isInstanceOf(PoolPilotMetricsTrackerFactory.class);
			ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
			LeaseRegistry leases = context.getBean(LeaseRegistry.class);
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
				assertThat(leases.leases(pool)).singleElement()
					.satisfies((lease) -> assertThat(lease.thread()).isEqualTo(Thread.currentThread().getName()));
			}
			assertThat(leases.leases(pool)).isEmpty();
			assertThat(agent.acquired).hasPositiveValue();
			assertThat(agent.released).hasPositiveValue();
			assertThat(pool.load().totals().acquisitions()).isEqualTo(agent.acquired.get());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("hikaricp.connections.acquire").tag("pool", "dataSource").timer().count())
				.isEqualTo(agent.acquired.get());
		});
	}

	@Test
	void theGuardStillSeesTheHeldConnection() {
		this.contextRunner.run((context) -> {
			ConnectionGuard guard = context.getBean(ConnectionGuard.class);
			JdbcTemplate jdbcTemplate = context.getBean(JdbcTemplate.class);
			new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
				.executeWithoutResult((status) -> {
					jdbcTemplate.queryForObject("select 1", Integer.class);
					guard.check(RemoteCall.http("POST", "http://ci.example:8080/job/build", "direct"));
				});
			assertThat(guard.findings().recentViolations()).singleElement()
				.satisfies((violation) -> assertThat(violation.pool()).isEqualTo("dataSource"));
			assertThat(context.getBean(MeterRegistry.class)
				.get("poolpilot.guard.violations")
				.tag("pool", "dataSource")
				.tag("kind", "http")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class AgentConfiguration {

		@Bean
		static BeanPostProcessor agentWrapsTrackerFactory() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof HikariDataSource dataSource && dataSource.getMetricsTrackerFactory() != null) {
						dataSource.setMetricsTrackerFactory(new AgentFactory(dataSource.getMetricsTrackerFactory()));
					}
					return bean;
				}

			};
		}

	}

	/**
	 * Counts events and forwards them, like an observability agent's factory.
	 */
	static final class AgentFactory implements MetricsTrackerFactory {

		private final MetricsTrackerFactory delegate;

		private final AtomicInteger acquired = new AtomicInteger();

		private final AtomicInteger released = new AtomicInteger();

		AgentFactory(MetricsTrackerFactory delegate) {
			this.delegate = delegate;
		}

		@Override
		public IMetricsTracker create(String poolName, PoolStats poolStats) {
			IMetricsTracker tracker = this.delegate.create(poolName, poolStats);
			return new IMetricsTracker() {

				@Override
				public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
					AgentFactory.this.acquired.incrementAndGet();
					tracker.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
				}

				@Override
				public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
					AgentFactory.this.released.incrementAndGet();
					tracker.recordConnectionUsageMillis(elapsedBorrowedMillis);
				}

				@Override
				public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
					tracker.recordConnectionCreatedMillis(connectionCreatedMillis);
				}

				@Override
				public void recordConnectionTimeout() {
					tracker.recordConnectionTimeout();
				}

				@Override
				public void close() {
					tracker.close();
				}

			};
		}

	}

}
