package io.github.poolpilot.lease;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolEventListener;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.load.LoadTotals;
import io.github.poolpilot.load.PoolLoad;
import io.github.poolpilot.testing.ConnectionHolder;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lease tracking on a real PostgreSQL, with Spring-managed transactions.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeaseRegistryTests {

	private static EmbeddedPostgresServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				PoolPilotAutoConfiguration.class))
		.withPropertyValues("spring.datasource.username=postgres", "spring.datasource.hikari.maximum-pool-size=2",
				"poolpilot.tuning.connection-timeout=300ms");

	@BeforeAll
	static void startPostgres() {
		server = EmbeddedPostgresServer.start(Map.of());
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void holderInsideTransactionIsListedWithTransactionAndFrame() {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			ConnectionHolder holder = new ConnectionHolder(context.getBean(PlatformTransactionManager.class),
					context.getBean(JdbcTemplate.class), "BuildService.build");
			holder.awaitHolding();
			try {
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				List<Lease> leases = context.getBean(LeaseRegistry.class).leases(pool);
				assertThat(leases).singleElement().satisfies((lease) -> {
					assertThat(lease.pool()).isEqualTo("dataSource");
					assertThat(lease.thread()).isEqualTo("holder-BuildService.build");
					assertThat(lease.transaction()).isEqualTo("BuildService.build");
					assertThat(lease.frame()).startsWith("ConnectionHolder.holdConnection(ConnectionHolder.java:");
					assertThat(lease.threadState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
					assertThat(lease.held()).isPositive();
				});
				LeaseRegistry registry = context.getBean(LeaseRegistry.class);
				assertThat(registry.countHeldLongerThan(pool, Duration.ZERO)).isEqualTo(1);
				assertThat(registry.countHeldLongerThan(pool, Duration.ofHours(1))).isZero();
			}
			finally {
				holder.release();
			}
			ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
			assertThat(context.getBean(LeaseRegistry.class).leases(pool)).isEmpty();
		});
	}

	@Test
	void connectionOutsideTransactionIsListedWithoutOne() {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			LeaseRegistry registry = context.getBean(LeaseRegistry.class);
			ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(registry.currentThread().count()).isEqualTo(1);
				assertThat(registry.leases(pool)).singleElement()
					.satisfies((lease) -> assertThat(lease.transaction()).isNull());
			}
			assertThat(registry.currentThread().count()).isZero();
			assertThat(registry.unmatchedReleases()).isZero();
		});
	}

	@Test
	void threadThatEndsHoldingAConnectionIsReportedAsALeak(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			LeaseRegistry registry = context.getBean(LeaseRegistry.class);
			ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
			DataSource dataSource = context.getBean(DataSource.class);
			Thread leaker = new Thread(() -> {
				try {
					dataSource.getConnection();
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}, "leaker");
			leaker.start();
			leaker.join();
			assertThat(registry.leases(pool)).isEmpty();
			assertThat(registry.leakedByEndedThreads()).isEqualTo(1);
		});
		assertThat(output).contains("dataSource - thread leaker ended holding a connection borrowed")
			.contains("the pool will not get it back");
	}

	@Test
	void shortLivedThreadsDoNotGrowTheRegistryWithoutBound() {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			LeaseRegistry registry = context.getBean(LeaseRegistry.class);
			DataSource dataSource = context.getBean(DataSource.class);
			for (int i = 0; i < 1_000; i++) {
				Thread thread = new Thread(() -> {
					try (Connection connection = dataSource.getConnection()) {
						connection.isValid(1);
					}
					catch (java.sql.SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
				thread.start();
				thread.join();
			}
			assertThat(registry.trackedThreads()).isLessThanOrEqualTo(129);
			assertThat(registry.leakedByEndedThreads()).isZero();
			assertThat(registry.unmatchedReleases()).isZero();
		});
	}

	@Test
	void thousandsOfThreadsAtOnceAreTrackedWhileAliveAndForgottenWhenTheyEnd() {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			LeaseRegistry registry = context.getBean(LeaseRegistry.class);
			ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
			DataSource dataSource = context.getBean(DataSource.class);
			int before = registry.trackedThreads();
			CountDownLatch end = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>();
			AtomicInteger failures = new AtomicInteger();
			for (int i = 0; i < 2_000; i++) {
				CountDownLatch borrowed = new CountDownLatch(1);
				Thread thread = new Thread(() -> {
					try (Connection connection = dataSource.getConnection()) {
						connection.getAutoCommit();
					}
					catch (java.sql.SQLException ex) {
						failures.incrementAndGet();
					}
					borrowed.countDown();
					try {
						end.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}, "burst-" + i);
				thread.setDaemon(true);
				thread.start();
				threads.add(thread);
				borrowed.await();
			}
			// 2,000 live threads that used the pool are tracked, and none holds a
			// connection
			assertThat(registry.trackedThreads()).isBetween(2_000, 2_000 + before);
			assertThat(registry.leases(pool)).isEmpty();
			end.countDown();
			for (Thread thread : threads) {
				thread.join();
			}
			// the next read forgets the ended threads; later registrations would sweep
			// them too
			assertThat(registry.leases(pool)).isEmpty();
			assertThat(registry.trackedThreads()).isLessThanOrEqualTo(before);
			assertThat(registry.leakedByEndedThreads()).isZero();
			assertThat(registry.unmatchedReleases()).isZero();
			assertThat(failures).hasValue(0);
		});
	}

	@Test
	void exhaustedPoolLogsWhoHoldsItsConnectionsOncePerInterval(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl()).run((context) -> {
			PlatformTransactionManager transactionManager = context.getBean(PlatformTransactionManager.class);
			JdbcTemplate jdbcTemplate = context.getBean(JdbcTemplate.class);
			long holdersStarted = System.nanoTime();
			ConnectionHolder first = new ConnectionHolder(transactionManager, jdbcTemplate, "BuildService.build");
			ConnectionHolder second = new ConnectionHolder(transactionManager, jdbcTemplate, "ReleaseService.release");
			first.awaitHolding();
			second.awaitHolding();
			// both successful acquisitions, connection opens included, happened in here
			long holdersWindow = System.nanoTime() - holdersStarted;
			try {
				DataSource dataSource = context.getBean(DataSource.class);
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(SQLTransientConnectionException.class)
						.isThrownBy(dataSource::getConnection);
				}
				// a failed attempt leaves no lease behind
				assertThat(context.getBean(LeaseRegistry.class).currentThread().count()).isZero();
				ManagedPool pool = context.getBean(PoolRegistry.class).get("dataSource");
				assertThat(pool.load().totals().timeouts()).isEqualTo(3);
				assertThat(pool.load().totals().acquisitions()).isEqualTo(2);
				// the timed-out callers' 300 ms waits, which came after that window, are
				// not waits for a connection they got
				assertThat(pool.load().totals().acquireWaitNanos()).isLessThanOrEqualTo(2 * holdersWindow);
			}
			finally {
				first.release();
				second.release();
			}
		});
		assertThat(output.toString().split("pool exhausted", -1)).hasSize(2);
		assertThat(output)
			.contains("dataSource - pool exhausted: a caller waited 300 ms and got no connection "
					+ "(total=2, active=2, idle=0, waiting=0). Connections are held by:")
			.contains("holder-BuildService.build (")
			.contains("in transaction BuildService.build at ConnectionHolder.holdConnection(ConnectionHolder.java:")
			.contains("in transaction ReleaseService.release")
			.doesNotContain("main (RUNNABLE)");
	}

	@Test
	void holdIsTakenAsTheMiddleOfHikarisMillisecond() {
		ManagedPool pool = stubPool();
		PoolEventListener listener = new LeaseRegistry(Duration.ofMinutes(1), 50).create(pool);
		listener.acquired(1_000);
		listener.released(0);
		listener.acquired(2_000);
		listener.released(7);
		LoadTotals totals = pool.load().totals();
		assertThat(totals.acquisitions()).isEqualTo(2);
		assertThat(totals.acquireWaitNanos()).isEqualTo(3_000);
		assertThat(totals.releases()).isEqualTo(2);
		// HikariCP truncates to whole milliseconds: 0 ms stands for [0, 1) and 7 ms for
		// [7, 8)
		assertThat(totals.holdNanos()).isEqualTo(500_000 + 7_500_000);
	}

	@Test
	void nestedConnectionsAreMatchedInnermostFirst() throws InterruptedException {
		ManagedPool pool = stubPool();
		PoolEventListener listener = new LeaseRegistry(Duration.ofMinutes(1), 50).create(pool);
		listener.acquired(0);
		long outerStart = System.nanoTime();
		new CountDownLatch(1).await(3, TimeUnit.MILLISECONDS);
		listener.acquired(0);
		listener.released(0);
		long inner = pool.load().totals().holdNanos();
		listener.released(3);
		long outer = pool.load().totals().holdNanos() - inner;
		assertThat(inner).isEqualTo(500_000);
		assertThat(outer).isEqualTo(3_500_000);
		assertThat(System.nanoTime() - outerStart).isGreaterThanOrEqualTo(3_000_000);
	}

	@Test
	void releaseOnAnotherThreadUsesTheMiddleOfHikarisMillisecond() throws Exception {
		ManagedPool pool = stubPool();
		LeaseRegistry registry = new LeaseRegistry(Duration.ofMinutes(1), 50);
		PoolEventListener listener = registry.create(pool);
		listener.acquired(0);
		CompletableFuture.runAsync(() -> listener.released(42)).get();
		assertThat(pool.load().totals().holdNanos()).isEqualTo(42_500_000);
		assertThat(registry.unmatchedReleases()).isEqualTo(1);
	}

	@Test
	void staleLeaseIsNotTrustedAgainstHikarisFigure() throws Exception {
		ManagedPool pool = stubPool();
		PoolEventListener listener = new LeaseRegistry(Duration.ofMinutes(1), 50).create(pool);
		// borrowed here, returned elsewhere: this thread keeps a lease whose start no
		// longer matches
		listener.acquired(0);
		CompletableFuture.runAsync(() -> listener.released(0)).get();
		new CountDownLatch(1).await(5, TimeUnit.MILLISECONDS);
		long before = pool.load().totals().holdNanos();
		listener.released(1);
		assertThat(pool.load().totals().holdNanos() - before).isEqualTo(1_500_000);
	}

	@Test
	void timedOutAttemptIsNotABorrowAndLeavesNoLease() {
		ManagedPool pool = stubPool();
		LeaseRegistry registry = new LeaseRegistry(Duration.ofMinutes(1), 50);
		PoolEventListener listener = registry.create(pool);
		listener.acquired(2_000);
		listener.acquired(300_000_000);
		listener.timedOut();
		LoadTotals totals = pool.load().totals();
		assertThat(totals.acquisitions()).isEqualTo(1);
		assertThat(totals.acquireWaitNanos()).isEqualTo(2_000);
		assertThat(totals.timeouts()).isEqualTo(1);
		assertThat(registry.currentThread().count()).isEqualTo(1);
	}

	@Test
	void nestingThreadWhoseOwnWaitEndsDuringTheReportCountsWhatItHeldWhileWaiting(CapturedOutput output)
			throws Exception {
		ManagedPool pool = stubPool();
		try (LeaseRegistry registry = new LeaseRegistry(Duration.ofMinutes(1), 50)) {
			PoolEventListener listener = registry.create(pool);
			CountDownLatch timingOut = new CountDownLatch(1);
			CountDownLatch reported = new CountDownLatch(1);
			Thread nester = new Thread(() -> {
				listener.acquired(0);
				registry.currentThread().nestedBorrow("OrderService.place(OrderService.java:42)");
				// HikariCP records this thread's own timeout as a borrow, then as a
				// timeout
				listener.acquired(300_000_000);
				timingOut.countDown();
				awaitQuietly(reported);
				listener.timedOut();
				registry.currentThread().nestedBorrow(null);
				listener.released(0);
			}, "nester");
			nester.start();
			assertThat(timingOut.await(10, TimeUnit.SECONDS)).isTrue();
			// the caller whose timeout writes the report, between the nester's two
			// records
			listener.acquired(300_000_000);
			listener.timedOut();
			reported.countDown();
			nester.join(10_000);
			assertThat(output).contains("stub - pool exhausted")
				.contains("1 holder waits for a second connection of this pool while holding one")
				.contains("Nesting at OrderService.place(OrderService.java:42)")
				.contains("Threads that each need 2 connections at once need a pool of at least Tn x (Cm - 1) + 1");
			assertThat(registry.unmatchedReleases()).isZero();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void borrowAndReturnAllocateNothing() {
		ManagedPool pool = stubPool();
		PoolEventListener listener = new LeaseRegistry(Duration.ofMinutes(1), 50).create(pool);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long id = Thread.currentThread().getId();
		cycle(listener, 100_000);
		long before = threads.getThreadAllocatedBytes(id);
		cycle(listener, 100_000);
		// the measurement itself may allocate a few bytes; 100,000 borrows and returns
		// must not
		assertThat(threads.getThreadAllocatedBytes(id) - before).isLessThan(1024);
		assertThat(pool.load().totals().releases()).isEqualTo(200_000);
	}

	private static void cycle(PoolEventListener listener, int count) {
		for (int i = 0; i < count; i++) {
			listener.acquired(1_000);
			listener.released(0);
		}
	}

	@Test
	void theClockTakesTheLoadWindowsSnapshotsOffTheConnectionPath() {
		PoolLoad load = new PoolLoad(Duration.ofMillis(1200));
		ManagedPool pool = stubPool(load);
		try (LeaseRegistry registry = new LeaseRegistry(Duration.ofMinutes(1), 50)) {
			PoolEventListener listener = registry.create(pool);
			long start = System.nanoTime();
			// borrows keep the clock's ticker awake; nothing reads the window meanwhile,
			// and the pool's first snapshot falls out of it
			while (System.nanoTime() - start < 1_500_000_000L) {
				listener.acquired(0);
				listener.released(1);
				LockSupport.parkNanos(1_000_000);
			}
			LoadTotals recent = load.recent();
			// a window of the ticker's snapshots: neither empty nor older than 1.2 s
			assertThat(recent.nanos()).isPositive().isLessThanOrEqualTo(1_200_000_000L);
			assertThat(recent.releases()).isPositive().isLessThan(load.totals().releases());
		}
	}

	private static ManagedPool stubPool() {
		return stubPool(new PoolLoad(PoolLoad.DEFAULT_WINDOW));
	}

	private static ManagedPool stubPool(PoolLoad load) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("stub");
		return new ManagedPool("stub", dataSource, DatabaseFacts.UNKNOWN, List.of(), load);
	}

}
