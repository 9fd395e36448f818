package io.github.poolpilot.sizing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.DatabaseInspector;
import io.github.poolpilot.hikari.ExplicitSettings;
import io.github.poolpilot.hikari.HikariTuner;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.hikari.TuningSettings;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import io.github.poolpilot.testing.OpenLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link SizingController} against a real PostgreSQL, with short intervals:
 * transactions of about 20 ms arrive at a fixed rate on a pool that starts with 2
 * connections.
 */
class SizingControllerTests {

	private static final String APPLICATION_NAME = "poolpilot-sizing-test";

	private static EmbeddedPostgresServer postgres;

	private final PoolRegistry registry = new PoolRegistry();

	private HikariDataSource dataSource;

	private SizingController controller;

	@BeforeAll
	static void startPostgres() {
		postgres = EmbeddedPostgresServer.start(Map.of("max_connections", "30"));
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	@AfterEach
	void close() {
		if (this.controller != null) {
			this.controller.stop();
		}
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

	@Test
	void surplusInUseWhileCallersWaitIsSoftEvictedOncePerSize() {
		// the brake stepped back from 20 to 10 while every connection is busy and callers
		// queue
		HikariDataSource dataSource = mock(HikariDataSource.class);
		HikariPoolMXBean poolBean = mock(HikariPoolMXBean.class);
		given(dataSource.getMaximumPoolSize()).willReturn(10);
		given(poolBean.getTotalConnections()).willReturn(20);
		given(poolBean.getIdleConnections()).willReturn(0);
		given(poolBean.getThreadsAwaitingConnection()).willReturn(300);
		assertThat(SizingController.retireSurplus("test", dataSource, poolBean, -1)).isEqualTo(10);
		then(poolBean).should().softEvictConnections();
		// the next interval, connections still being returned: not again for the same
		// size
		assertThat(SizingController.retireSurplus("test", dataSource, poolBean, 10)).isEqualTo(10);
		then(poolBean).should().softEvictConnections();
		// once the surplus is gone, a later step back may evict again
		given(poolBean.getTotalConnections()).willReturn(10);
		assertThat(SizingController.retireSurplus("test", dataSource, poolBean, 10)).isEqualTo(-1);
	}

	@Test
	void surplusWithoutWaitingCallersIsNeverSoftEvicted() throws SQLException {
		HikariDataSource dataSource = mock(HikariDataSource.class);
		HikariPoolMXBean poolBean = mock(HikariPoolMXBean.class);
		given(dataSource.getMaximumPoolSize()).willReturn(2);
		given(poolBean.getTotalConnections()).willReturn(4);
		given(poolBean.getIdleConnections()).willReturn(0);
		given(poolBean.getThreadsAwaitingConnection()).willReturn(0);
		assertThat(SizingController.retireSurplus("test", dataSource, poolBean, -1)).isEqualTo(-1);
		then(poolBean).should(never()).softEvictConnections();
		then(dataSource).should(never()).getConnection();
	}

	@Test
	void poolGrowsUnderLoadAndShrinksAfterItWithoutFailingATransaction() throws Exception {
		ManagedPool pool = startPool(SizingMode.AUTO);
		HikariPoolMXBean poolBean = pool.poolMXBean();
		int peak;
		try (OpenLoad load = OpenLoad.start(150, 32, this::shortTransaction)) {
			// 150/s x ~21 ms = ~3.2 busy: 2 connections serve at most ~95/s
			await().atMost(Duration.ofSeconds(10)).until(() -> this.dataSource.getMaximumPoolSize() >= 4);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> poolBean.getThreadsAwaitingConnection() == 0 && poolBean.getTotalConnections() >= 4);
			peak = this.dataSource.getMaximumPoolSize();
			load.close();
			assertThat(load.failures()).isEmpty();
			assertThat(load.completed()).isPositive();
		}
		// after the load, one long transaction after another keeps connections in use
		// while the pool shrinks
		ConcurrentLinkedQueue<Instant[]> longTransactions = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread worker = new Thread(() -> {
			while (running.get()) {
				Instant start = Instant.now();
				try {
					longTransaction();
					longTransactions.add(new Instant[] { start, Instant.now() });
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}
		});
		worker.start();
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.dataSource.getMaximumPoolSize() == 2 && poolBean.getTotalConnections() <= 2
						&& serverConnections() <= 2);
		}
		finally {
			running.set(false);
			worker.join();
		}
		assertThat(failures).isEmpty();
		assertThat(peak).isBetween(4, 12);
		List<SizingEvent> changes = this.controller.state(pool.name()).recentChanges();
		assertThat(changes).allMatch(SizingEvent::applied);
		assertThat(changes).extracting(SizingEvent::direction).contains(Direction.GROW, Direction.SHRINK);
		List<SizingEvent> shrinks = changes.stream()
			.filter((change) -> change.direction() == Direction.SHRINK && change.fromMaximumPoolSize() > 2)
			.toList();
		// a shrink decided while a transaction held its connection did not break that
		// transaction
		assertThat(shrinks).anyMatch((shrink) -> longTransactions.stream()
			.anyMatch((open) -> open[0].isBefore(shrink.time()) && open[1].isAfter(shrink.time())));
		assertThat(this.controller.decisions(pool.name(), Direction.GROW)).isPositive();
	}

