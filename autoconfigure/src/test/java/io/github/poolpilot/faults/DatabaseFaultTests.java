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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.github.poolpilot.testing.RestartablePostgres;
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
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

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

	private static final Duration POLL = Duration.ofMillis(20);

	private static final Duration RECOVERY = Duration.ofSeconds(30);

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
				"poolpilot.sizing.shrink-delay=3s");

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
			Sizing sizing = new Sizing(context);
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
				long healedMillis = awaitMillis("the pool heals",
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
						killed, load.failures(), healedMillis, before, sizing.largest, sizing.grown() - grownBefore,
						leaked);
				assertThat(killed).isEqualTo(totalBefore);
				// each killed connection fails at most the one transaction that uses it
				// next
				assertThat(load.failures()).isBetween(0L, (long) before);
				assertThat(sizing.grown()).isEqualTo(grownBefore);
				assertThat(sizing.largest).isLessThanOrEqualTo(before);
				assertThat(leaked).isZero();
			}
		});
	}

	@Test
	void restartedDatabaseNeverBlocksCallersBeyondTheTimeoutAndThePoolRecoversAlone() {
		run((context, jdbc, transaction) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			Sizing sizing = new Sizing(context);
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
				int smallest = sizing.smallest;
				server.start();
				long restartedAt = System.nanoTime();
				long recoveredMillis = awaitMillis("a transaction succeeds after the restart",
						() -> load.lastSuccessNanos() > restartedAt);
				// the controller may have backed off while no connection could be opened;
				// it must not stay there
				long resizedMillis = awaitMillis("the pool's size is restored",
						() -> dataSource.getMaximumPoolSize() >= before);
				load.close();
				int leaked = sizing.leases();
				System.out.printf("fault=restart outage_ms=%d failed=%d slowest_failure_ms=%d recovered_ms=%d "
						+ "size_before=%d size_max_during=%d size_min_during=%d grown_during=%d size_restored_ms=%d "
						+ "leaked_leases=%d%n", (restartedAt - stoppedAt) / 1_000_000, failuresDuringOutage,
						load.slowestFailureMillis(), recoveredMillis, before, sizing.largest, smallest,
						grownDuringOutage, resizedMillis, leaked);
				assertThat(failuresDuringOutage).isPositive();
				// connectionTimeout is 1 s; a failure may also surface from a socket the
				// server closed
				assertThat(load.slowestFailureMillis()).isLessThan(2_500);
				assertThat(grownDuringOutage).isZero();
				assertThat(sizing.largest).isLessThanOrEqualTo(before);
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
				long resumedMillis = awaitMillis("a transaction succeeds once the slots are freed", () -> {
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
				Sizing sizing = new Sizing(context);
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
					long backedOffMillis = awaitMillis("the controller backs off",
							() -> dataSource.getMaximumPoolSize() < before);
					sizing.watch(2_000);
					int poolHeld = dataSource.getHikariPoolMXBean().getTotalConnections();
					long failedWhileExhausted = load.failures() - failuresBefore;
					long grownWhileExhausted = sizing.grown() - grownBefore;
					String reason = sizing.lastReason();
					release(hog);
					long restoredMillis = awaitMillis("the pool's size and its transactions are restored",
							() -> dataSource.getMaximumPoolSize() >= before
									&& load.lastSuccessNanos() > System.nanoTime() - 100_000_000L);
					load.close();
					System.out.printf("fault=slots-exhausted size_before=%d pool_held=%d backed_off_ms=%d size_min=%d "
							+ "size_max=%d grown=%d failed=%d slowest_failure_ms=%d restored_ms=%d leaked_leases=%d "
							+ "reason=\"%s\"%n", before, poolHeld, backedOffMillis, sizing.smallest, sizing.largest,
							grownWhileExhausted, failedWhileExhausted, load.slowestFailureMillis(), restoredMillis,
							sizing.leases(), reason);
					assertThat(sizing.largest).isLessThan(before);
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
				long settledMillis = awaitMillis("the pool and the server hold at most 2 connections",
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
				awaitMillis("the pool is full",
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

	/**
	 * Wait for a condition that a correct pool reaches by itself, failing the test if it
	 * does not within {@link #RECOVERY}. How long it took is printed, not asserted: on a
	 * loaded machine it is the machine's figure as much as the pool's.
	 * @return the milliseconds it took, for the printed report
	 */
	private static long awaitMillis(String what, Callable<Boolean> condition) {
		long start = System.nanoTime();
		await(what).atMost(RECOVERY).pollInterval(POLL).until(condition);
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

	/**
	 * Watches the sizing controller and the lease registry of the application's pool.
	 */
	private static final class Sizing {

		private final HikariDataSource dataSource;

		private final ManagedPool pool;

		private final SizingController controller;

		private final LeaseRegistry leases;

		private int largest;

		private int smallest = Integer.MAX_VALUE;

		Sizing(org.springframework.context.ApplicationContext context) {
			this.dataSource = context.getBean(HikariDataSource.class);
			this.pool = context.getBean(PoolRegistry.class).get("dataSource");
			this.controller = context.getBean(SizingController.class);
			this.leases = context.getBean(LeaseRegistry.class);
		}

		/**
		 * Wait until the controller has made its first decisions and the size held for a
		 * second.
		 */
		void settle() {
			AtomicInteger size = new AtomicInteger(-1);
			AtomicLong stableSince = new AtomicLong(System.nanoTime());
			long deadline = stableSince.get() + Duration.ofSeconds(15).toNanos();
			await("the controller's first decisions").atMost(Duration.ofSeconds(20)).pollInterval(POLL).until(() -> {
				int now = this.dataSource.getMaximumPoolSize();
				if (size.getAndSet(now) != now) {
					stableSince.set(System.nanoTime());
				}
				boolean stable = System.nanoTime() - stableSince.get() >= Duration.ofSeconds(1).toNanos();
				return this.controller.state(this.pool.name()) != null && (stable || System.nanoTime() - deadline >= 0);
			});
			this.largest = 0;
			this.smallest = Integer.MAX_VALUE;
		}

		/**
		 * Record the smallest and largest size for a while.
		 */
		void watch(long millis) {
			await().during(Duration.ofMillis(millis))
				.atMost(Duration.ofMillis(millis).plusSeconds(10))
				.pollInterval(POLL)
				.until(() -> {
					this.largest = Math.max(this.largest, this.dataSource.getMaximumPoolSize());
					this.smallest = Math.min(this.smallest, this.dataSource.getMaximumPoolSize());
					return true;
				});
		}

		long grown() {
			return this.controller.decisions(this.pool.name(), Direction.GROW);
		}

		String lastReason() {
			List<io.github.poolpilot.sizing.SizingEvent> changes = this.controller.state(this.pool.name())
				.recentChanges();
			return changes.isEmpty() ? "" : changes.get(changes.size() - 1).reason();
		}

		/**
		 * Return the connections the lease registry still lists once the load has
		 * stopped: any is a lease that never ended.
		 */
		int leases() {
			// a worker that ended with a lease open is counted there, not listed
			return this.leases.leases(this.pool).size() + (int) this.leases.leakedByEndedThreads();
		}

	}

	@FunctionalInterface
	interface PoolTest {

		void run(org.springframework.context.ApplicationContext context, JdbcTemplate jdbc,
				TransactionTemplate transaction) throws Exception;

	}

}
