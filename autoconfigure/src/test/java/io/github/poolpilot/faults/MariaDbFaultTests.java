package io.github.poolpilot.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.autoconfigure.SizingAutoConfiguration;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.testing.EnabledWithMariaDb;
import io.github.poolpilot.testing.MariaDbServer;
import io.github.poolpilot.testing.Recovery;
import io.github.poolpilot.testing.SizingWatch;
import io.github.poolpilot.testing.TransactionLoad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real MariaDB does to a pool under load from worker threads, with the sizing
 * controller in auto mode, with the promises of {@link DatabaseFaultTests}: every pooled
 * connection killed, a restart, {@code max_connections} reached (error 1040) while the
 * pool runs, and a {@code wait_timeout} shorter than {@code maxLifetime}. Each test
 * prints one line of figures for the reliability table ({@code docs/mariadb.md}).
 */
@EnabledWithMariaDb
class MariaDbFaultTests {

	private static final int POOL_SIZE = 4;

	private static final int WORKERS = 2;

	private static final String APP_SESSIONS = "select count(*) from information_schema.processlist where user = 'app'";

	private static MariaDbServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				PoolPilotAutoConfiguration.class, SizingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.hikari.maximum-pool-size=" + POOL_SIZE,
				"poolpilot.tuning.connection-timeout=1s", "poolpilot.sizing.mode=auto", "poolpilot.sizing.max-size=8",
				"poolpilot.sizing.interval=200ms", "poolpilot.sizing.cooldown=400ms",
				// a pool backed off for a refusal asks for more again after the shrink
				// delay, which is longer than the refusals these tests watch
				"poolpilot.sizing.shrink-delay=6s");

	@BeforeAll
	static void startMariaDb() {
		server = MariaDbServer.shared();
	}

	@AfterEach
	void restoreSettings() {
		server.start();
		server.admin("set global max_connections = 151", "set global wait_timeout = 28800");
	}

	@Test
	void killedConnectionsFailOnlyTransactionsInFlightAndThePoolHeals() {
		run((context, jdbc, transaction) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			SizingWatch sizing = new SizingWatch(context);
			try (TransactionLoad load = new TransactionLoad(WORKERS, transaction, () -> sleepInDatabase(jdbc, 5))) {
				load.awaitSuccesses(100, Duration.ofSeconds(10));
				sizing.settle();
				int before = dataSource.getMaximumPoolSize();
				int totalBefore = dataSource.getHikariPoolMXBean().getTotalConnections();
				long grownBefore = sizing.grown();
				int killed = killAppSessions();
				long successesAtKill = load.successes();
				long healedMillis = Recovery.awaitMillis("the pool heals",
						() -> appSessions() == dataSource.getHikariPoolMXBean().getTotalConnections()
								&& load.successes() > successesAtKill + 50);
				sizing.watch(1_000);
				load.close();
				int leaked = sizing.leases();
				System.out.printf(
						"fault=mariadb-killed-connections killed=%d failed=%d healed_ms=%d size_before=%d "
								+ "size_max=%d grown=%d leaked_leases=%d failures=%s%n",
						killed, load.failures(), healedMillis, before, sizing.largest(), sizing.grown() - grownBefore,
						leaked, load.failureKinds());
				assertThat(killed).isEqualTo(totalBefore);
				assertThat(load.failures()).isBetween(0L, (long) before);
				assertThat(healedMillis).isBetween(0L, 5_000L);
				assertThat(sizing.grown()).isEqualTo(grownBefore);
				assertThat(sizing.largest()).isLessThanOrEqualTo(before);
				assertThat(leaked).isZero();
			}
		});
	}

	@Test
	void restartNeverBlocksCallersBeyondTheTimeoutAndThePoolRecoversAlone() {
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
				sizing.watch(3_000);
				long failuresDuringOutage = load.failures();
				long grownDuringOutage = sizing.grown() - grownBefore;
				server.start();
				long restartedAt = System.nanoTime();
				long recoveredMillis = Recovery.awaitMillis("a transaction succeeds after the restart",
						() -> load.lastSuccessNanos() > restartedAt);
				// the controller backed off while no connection could be opened; it must
				// not stay there (how far it grows back depends on the load it now
				// measures)
				int backedOffTo = sizing.smallest();
				long resizedMillis = Recovery.awaitMillis("the pool grows again after backing off",
						() -> backedOffTo >= before || dataSource.getMaximumPoolSize() > backedOffTo);
				load.close();
				int leaked = sizing.leases();
				System.out.printf("fault=mariadb-restart outage_ms=%d failed=%d slowest_failure_ms=%d "
						+ "recovered_ms=%d size_before=%d size_max_during=%d size_min_during=%d grown_during=%d "
						+ "regrown_ms=%d size_after=%d leaked_leases=%d%n", (restartedAt - stoppedAt) / 1_000_000,
						failuresDuringOutage, load.slowestFailureMillis(), recoveredMillis, before, sizing.largest(),
						backedOffTo, grownDuringOutage, resizedMillis, dataSource.getMaximumPoolSize(), leaked);
				assertThat(failuresDuringOutage).isPositive();
				// connectionTimeout is 1 s
				assertThat(load.slowestFailureMillis()).isLessThan(2_500);
				assertThat(recoveredMillis).isBetween(0L, 5_000L);
				assertThat(grownDuringOutage).isZero();
				assertThat(sizing.largest()).isLessThanOrEqualTo(before);
				assertThat(resizedMillis).isBetween(0L, 10_000L);
				assertThat(leaked).isZero();
			}
		});
	}

	@Test
	void tooManyConnectionsWhileThePoolRunsMakeTheControllerBackOffAndNotGrow() throws SQLException {
		server.admin("set global max_connections = 12");
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
					int refusedCode = takeFreeSlots(hog);
					// the pool's sessions end (as at wait_timeout or a failover) and the
					// other client takes their slots
					killAppSessions();
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
					System.out.printf("fault=mariadb-too-many-connections error=%d size_before=%d pool_held=%d "
							+ "backed_off_ms=%d size_min=%d size_max=%d grown=%d failed=%d slowest_failure_ms=%d "
							+ "restored_ms=%d leaked_leases=%d reason=\"%s\"%n", refusedCode, before, poolHeld,
							backedOffMillis, sizing.smallest(), sizing.largest(), grownWhileExhausted,
							failedWhileExhausted, load.slowestFailureMillis(), restoredMillis, sizing.leases(), reason);
					assertThat(refusedCode).isEqualTo(1040);
					assertThat(backedOffMillis).isBetween(0L, 10_000L);
					assertThat(sizing.largest()).isLessThan(before);
					assertThat(grownWhileExhausted).isZero();
					assertThat(load.slowestFailureMillis()).isLessThan(2_500);
					assertThat(restoredMillis).isBetween(0L, 10_000L);
					assertThat(sizing.leases()).isZero();
				}
			});
		}
		finally {
			release(hog);
		}
	}

	@Test
	void connectionsCutByAShortWaitTimeoutAreReplacedWithoutFailingATransaction() {
		// new sessions get the global value: the pool's connections die after 2 s idle
		server.admin("set global wait_timeout = 2");
		this.contextRunner.withPropertyValues(datasource())
			.withPropertyValues("spring.datasource.hikari.max-lifetime=60000", "poolpilot.sizing.enabled=false")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				assertThat(pool.advice()).extracting(PoolAdvice::check)
					.contains(Check.MAX_LIFETIME_ABOVE_SERVER_TIMEOUT);
				long failed = 0;
				long transactions = 0;
				long cut = 0;
				long createdBefore = pool.load().connectionsCreated();
				for (int round = 0; round < 3; round++) {
					// every connection busy at once, then all idle until the server
					// cut them
					try (TransactionLoad load = new TransactionLoad(POOL_SIZE, transaction,
							() -> sleepInDatabase(jdbc, 20))) {
						load.awaitSuccesses(40, Duration.ofSeconds(10));
						load.close();
						failed += load.failures();
						transactions += load.successes() + load.failures();
					}
					int open = dataSource.getHikariPoolMXBean().getTotalConnections();
					Recovery.awaitMillis("the server cuts every idle connection", () -> appSessions() == 0);
					cut += open;
				}
				long replaced = pool.load().connectionsCreated() - createdBefore;
				LeaseRegistry leases = context.getBean(LeaseRegistry.class);
				int leaked = leases.leases(pool).size() + (int) leases.leakedByEndedThreads();
				System.out.printf(
						"fault=mariadb-wait-timeout-below-max-lifetime wait_timeout_s=2 "
								+ "max_lifetime_ms=60000 rounds=3 transactions=%d failed=%d cut_by_server=%d "
								+ "connections_created=%d leaked_leases=%d%n",
						transactions, failed, cut, replaced, leaked);
				assertThat(failed).isZero();
				assertThat(cut).isGreaterThanOrEqualTo(3);
				assertThat(replaced).isGreaterThanOrEqualTo(2);
				assertThat(leaked).isZero();
			});
	}

	private static int takeFreeSlots(List<Connection> hog) {
		while (true) {
			try {
				hog.add(DriverManager.getConnection(server.jdbcUrl(), "other", "other-pw"));
			}
			catch (SQLException ex) {
				return ex.getErrorCode();
			}
		}
	}

	private static void release(List<Connection> hog) throws SQLException {
		for (Connection connection : hog) {
			connection.close();
		}
		hog.clear();
	}

	private void run(PoolTest test) {
		this.contextRunner.withPropertyValues(datasource()).run((context) -> {
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			test.run(context, context.getBean(JdbcTemplate.class), transaction);
		});
	}

	private static String[] datasource() {
		return new String[] { "spring.datasource.url=" + server.jdbcUrl(),
				"spring.datasource.username=" + server.username(), "spring.datasource.password=" + server.password() };
	}

	private static void sleepInDatabase(JdbcTemplate jdbc, int millis) {
		jdbc.queryForObject("select sleep(" + (millis / 1000.0) + ")", Integer.class);
	}

	private static int killAppSessions() throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (Connection connection = server.adminConnection()) {
			try (var result = connection.createStatement()
				.executeQuery("select id from information_schema.processlist where user = 'app'")) {
				while (result.next()) {
					ids.add(result.getLong(1));
				}
			}
			for (long id : ids) {
				try {
					connection.createStatement().execute("kill connection " + id);
				}
				catch (SQLException ex) {
					// ended meanwhile (error 1094, unknown thread)
				}
			}
		}
		return ids.size();
	}

	private static int appSessions() {
		try {
			return (int) server.admin(APP_SESSIONS);
		}
		catch (IllegalStateException ex) {
			return -1;
		}
	}

	@FunctionalInterface
	interface PoolTest {

		void run(ApplicationContext context, JdbcTemplate jdbc, TransactionTemplate transaction) throws Exception;

	}

}