	@Test
	void demandIsWhatThePolicyWantsWhateverTheBudget() {
		SizingSettings settings = new SizingSettings(SizingMode.AUTO, 2, 12, Duration.ofSeconds(1),
				Duration.ofMillis(400), Duration.ofSeconds(2), 0.9, 1.0, 0.2, Duration.ofMinutes(5));
		// a fleet share holds the pool at 2, with one connection busy; the policy wants 5
		SizingDecision capped = new SizingDecision(2, 2, Direction.HOLD, SizingState.STEADY, 5, "within budget");
		assertThat(SizingController.demand(capped, sample(1, 0), settings)).isEqualTo(5);
		// the callers in the queue count when they are more
		assertThat(SizingController.demand(capped, sample(2, 6), settings)).isEqualTo(8);
		// never above poolpilot.sizing.max-size, never below min-size
		SizingDecision large = new SizingDecision(2, 2, Direction.HOLD, SizingState.STEADY, 40, "within budget");
		assertThat(SizingController.demand(large, sample(1, 0), settings)).isEqualTo(12);
		SizingDecision none = new SizingDecision(1, 1, Direction.HOLD, SizingState.STEADY, 0, "idle");
		assertThat(SizingController.demand(none, sample(0, 0), settings)).isEqualTo(2);
		// a size the policy holds above the need until its shrink delay passes is not
		// demand: the fleet keeps those connections, as held, only while it has room
		SizingDecision held = new SizingDecision(10, 10, Direction.HOLD, SizingState.STEADY, 4, "needs 4");
		assertThat(SizingController.demand(held, sample(2, 0), settings)).isEqualTo(4);
	}

	@Test
	void callersWaitingWakeTheControllerLongBeforeItsNextInterval() throws Exception {
		// the interval alone would decide nothing for a minute
		ManagedPool pool = startPool(SizingMode.AUTO, Duration.ofMinutes(1));
		Instant started = Instant.now();
		try (OpenLoad load = OpenLoad.start(150, 32, this::shortTransaction)) {
			// 150/s x ~21 ms = ~3.2 busy: 2 connections serve at most ~95/s, so the queue
			// grows
			await().atMost(Duration.ofSeconds(20)).until(() -> this.dataSource.getMaximumPoolSize() >= 4);
			load.close();
			assertThat(load.failures()).isEmpty();
		}
		List<SizingEvent> changes = this.controller.state(pool.name()).recentChanges();
		assertThat(changes).isNotEmpty();
		SizingEvent first = changes.get(0);
		assertThat(first.direction()).isEqualTo(Direction.GROW);
		// the controller's only tick was at the start and the next is a minute away, so
		// a growth before then was decided by the watch that waiting callers started;
		// its reason is the queue or, when the look fell between waits, the measured
		// hold times
		assertThat(Duration.between(started, first.time())).isLessThan(Duration.ofSeconds(30));
		assertThat(this.controller.state(pool.name()).lastDecision().state()).isNotEqualTo(SizingState.STARVED);
	}

