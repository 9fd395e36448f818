package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.fleet.FleetMember;
import io.github.poolpilot.sizing.PoolSizingState;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingDecision;
import io.github.poolpilot.sizing.SizingEvent;
import io.github.poolpilot.sizing.SizingMode;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import io.github.poolpilot.testing.OpenLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default {@code poolpilot.sizing.mode} in real Spring contexts on a real PostgreSQL
 * 14: a pool in a fleet is resized, within the maximum the application set when it set
 * one; an explicit {@code recommend} never changes the pool; a pool in no fleet only gets
 * recommendations and says why at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class SizingModeDefaultIntegrationTests {

	private static final String NO_FLEET_LINE = "dataSource - sizing only recommends a size for this pool: "
			+ "poolpilot.sizing.mode is not set, and ";

	private static EmbeddedPostgresServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				FleetAutoConfiguration.class, SizingAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "spring.datasource.username=postgres",
				"spring.datasource.hikari.connection-timeout=5000", "poolpilot.sizing.interval=200ms",
				"poolpilot.fleet.heartbeat-interval=300ms", "poolpilot.fleet.lease-timeout=3s");

	@BeforeAll
	static void startPostgres() throws SQLException {
		server = EmbeddedPostgresServer.start(Map.of("max_connections", "40"));
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			// a role whose own limit leaves its fleet a share of 5, and the table a DBA
			// creates for it
			statement.execute("create role capped login connection limit 5");
			statement.execute("create table poolpilot_fleet_member (fleet varchar(200) not null, "
					+ "replica varchar(200) not null, application_name varchar(64) not null, "
					+ "role_name varchar(64) not null, demand integer not null, share integer not null, "
					+ "connections integer not null, ceiling integer, renewed_at timestamptz not null, "
					+ "lease_until timestamptz not null, primary key (fleet, replica))");
			statement.execute("grant select, insert, update, delete on poolpilot_fleet_member to capped");
			// the same limit, without the right to use the table: the fallback
			statement.execute("create role untabled login connection limit 5");
		}
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void unsetModeResizesAPoolInAFleet(CapturedOutput output) {
		// the expected load starts the pool at 2: 10/s x 100 ms = 1 busy at 80%
		postgres("poolpilot.tuning.expected-arrival-rate=10", "poolpilot.tuning.expected-hold-time=100ms")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				assertThat(context.getBean(FleetCoordinator.class).member("dataSource")).isNotNull();
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(2);
				// 150/s x ~21 ms = ~3.2 busy: 2 connections serve at most ~95/s
				try (OpenLoad load = OpenLoad.start(150, 32, () -> transaction(dataSource))) {
					await().atMost(Duration.ofSeconds(20)).until(() -> dataSource.getMaximumPoolSize() >= 4);
				}
				PoolSizingState state = controller(context).state("dataSource");
				assertThat(state.mode()).isEqualTo(SizingMode.AUTO);
				assertThat(state.recentChanges()).isNotEmpty().allMatch(SizingEvent::applied);
				System.out.println("unset mode, pool in a fleet: " + state.recentChanges().get(0));
			});
		assertThat(output).doesNotContain(NO_FLEET_LINE);
	}

	@Test
	void aLoadThatAsksForMoreThanItsShareRenewsTheLeaseEarly() {
		// a heartbeat a minute apart: only an early renewal can raise the share of 3 the
		// pool of 2 started with (plus the heartbeat's connection) within the test
		postgres("poolpilot.tuning.expected-arrival-rate=10", "poolpilot.tuning.expected-hold-time=100ms",
				"poolpilot.fleet.heartbeat-interval=60s", "poolpilot.fleet.lease-timeout=180s")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				FleetMember member = context.getBean(FleetCoordinator.class).member("dataSource");
				await().atMost(Duration.ofSeconds(10)).until(() -> member.view() != null);
				assertThat(member.view().share()).isEqualTo(3);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(2);
				try (OpenLoad load = OpenLoad.start(150, 32, () -> transaction(dataSource))) {
					await().atMost(Duration.ofSeconds(20)).until(() -> dataSource.getMaximumPoolSize() >= 4);
				}
				assertThat(member.view().share()).isGreaterThanOrEqualTo(5);
				assertThat(member.sinceRenewal()).isLessThan(Duration.ofSeconds(60));
			});
	}

	@Test
	void theApplicationsOwnMaximumPoolSizeBoundsTheDefaultMode() {
		postgres("spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.minimum-idle=3")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				LargestSize largest = new LargestSize(dataSource);
				SizingController controller = controller(context);
				SizingDecision capped;
				try {
					// 300/s x ~21 ms = ~6.3 busy: the load needs twice what the pool may
					// hold
					capped = cappedUnderLoad(controller, dataSource, 3);
				}
				finally {
					largest.close();
				}
				PoolSizingState state = controller.state("dataSource");
				System.out
					.println("maximum-pool-size=3 under a load that needs " + capped.demand() + ": " + capped.reason());
				assertThat(state.mode()).isEqualTo(SizingMode.AUTO);
				assertThat(largest.get()).isEqualTo(3);
				assertThat(dataSource.getMaximumPoolSize()).isLessThanOrEqualTo(3);
				assertThat(capped.reason()).contains("spring.datasource.hikari.maximum-pool-size of 3");
			});
	}

	@Test
	void aDecisionCappedByTheFleetShareNamesIt() {
		postgres("spring.datasource.username=capped", "poolpilot.tuning.expected-arrival-rate=10",
				"poolpilot.tuning.expected-hold-time=100ms")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				// 300/s x ~21 ms = ~6.3 busy, more than the role's limit of 5 leaves: a
				// share of 4 (one slot kept for a replica that joins), less the
				// heartbeat's connection
				SizingDecision capped = cappedUnderLoad(controller(context), dataSource, 0);
				System.out.println("capped by the fleet share: " + capped.reason());
				assertThat(capped.reason()).contains("but the fleet share of 3 (4 less the heartbeat's connection)")
					.doesNotContain("database's connection budget");
				assertThat(dataSource.getMaximumPoolSize()).isLessThanOrEqualTo(3);
			});
	}

	@Test
	void withoutTheTableTheDefaultModeStaysWithinTheRolesConnectionLimit() {
		postgres("spring.datasource.username=untabled", "poolpilot.tuning.expected-arrival-rate=10",
				"poolpilot.tuning.expected-hold-time=100ms")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				FleetMember member = context.getBean(FleetCoordinator.class).member("dataSource");
				SizingController controller = controller(context);
				LargestSize largest = new LargestSize(dataSource);
				try {
					cappedUnderLoad(controller, dataSource, 0);
				}
				finally {
					largest.close();
				}
				PoolSizingState state = controller.state("dataSource");
				System.out.println("fallback within the role's limit: " + state.lastDecision().reason());
				assertThat(member.status()).isEqualTo(FleetMember.Status.FALLBACK);
				// 5 connections for the role, one kept free for a replica that joins: the
				// pool's 3 and the heartbeat's
				assertThat(member.view().budget()).isEqualTo(5);
				assertThat(member.view().share()).isEqualTo(4);
				assertThat(largest.get()).isLessThanOrEqualTo(3);
				assertThat(state.recentChanges()).noneMatch((change) -> change.reason().contains("refuses"));
			});
	}

	@Test
	void anExplicitRecommendNeverChangesThePool() {
		postgres("poolpilot.sizing.mode=recommend", "poolpilot.tuning.expected-arrival-rate=10",
				"poolpilot.tuning.expected-hold-time=100ms")
			.run((context) -> {
				HikariDataSource dataSource = context.getBean(HikariDataSource.class);
				LargestSize largest = new LargestSize(dataSource);
				SizingController controller = controller(context);
				try (OpenLoad load = OpenLoad.start(150, 32, () -> transaction(dataSource))) {
					await().atMost(Duration.ofSeconds(20)).until(() -> {
						PoolSizingState state = controller.state("dataSource");
						return state != null && state.targetMaximumPoolSize() >= 4;
					});
				}
				finally {
					largest.close();
				}
				PoolSizingState state = controller.state("dataSource");
				assertThat(state.mode()).isEqualTo(SizingMode.RECOMMEND);
				assertThat(state.recentChanges()).isNotEmpty().noneMatch(SizingEvent::applied);
				assertThat(largest.get()).isEqualTo(2);
				assertThat(dataSource.getMaximumPoolSize()).isEqualTo(2);
				assertThat(dataSource.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(2);
			});
	}

	@Test
	void withoutAFleetTheUnsetModeRecommendsAndSaysWhy(CapturedOutput output) {
		postgres("poolpilot.fleet.enabled=false").run((context) -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			int size = dataSource.getMaximumPoolSize();
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection.isValid(1)).isTrue();
			}
			SizingController controller = controller(context);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				PoolSizingState state = controller.state("dataSource");
				return state != null && state.lastDecision() != null;
			});
			assertThat(controller.state("dataSource").mode()).isEqualTo(SizingMode.RECOMMEND);
			assertThat(dataSource.getMaximumPoolSize()).isEqualTo(size);
		});
		assertThat(output).containsOnlyOnce(NO_FLEET_LINE + "poolpilot.fleet.enabled is false, so nothing keeps "
				+ "the replicas of this service within the database's connection budget together. Set "
				+ "poolpilot.sizing.mode=auto to resize it anyway (each replica may grow to the whole budget it "
				+ "sees), or poolpilot.sizing.mode=recommend to keep this.");
	}

	@Test
	void aPoolOnAnotherDatabaseHasNoFleetAndRecommends(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:nofleet;DB_CLOSE_DELAY=-1",
					"spring.datasource.username=sa")
			.run((context) -> {
				assertThat(context.getBean(FleetCoordinator.class).member("dataSource")).isNull();
				context.getBean(HikariDataSource.class).getConnection().close();
				SizingController controller = controller(context);
				await().atMost(Duration.ofSeconds(10)).until(() -> controller.state("dataSource") != null);
				assertThat(controller.state("dataSource").mode()).isEqualTo(SizingMode.RECOMMEND);
			});
		assertThat(output)
			.containsOnlyOnce(NO_FLEET_LINE + "only PostgreSQL pools share a fleet budget (this one is on h2)");
	}

	@Test
	void anExplicitAutoIsHonouredWithoutAFleet(CapturedOutput output) {
		postgres("poolpilot.fleet.enabled=false", "poolpilot.sizing.mode=auto").run((context) -> {
			context.getBean(HikariDataSource.class).getConnection().close();
			SizingController controller = controller(context);
			await().atMost(Duration.ofSeconds(10)).until(() -> controller.state("dataSource") != null);
			assertThat(controller.state("dataSource").mode()).isEqualTo(SizingMode.AUTO);
		});
		assertThat(output).doesNotContain(NO_FLEET_LINE);
	}

	private ApplicationContextRunner postgres(String... properties) {
		return this.contextRunner.withPropertyValues("spring.datasource.url=" + server.jdbcUrl())
			.withPropertyValues(properties);
	}

	// the first decision, under 300 transactions a second, that a bound held below a
	// demand above the given one
	private static SizingDecision cappedUnderLoad(SizingController controller, HikariDataSource dataSource,
			int demandAbove) throws Exception {
		AtomicReference<SizingDecision> capped = new AtomicReference<>();
		try (OpenLoad load = OpenLoad.start(300, 32, () -> transaction(dataSource))) {
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				PoolSizingState state = controller.state("dataSource");
				SizingDecision decision = (state != null) ? state.lastDecision() : null;
				if (decision != null && decision.demand() > demandAbove && decision.reason().contains(" is reached")) {
					capped.set(decision);
				}
				return capped.get() != null;
			});
		}
		return capped.get();
	}

	private static SizingController controller(AssertableApplicationContext context) {
		return context.getBean(SizingController.class);
	}

	private static void transaction(HikariDataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("select pg_sleep(0.02)");
		}
	}

	// the largest maximumPoolSize of a pool, read every 20 ms until closed
	private static final class LargestSize implements AutoCloseable {

		private final AtomicInteger largest = new AtomicInteger();

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

		LargestSize(HikariDataSource dataSource) {
			this.sampler.scheduleAtFixedRate(
					() -> this.largest.accumulateAndGet(dataSource.getMaximumPoolSize(), Math::max), 0, 20,
					TimeUnit.MILLISECONDS);
		}

		int get() {
			return this.largest.get();
		}

		@Override
		public void close() {
			this.sampler.shutdownNow();
		}

	}

}
