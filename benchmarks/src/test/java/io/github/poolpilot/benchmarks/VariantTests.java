package io.github.poolpilot.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.benchmarks.jdbc.StubConnection;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Variant}: every pool under test starts on the stub driver and runs
 * both cycles, and Pool Pilot's is on the acquire and release path. No JMH here: the
 * benchmarks themselves never run in the build.
 */
class VariantTests {

	@ParameterizedTest
	@EnumSource(Variant.class)
	void poolStartsOnTheStubDriverAndRunsBothCycles(Variant variant) throws Exception {
		try (PoolUnderTest pool = variant.open()) {
			pool.fill();
			try (Connection connection = pool.dataSource().getConnection()) {
				assertThat(connection.isWrapperFor(StubConnection.class)).isTrue();
				try (PreparedStatement statement = connection.prepareStatement(StatementBench.SQL)) {
					assertThat(statement.execute()).isFalse();
				}
			}
			assertThat(pool.pool().getHikariPoolMXBean().getTotalConnections()).isEqualTo(Variant.POOL_SIZE);
			assertThat(pool.pool().getMaximumPoolSize()).isEqualTo(Variant.POOL_SIZE);
		}
	}

	@Test
	void poolPilotApplicationSeesEveryAcquisition() throws Exception {
		try (ConfigurableApplicationContext context = PoolPilotApplication.start(Variant.poolPilotProperties(), true)) {
			DataSource dataSource = context.getBean(DataSource.class);
			HikariDataSource pool = PoolPilotApplication.hikari(dataSource);
			for (int i = 0; i < 10; i++) {
				dataSource.getConnection().close();
			}
			ManagedPool managed = context.getBean(PoolRegistry.class).get(pool.getPoolName());
			assertThat(managed).isNotNull();
			assertThat(managed.load().totals().acquisitions()).isEqualTo(10);
			assertThat(context.getBean(MeterRegistry.class).get("hikaricp.connections.acquire").timer().count())
				.isEqualTo(10);
		}
	}

}
