package io.github.poolpilot.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.testing.RestartablePostgres;
import io.github.poolpilot.testing.TransactionLoad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the database does to a pool, against a real PostgreSQL under load from worker threads: its backends
 * killed, a restart, its connection slots taken by another client, a statement timeout. Each test prints one
 * line of figures for the README's reliability table.
 */
class DatabaseFaultTests {

	private static final int POOL_SIZE = 4;

	private static final String APPLICATION_NAME = "poolpilot-faults";

	private static RestartablePostgres server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, PoolPilotAutoConfiguration.class))
		.withPropertyValues("spring.datasource.username=app", "spring.datasource.password=app",
				"spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE,
				"spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME,
				"poolpilot.tuning.connection-timeout=1s");

	@BeforeAll
	static void startPostgres() throws SQLException {
		server = RestartablePostgres.start(Map.of("max_connections", "12", "superuser_reserved_connections", "3"));
		admin("create role app login password 'app'", "create role other login password 'other'",
				"grant pg_read_all_settings, pg_read_all_stats to app");
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void killedBackendsFailOnlyTransactionsInFlightAndThePoolHeals() {
		run((context, jdbc, transaction) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			try (TransactionLoad load = new TransactionLoad(POOL_SIZE, transaction, () -> sleepInDatabase(jdbc, 5))) {
				assertThat(load.awaitSuccesses(100, 10_000)).isTrue();
				int killed = admin("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '"
						+ APPLICATION_NAME + "'");
				long killedAt = System.nanoTime();
				long successesAtKill = load.successes();
				long healedMillis = awaitMillis(() -> (appBackends() == POOL_SIZE
						&& load.successes() > successesAtKill + 50) ? 1 : 0, 10_000);
				System.out.printf("fault=killed-backends killed=%d failed=%d healed_ms=%d%n", killed, load.failures(),
						healedMillis);
				assertThat(killed).isEqualTo(POOL_SIZE);
				// each killed connection fails at most the one transaction that uses it next
				assertThat(load.failures()).isBetween(0L, (long) POOL_SIZE);
				assertThat(healedMillis).isBetween(0L, 5_000L);
				assertThat(dataSource.getHikariPoolMXBean().getTotalConnections()).isEqualTo(POOL_SIZE);
			}
		});
	}

	@Test
	void restartedDatabaseNeverBlocksCallersBeyondTheTimeoutAndThePoolRecoversAlone() {
		run((context, jdbc, transaction) -> {
			try (TransactionLoad load = new TransactionLoad(POOL_SIZE, transaction, () -> sleepInDatabase(jdbc, 5))) {
				assertThat(load.awaitSuccesses(100, 10_000)).isTrue();
				server.stop();
				long stoppedAt = System.nanoTime();
				Thread.sleep(5_000);
				long failuresDuringOutage = load.failures();
				server.start();
				long restartedAt = System.nanoTime();
				long recoveredMillis = awaitMillis(() -> (load.lastSuccessNanos() > restartedAt) ? 1 : 0, 15_000);
				System.out.printf("fault=restart outage_ms=%d failed=%d slowest_failure_ms=%d recovered_ms=%d%n",
						(restartedAt - stoppedAt) / 1_000_000, failuresDuringOutage, load.slowestFailureMillis(),
						recoveredMillis);
				assertThat(failuresDuringOutage).isPositive();
				// connectionTimeout is 1 s; a failure may also surface from a socket the server closed
				assertThat(load.slowestFailureMillis()).isLessThan(2_500);
				assertThat(recoveredMillis).isBetween(0L, 10_000L);
			}
		});
	}

	@Test
	void slotsTakenByAnotherClientAreReportedAndThePoolResumesWhenFreed() throws SQLException {
		List<Connection> hog = new ArrayList<>();
		try {
			// take every slot that is not reserved for superusers
			while (true) {
				try {
					hog.add(DriverManager.getConnection(server.jdbcUrl(), "other", "other"));
				}
				catch (SQLException ex) {
					assertThat(ex.getSQLState()).isEqualTo("53300");
					break;
				}
			}
			List<Connection> held = hog;
			run((context, jdbc, transaction) -> {
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.advice()).extracting(PoolAdvice::check).contains(Check.DATABASE_UNREADABLE);
				assertThat(pool.databaseFacts().problem()).contains("connection slots are reserved");
				long start = System.nanoTime();
				assertThatExceptionOfType(CannotCreateTransactionException.class)
					.isThrownBy(() -> transaction.executeWithoutResult((status) -> sleepInDatabase(jdbc, 1)))
					.withMessage("Could not open JDBC Connection for transaction");
				long failedAfterMillis = (System.nanoTime() - start) / 1_000_000;
				for (Connection connection : held) {
					connection.close();
				}
				held.clear();
				long resumedMillis = awaitMillis(() -> {
					try {
						transaction.executeWithoutResult((status) -> sleepInDatabase(jdbc, 1));
						return 1;
					}
					catch (CannotCreateTransactionException ex) {
						return 0;
					}
				}, 10_000);
				System.out.printf("fault=slots-exhausted failed_after_ms=%d resumed_ms=%d%n", failedAfterMillis,
						resumedMillis);
				assertThat(failedAfterMillis).isLessThan(2_500);
				assertThat(resumedMillis).isBetween(0L, 5_000L);
			});
		}
		finally {
			for (Connection connection : hog) {
				connection.close();
			}
		}
	}

	@Test
	void statementTimeoutDoesNotEvictTheConnection() {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(),
				"spring.datasource.hikari.connection-init-sql=set statement_timeout = 200")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				jdbc.queryForObject("select 1", Integer.class);
				// let HikariCP fill the fixed-size pool first, so that every later connection would be a replacement
				assertThat(awaitMillis(() -> (dataSource.getHikariPoolMXBean().getTotalConnections() == POOL_SIZE) ? 1 : 0,
						10_000)).isNotNegative();
				long created = pool.load().connectionsCreated();
				int total = dataSource.getHikariPoolMXBean().getTotalConnections();
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> sleepInDatabase(jdbc, 1_000))
						.withMessageContaining("statement timeout");
				}
				assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
				System.out.printf("fault=statement-timeout timeouts=3 connections_created_after=%d%n",
						pool.load().connectionsCreated() - created);
				assertThat(pool.load().connectionsCreated()).isEqualTo(created);
				assertThat(dataSource.getHikariPoolMXBean().getTotalConnections()).isEqualTo(total);
			});
	}

	private void run(PoolTest test) {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			test.run(context, context.getBean(JdbcTemplate.class), transaction);
		});
	}

	private static void sleepInDatabase(JdbcTemplate jdbc, int millis) {
		jdbc.queryForObject("select 1 from pg_sleep(" + (millis / 1000.0) + ")", Integer.class);
	}

	private static long awaitMillis(IntSupplier condition, long timeoutMillis) throws InterruptedException {
		long start = System.nanoTime();
		while (condition.getAsInt() == 0) {
			if ((System.nanoTime() - start) / 1_000_000 > timeoutMillis) {
				return -1;
			}
			Thread.sleep(20);
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static int appBackends() {
		try {
			return admin("select count(*) from pg_stat_activity where application_name = '" + APPLICATION_NAME + "'");
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private static int admin(String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			int last = 0;
			for (String sql : statements) {
				if (statement.execute(sql)) {
					try (ResultSet result = statement.getResultSet()) {
						result.next();
						last = result.getInt(1);
					}
				}
			}
			return last;
		}
	}

	@FunctionalInterface
	interface PoolTest {

		void run(org.springframework.context.ApplicationContext context, JdbcTemplate jdbc,
				TransactionTemplate transaction) throws Exception;

	}

}