	@Test
	void recommendModeNeverChangesThePool() throws Exception {
		ManagedPool pool = startPool(SizingMode.RECOMMEND);
		HikariPoolMXBean poolBean = pool.poolMXBean();
		AtomicInteger largest = new AtomicInteger();
		try (OpenLoad load = OpenLoad.start(120, 32, this::shortTransaction)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				largest.accumulateAndGet(poolBean.getTotalConnections(), Math::max);
				PoolSizingState state = this.controller.state(pool.name());
				return state != null && state.targetMaximumPoolSize() >= 4;
			});
		}
		PoolSizingState state = this.controller.state(pool.name());
		assertThat(state.mode()).isEqualTo(SizingMode.RECOMMEND);
		assertThat(state.recentChanges()).isNotEmpty().noneMatch(SizingEvent::applied);
		assertThat(state.recentChanges().get(0).reason()).isNotBlank();
		assertThat(this.controller.target(pool.name())).isGreaterThanOrEqualTo(4);
		assertThat(this.dataSource.getMaximumPoolSize()).isEqualTo(2);
		assertThat(this.dataSource.getMinimumIdle()).isEqualTo(2);
		assertThat(largest.get()).isLessThanOrEqualTo(2);
		assertThat(serverConnections()).isLessThanOrEqualTo(2);
	}

	@Test
	void stopEndsTheSamplingThread() throws Exception {
		startPool(SizingMode.RECOMMEND);
		Thread sampler = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("poolpilot-sizing"))
			.findFirst()
			.orElseThrow();
		assertThat(sampler.isDaemon()).isTrue();
		assertThat(this.controller.isRunning()).isTrue();
		this.controller.stop();
		sampler.join(5000);
		assertThat(sampler.isAlive()).isFalse();
		assertThat(this.controller.isRunning()).isFalse();
	}

	private ManagedPool startPool(SizingMode mode) throws SQLException {
		return startPool(mode, Duration.ofMillis(200));
	}

	private ManagedPool startPool(SizingMode mode, Duration interval) throws SQLException {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(postgres.jdbcUrl());
		this.dataSource.setUsername(postgres.username());
		this.dataSource.setConnectionTimeout(5000);
		this.dataSource.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
		TuningSettings tuning = new TuningSettings(false, Duration.ofSeconds(5), Duration.ofMinutes(2), null, null, 0.8,
				null, true, Duration.ofSeconds(5));
		HikariTuner tuner = new HikariTuner(tuning, new DatabaseInspector(Duration.ofSeconds(5)), this.registry,
				() -> null, () -> List.of(new LeaseRegistry(Duration.ofMinutes(1), 50)), Duration.ofMinutes(1));
		ManagedPool pool = tuner.tune("sizingTest", this.dataSource,
				new ExplicitSettings(this.dataSource, "sizingTest", null, (property) -> false));
		// the application set no maximum of its own (which would bound the pool in auto
		// mode): the pool starts small and may grow up to max-size
		this.dataSource.setMaximumPoolSize(2);
		this.dataSource.getConnection().close();
		SizingSettings settings = new SizingSettings(mode, 2, 12, interval, Duration.ofMillis(400),
				Duration.ofSeconds(2), 0.9, 1.0, 0.2, Duration.ofMinutes(5));
		this.controller = new SizingController(this.registry, RemoteWaitSource.NONE, settings, Clock.systemUTC());
		this.controller.start();
		return pool;
	}

	private static PoolSample sample(int active, int pending) {
		return new PoolSample(1_000_000_000L, 50, 0, 0, 50, 50 * 20_000_000L, 20_000_000L, 0, active, 2 - active,
				pending, 2, 2, 5_000_000_000L, 0, 0, 2);
	}

	private void shortTransaction() throws SQLException {
		transaction("select pg_sleep(0.02)", 1);
	}

	private void longTransaction() throws SQLException {
		transaction("select pg_sleep(0.15)", 4);
	}

	private void transaction(String sql, int statements) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			int backend = backend(connection);
			try (Statement statement = connection.createStatement()) {
				for (int i = 0; i < statements; i++) {
					statement.execute(sql);
				}
			}
			// the same server process from the first statement to the commit: the
			// connection was never swapped
			assertThat(backend(connection)).isEqualTo(backend);
			connection.commit();
		}
	}

	private static int backend(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private int serverConnections() throws SQLException {
		try (Connection connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"select count(*) from pg_stat_activity where application_name = '" + APPLICATION_NAME + "'")) {
			result.next();
			return result.getInt(1);
		}
	}

}
