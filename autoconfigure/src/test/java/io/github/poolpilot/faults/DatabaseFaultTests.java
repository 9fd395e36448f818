package io.github.poolpilot.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.actuate.PoolResizer;
import io.github.poolpilot.autoconfigure.GuardAutoConfiguration;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.autoconfigure.SizingAutoConfiguration;
import io.github.poolpilot.guard.GuardFindings;
import io.github.poolpilot.guard.StallDetector;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.testing.Recovery;
import io.github.poolpilot.testing.RestartablePostgres;
import io.github.poolpilot.testing.SizingWatch;
import io.github.poolpilot.testing.TransactionLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the database does to a pool, against a real PostgreSQL under load from worker
 * threads, with the sizing controller in auto mode: its backends killed, a restart, its
 * connection slots taken by another client, a shrink while every connection is busy, a
 * statement timeout. The controller must not mistake errors for load, nor stay shrunk,
 * and no lease may stay open. Each test prints one line of figures for the reliability
 * table ({@code docs/reliability.md}).
 */
class DatabaseFaultTests {

	private static final int POOL_SIZE = 4;

	// fewer closed-loop workers than connections: the load needs no growth, so a growth
	// would be the fault's
	private static final int WORKERS = 2;

	private static final String APPLICATION_NAME = "poolpilot-faults";

