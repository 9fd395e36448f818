package io.github.poolpilot.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.fleet.FleetView;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas of one service in auto mode, each a Spring context with 20 callers that
 * want 20 connections, on a PostgreSQL 14 whose ordinary role may hold 23 of them: two
 * start together, the third once they hold the whole budget. The fleet never holds more
 * than its budget, the third starts within its share and gets its fair share within 10 s,
 * and the server refuses no connection.
 */
class FleetSizingIntegrationTests {

	private static final int BUDGET = 23;

	private static EmbeddedPostgresServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PoolPilotAutoConfiguration.class,
				FleetAutoConfiguration.class, SizingAutoConfiguration.class));

	private final LongAdder refused = new LongAdder();

	private final AtomicInteger mostHeld = new AtomicInteger();

	@BeforeAll
	static void startPostgres() throws SQLException {
		server = EmbeddedPostgresServer.start(Map.of("max_connections", "27", "superuser_reserved_connections", "3"));
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create role app login");
			statement.execute("create database orders owner app");
		}
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void aLateJoinerGetsItsFairShareAndNothingIsRefused() throws SQLException {
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		// the sampler's session is one more client outside the fleet
		try (Connection observer = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
			sampler.scheduleAtFixedRate(() -> this.mostHeld.accumulateAndGet(fleetSessions(observer), Math::max), 0,
					100, TimeUnit.MILLISECONDS);
			replica("a").run((a) -> replica("b").run((b) -> {
				try (Load loadA = new Load(a); Load loadB = new Load(b)) {
					await().atMost(Duration.ofSeconds(20))
						.until(() -> share(a) + share(b) >= BUDGET - 2 && held(a) + held(b) >= BUDGET - 4);
					long joining = System.nanoTime();
					replica("c").run((c) -> {
						// before its first heartbeat on its own, the late joiner is
						// within
						// the share it joined with
						assertThat(c.getBean(HikariDataSource.class).getMaximumPoolSize())
							.isLessThanOrEqualTo(Math.max(1, share(c) - 1));
						try (Load loadC = new Load(c)) {
							await().atMost(Duration.ofSeconds(10))
								.pollInterval(Duration.ofMillis(100))
								.until(() -> share(c) >= 6 && held(c) >= 5);
							Duration took = Duration.ofNanos(System.nanoTime() - joining);
							System.out.println("late joiner at its fair share after " + took.toMillis() + " ms; "
									+ "shares " + share(a) + ", " + share(b) + ", " + share(c));
							assertThat(took).isLessThan(Duration.ofSeconds(12));
						}
					});
				}
			}));
		}
		finally {
			sampler.shutdownNow();
		}
		assertThat(this.mostHeld.get()).isLessThanOrEqualTo(BUDGET - 1);
		assertThat(this.refused.sum()).isZero();
	}

	@Test
	void withoutTheFleetTheLateJoinerGetsNoFairShare() {
		AtomicInteger lateHeld = new AtomicInteger();
		replica("a", "poolpilot.fleet.enabled=false")
			.run((a) -> replica("b", "poolpilot.fleet.enabled=false").run((b) -> {
				try (Load loadA = new Load(a); Load loadB = new Load(b)) {
					await().atMost(Duration.ofSeconds(20)).until(() -> held(a) + held(b) >= BUDGET - 4);
					replica("c", "poolpilot.fleet.enabled=false").run((c) -> {
						try (Load loadC = new Load(c)) {
							// as long as the fleet gives a late joiner to reach its share
							await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
							lateHeld.set(held(c));
							System.out.println("without the fleet after 10 s: " + held(a) + ", " + held(b) + ", "
									+ held(c) + " connections held; refused " + this.refused.sum());
						}
					});
				}
			}));
		assertThat(lateHeld.get()).isLessThan(6);
	}

	private ApplicationContextRunner replica(String id, String... more) {
		return replica(id).withPropertyValues(more);
	}

	private ApplicationContextRunner replica(String id) {
		return this.contextRunner.withPropertyValues("spring.application.name=orders",
				"spring.datasource.url=" + server.jdbcUrl().replace("/postgres", "/orders"),
				"spring.datasource.username=app", "spring.datasource.hikari.maximum-pool-size=20",
				"spring.datasource.hikari.connection-timeout=2000", "poolpilot.sizing.mode=auto",
				"poolpilot.sizing.max-size=20", "poolpilot.sizing.interval=250ms", "poolpilot.sizing.cooldown=500ms",
				"poolpilot.fleet.replica-id=" + id, "poolpilot.fleet.heartbeat-interval=500ms",
				"poolpilot.fleet.lease-timeout=3s");
	}

	private static int share(AssertableApplicationContext context) {
		FleetView view = context.getBean(FleetCoordinator.class).member("dataSource").view();
		return (view != null) ? view.share() : 0;
	}

	private static int held(AssertableApplicationContext context) {
		HikariDataSource dataSource = context.getBean(HikariDataSource.class);
		return (dataSource.getHikariPoolMXBean() != null) ? dataSource.getHikariPoolMXBean().getTotalConnections() : 0;
	}

	private static int fleetSessions(Connection observer) {
		try (Statement statement = observer.createStatement();
				ResultSet result = statement
					.executeQuery("select count(*) from pg_stat_activity where application_name like 'orders/%'")) {
			result.next();
			return result.getInt(1);
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	/**
	 * Twenty callers, each holding a connection for 50 ms at a time.
	 */
	private final class Load implements AutoCloseable {

		private final ExecutorService callers = Executors.newFixedThreadPool(20);

		private volatile boolean running = true;

		Load(AssertableApplicationContext context) {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			for (int i = 0; i < 20; i++) {
				this.callers.execute(() -> {
					while (this.running) {
						try (Connection connection = dataSource.getConnection();
								Statement statement = connection.createStatement()) {
							statement.execute("select pg_sleep(0.05)");
						}
						catch (SQLException ex) {
							countRefusal(ex);
						}
					}
				});
			}
		}

		private void countRefusal(Throwable ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				String message = String.valueOf(cause.getMessage());
				if (message.contains("remaining connection slots") || message.contains("too many clients")) {
					FleetSizingIntegrationTests.this.refused.increment();
					return;
				}
			}
		}

		@Override
		public void close() {
			this.running = false;
			this.callers.shutdown();
			try {
				this.callers.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
