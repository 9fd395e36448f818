package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tuning against a real PostgreSQL 14 whose connection limit and idle session timeout are
 * set small.
 */
class PostgresTuningIntegrationTests {

	private static EmbeddedPostgresServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class));

	@BeforeAll
	static void startPostgres() throws SQLException {
		server = EmbeddedPostgresServer.start(
				Map.of("max_connections", "14", "superuser_reserved_connections", "3", "idle_session_timeout", "20s"));
		try (Connection connection = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
				Statement statement = connection.createStatement()) {
			statement.execute("create database lifetimes");
			statement.execute("alter database lifetimes set idle_session_timeout = '5min'");
		}
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void tunedValuesAreInEffectOnTheRunningPool() {
		this.contextRunner
			.withPropertyValues(datasource("lifetimes"), "spring.datasource.username=postgres",
					"poolpilot.tuning.connection-timeout=600ms", "poolpilot.tuning.database-cores=1")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				// HikariCP's formula for one core: 1 x 2 + 1
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(3);
				// retired 30 s before the server's 5 min idle timeout
				assertThat(dataSource.getMaxLifetime()).isEqualTo(270_000);
				List<Connection> held = new ArrayList<>();
				try {
					for (int i = 0; i < 3; i++) {
						held.add(dataSource.getConnection());
					}
					assertThat(backends("lifetimes")).isEqualTo(3);
					long start = System.nanoTime();
					assertThatExceptionOfType(SQLTransientConnectionException.class)
						.isThrownBy(dataSource::getConnection)
						.withMessageContaining("dataSource - Connection is not available, request timed out after 6");
					long waitedMillis = (System.nanoTime() - start) / 1_000_000;
					assertThat(waitedMillis).isBetween(550L, 5_000L);
				}
				finally {
					for (Connection connection : held) {
						connection.close();
					}
				}
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.load().totals().timeouts()).isEqualTo(1);
				assertThat(pool.load().totals().acquisitions()).isEqualTo(3);
				assertThat(pool.advice()).isEmpty();
			});
	}

	@Test
	void connectionBudgetCapsTheInitialSize() {
		this.contextRunner
			.withPropertyValues(datasource("postgres"), "spring.datasource.username=postgres",
					"spring.datasource.hikari.pool-name=budgeted", "spring.datasource.hikari.max-lifetime=60000",
					"poolpilot.tuning.expected-arrival-rate=1000", "poolpilot.tuning.expected-hold-time=100ms")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				DatabaseFacts facts = context.getBean(PoolRegistry.class).get("budgeted").databaseFacts();
				assertThat(facts.maxConnections()).isEqualTo(14);
				assertThat(facts.reservedConnections()).isEqualTo(3);
				// Little's law asks for 125; the server can take 14 - 3 reserved - other
				// clients
				int budget = 14 - 3 - facts.otherConnections();
				assertThat(facts.connectionBudget()).isEqualTo(budget);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(budget);
				List<Connection> held = new ArrayList<>();
				try {
					for (int i = 0; i < budget; i++) {
						held.add(dataSource.getConnection());
					}
					assertThat(dataSource.getHikariPoolMXBean().getTotalConnections()).isEqualTo(budget);
				}
				finally {
					for (Connection connection : held) {
						connection.close();
					}
				}
			});
	}

	@Test
	void serverIdleTimeoutBelowMaxLifetimeIsAdvised() {
		this.contextRunner
			.withPropertyValues(datasource("postgres"), "spring.datasource.username=postgres",
					"spring.datasource.hikari.max-lifetime=1800000")
			.run((context) -> {
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.databaseFacts().idleSessionTimeout()).hasSeconds(20);
				assertThat(pool.advice()).extracting(PoolAdvice::check)
					.containsExactly(Check.MAX_LIFETIME_ABOVE_SERVER_TIMEOUT);
				assertThat(pool.advice().get(0).message()).startsWith(
						"spring.datasource.hikari.max-lifetime (1800000 ms) is not below PostgreSQL's idle_session_timeout (20000 ms)");
			});
	}

	private static String datasource(String database) {
		return "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database;
	}

	private static int backends(String database) throws SQLException {
		try (Connection connection = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select count(*) from pg_stat_activity where datname = '" + database + "'")) {
			result.next();
			return result.getInt(1);
		}
	}

}