	private static RestartablePostgres server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				PoolPilotAutoConfiguration.class, SizingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.username=app", "spring.datasource.password=app",
				"spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE,
				"spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION_NAME,
				"poolpilot.tuning.connection-timeout=1s", "poolpilot.sizing.mode=auto", "poolpilot.sizing.max-size=8",
				"poolpilot.sizing.interval=200ms", "poolpilot.sizing.cooldown=400ms",
				// a pool backed off for a refusal asks for more again after the shrink
				// delay, which is longer than the refusals these tests watch
				"poolpilot.sizing.shrink-delay=6s");

	@BeforeAll
	static void startPostgres() throws SQLException {
		server = RestartablePostgres.start(Map.of("max_connections", "12", "superuser_reserved_connections", "3"));
		admin("create role app login password 'app'", "create role other login password 'other'",
				"grant pg_read_all_settings, pg_read_all_stats to app", "create table ledger (worker int, pid int)",
				"grant select, insert on ledger to app");
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void killedBackendsFailOnlyTransactionsInFlightAndThePoolHeals() {
		run((context, jdbc, transaction) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			SizingWatch sizing = new SizingWatch(context);
			try (TransactionLoad load = new TransactionLoad(WORKERS, transaction, () -> sleepInDatabase(jdbc, 5))) {
				load.awaitSuccesses(100, Duration.ofSeconds(10));
				sizing.settle();
				int before = dataSource.getMaximumPoolSize();
				int totalBefore = dataSource.getHikariPoolMXBean().getTotalConnections();
				long grownBefore = sizing.grown();
				int killed = admin(
						"select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '"
								+ APPLICATION_NAME + "'");
				long successesAtKill = load.successes();
				// whole again: the server counts as many of the application's sessions as
				// the pool holds connections,
				// and transactions flow
				long healedMillis = Recovery.awaitMillis("the pool heals",
						() -> appBackends() == dataSource.getHikariPoolMXBean().getTotalConnections()
								&& load.successes() > successesAtKill + 50);
				// a few more intervals in which the errors could have been mistaken for
				// load
				sizing.watch(1_000);
				load.close();
				int leaked = sizing.leases();
				System.out.printf(
						"fault=killed-backends killed=%d failed=%d healed_ms=%d size_before=%d size_max=%d "
								+ "grown=%d leaked_leases=%d%n",
						killed, load.failures(), healedMillis, before, sizing.largest(), sizing.grown() - grownBefore,
						leaked);
				assertThat(killed).isEqualTo(totalBefore);
				// each killed connection fails at most the one transaction that uses it
				// next
				assertThat(load.failures()).isBetween(0L, (long) before);
				assertThat(sizing.grown()).isEqualTo(grownBefore);
				assertThat(sizing.largest()).isLessThanOrEqualTo(before);
				assertThat(leaked).isZero();
			}
		});
	}

	@Test
	void restartedDatabaseNeverBlocksCallersBeyondTheTimeoutAndThePoolRecoversAlone() {
		run((context, jdbc, transaction) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			SizingWatch sizing = new SizingWatch(context);
			try (TransactionLoad load = new TransactionLoad(WORKERS, transaction, () -> sleepInDatabase(jdbc, 5))) {
				load.awaitSuccesses(100, Duration.ofSeconds(10));
				sizing.settle();
				int before = dataSource.getMaximumPoolSize();
				long grownBefore = sizing.grown();
				server.stop();
				long stoppedAt = System.nanoTime();
				sizing.watch(5_000);
				long failuresDuringOutage = load.failures();
				long grownDuringOutage = sizing.grown() - grownBefore;
				int smallest = sizing.smallest();
				server.start();
				long restartedAt = System.nanoTime();
				long recoveredMillis = Recovery.awaitMillis("a transaction succeeds after the restart",
						() -> load.lastSuccessNanos() > restartedAt);
				// the controller may have backed off while no connection could be opened;
				// it must not stay below what the load holds at once (how far it grows
				// back beyond that depends on the load it measures again), and
				// transactions flow again
				int needed = Math.min(before, WORKERS);
				long successesAtRestart = load.successes();
				long resizedMillis = Recovery.awaitMillis("the pool grows back to serve every worker",
						() -> dataSource.getMaximumPoolSize() >= needed && load.successes() > successesAtRestart + 100);
				load.close();
				int leaked = sizing.leases();
				System.out.printf("fault=restart outage_ms=%d failed=%d slowest_failure_ms=%d recovered_ms=%d "
						+ "size_before=%d size_max_during=%d size_min_during=%d grown_during=%d size_restored_ms=%d "
						+ "leaked_leases=%d%n", (restartedAt - stoppedAt) / 1_000_000, failuresDuringOutage,
						load.slowestFailureMillis(), recoveredMillis, before, sizing.largest(), smallest,
						grownDuringOutage, resizedMillis, leaked);
				assertThat(failuresDuringOutage).isPositive();
				// connectionTimeout is 1 s; a failure may also surface from a socket the
				// server closed
				assertThat(load.slowestFailureMillis()).isLessThan(2_500);
				assertThat(grownDuringOutage).isZero();
				assertThat(sizing.largest()).isLessThanOrEqualTo(before);
				assertThat(leaked).isZero();
			}
		});
	}

	@Test
	void slotsTakenByAnotherClientAreReportedAndThePoolResumesWhenFreed() throws SQLException {
		List<Connection> hog = new ArrayList<>();
		try {
			// take every slot that is not reserved for superusers
			takeFreeSlots(hog);
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
				release(held);
				long resumedMillis = Recovery.awaitMillis("a transaction succeeds once the slots are freed", () -> {
					try {
						transaction.executeWithoutResult((status) -> sleepInDatabase(jdbc, 1));
						return true;
					}
					catch (CannotCreateTransactionException ex) {
						return false;
					}
				});
				System.out.printf("fault=slots-exhausted-at-start failed_after_ms=%d resumed_ms=%d%n",
						failedAfterMillis, resumedMillis);
				assertThat(failedAfterMillis).isLessThan(2_500);
			});
		}
		finally {
			release(hog);
		}
	}

	@Test
	void slotsTakenWhileThePoolRunsMakeTheControllerBackOffAndNotGrow() throws SQLException {
		List<Connection> hog = new ArrayList<>();
		try {
			run((context, jdbc, transaction) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				SizingWatch sizing = new SizingWatch(context);
				try (TransactionLoad load = new TransactionLoad(POOL_SIZE, transaction,
						() -> sleepInDatabase(jdbc, 5))) {
					load.awaitSuccesses(100, Duration.ofSeconds(10));
					sizing.settle();
					int before = dataSource.getMaximumPoolSize();
					long grownBefore = sizing.grown();
					takeFreeSlots(hog);
					// the pool's sessions end (as at maxLifetime or a failover) and the
					// other client takes their slots
					admin("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '"
							+ APPLICATION_NAME + "'");
					long deadline = System.nanoTime() + 2_000_000_000L;
					while (System.nanoTime() < deadline) {
						takeFreeSlots(hog);
					}
					long failuresBefore = load.failures();
					long backedOffMillis = Recovery.awaitMillis("the controller backs off",
							() -> dataSource.getMaximumPoolSize() < before);
					sizing.watch(2_000);
					int poolHeld = dataSource.getHikariPoolMXBean().getTotalConnections();
					long failedWhileExhausted = load.failures() - failuresBefore;
					long grownWhileExhausted = sizing.grown() - grownBefore;
					String reason = sizing.lastReason();
					release(hog);
					long restoredMillis = Recovery.awaitMillis("the pool's size and its transactions are restored",
							() -> dataSource.getMaximumPoolSize() >= before
									&& load.lastSuccessNanos() > System.nanoTime() - 100_000_000L);
					load.close();
					System.out.printf("fault=slots-exhausted size_before=%d pool_held=%d backed_off_ms=%d size_min=%d "
							+ "size_max=%d grown=%d failed=%d slowest_failure_ms=%d restored_ms=%d leaked_leases=%d "
							+ "reason=\"%s\"%n", before, poolHeld, backedOffMillis, sizing.smallest(), sizing.largest(),
							grownWhileExhausted, failedWhileExhausted, load.slowestFailureMillis(), restoredMillis,
							sizing.leases(), reason);
					assertThat(sizing.largest()).isLessThan(before);
					assertThat(grownWhileExhausted).isZero();
					assertThat(load.slowestFailureMillis()).isLessThan(2_500);
					assertThat(sizing.leases()).isZero();
				}
			});
		}
		finally {
			release(hog);
		}
	}

	private static void takeFreeSlots(List<Connection> hog) {
		while (true) {
			try {
				hog.add(DriverManager.getConnection(server.jdbcUrl(), "other", "other"));
			}
			catch (SQLException ex) {
				assertThat(ex.getSQLState()).isEqualTo("53300");
				return;
			}
		}
	}

	private static void release(List<Connection> hog) throws SQLException {
		for (Connection connection : hog) {
			connection.close();
		}
		hog.clear();
	}

	@Test
	void shrinkWhileEveryConnectionIsBusyClosesNoneInUseAndEveryTransactionCommits() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(), "poolpilot.sizing.enabled=false")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				CountDownLatch allBusy = new CountDownLatch(POOL_SIZE);
				CountDownLatch shrunk = new CountDownLatch(1);
				List<CompletableFuture<Boolean>> workers = new ArrayList<>();
				for (int i = 0; i < POOL_SIZE; i++) {
					int worker = i;
					workers.add(CompletableFuture.supplyAsync(() -> transaction.execute((status) -> {
						int pid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
						jdbc.update("insert into ledger values (?, ?)", worker, pid);
						allBusy.countDown();
						try {
							shrunk.await(10, TimeUnit.SECONDS);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						// still a transaction in progress on the same server process
						// after the shrink
						sleepInDatabase(jdbc, 300);
						return jdbc.queryForObject("select pg_backend_pid()", Integer.class) == pid;
					}), Executors.newSingleThreadExecutor()));
				}
				assertThat(allBusy.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(dataSource.getHikariPoolMXBean().getActiveConnections()).isEqualTo(POOL_SIZE);
				new PoolResizer().change(pool, 2, 2, true);
				shrunk.countDown();
				long start = System.nanoTime();
				List<Boolean> samePid = new ArrayList<>();
				for (CompletableFuture<Boolean> worker : workers) {
					samePid.add(worker.get(10, TimeUnit.SECONDS));
				}
				long committed = admin("select count(*) from ledger");
				long settledMillis = Recovery.awaitMillis("the pool and the server hold at most 2 connections",
						() -> appBackends() <= 2 && dataSource.getHikariPoolMXBean().getTotalConnections() <= 2);
				System.out.printf(
						"fault=shrink-while-busy in_use=%d shrunk_to=2 committed=%d same_backend=%d "
								+ "settled_ms=%d%n",
						POOL_SIZE, committed, samePid.stream().filter(Boolean::booleanValue).count(),
						settledMillis + (System.nanoTime() - start) / 1_000_000);
				assertThat(samePid).containsOnly(true).hasSize(POOL_SIZE);
				assertThat(committed).isEqualTo(POOL_SIZE);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(2);
			});
	}

	@Test
	void statementTimeoutDoesNotEvictTheConnectionNorLookLikeARemoteCall() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(GuardAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(),
					"spring.datasource.hikari.connection-init-sql=set statement_timeout = 400",
					"poolpilot.guard.stall-detection.threshold=100ms", "poolpilot.guard.stall-detection.interval=20ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				jdbc.queryForObject("select 1", Integer.class);
				// let HikariCP fill the fixed-size pool first, so that every later
				// connection would be a replacement
				Recovery.awaitMillis("the pool is full",
						() -> dataSource.getHikariPoolMXBean().getTotalConnections() == POOL_SIZE);
				long created = pool.load().connectionsCreated();
				int total = dataSource.getHikariPoolMXBean().getTotalConnections();
				for (int i = 0; i < 3; i++) {
					// each statement runs 400 ms inside a transaction, four times the
					// stall threshold
					assertThatExceptionOfType(DataAccessException.class)
						.isThrownBy(() -> transaction.executeWithoutResult((status) -> sleepInDatabase(jdbc, 2_000)))
						.withMessageContaining("statement timeout");
				}
				assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
				long violations = context.getBean(GuardFindings.class).violationCount();
				System.out.printf(
						"fault=statement-timeout timeouts=3 connections_created_after=%d guard_violations=%d%n",
						pool.load().connectionsCreated() - created, violations);
				assertThat(pool.load().connectionsCreated()).isEqualTo(created);
				assertThat(dataSource.getHikariPoolMXBean().getTotalConnections()).isEqualTo(total);
				// the detector sampled the thread all along and saw no remote call
				assertThat(context.getBean(StallDetector.class).isRunning()).isTrue();
				assertThat(violations).isZero();
			});
	}

	private void run(PoolTest test) {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			test.run(context, context.getBean(JdbcTemplate.class), transaction);
		});
	}

	private static void sleepInDatabase(JdbcTemplate jdbc, int millis) {
		jdbc.queryForObject("select 1 from pg_sleep(" + (millis / 1000.0) + ")", Integer.class);
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

		void run(ApplicationContext context, JdbcTemplate jdbc, TransactionTemplate transaction) throws Exception;

	}

}
