package io.github.poolpilot.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.fleet.FleetMember.Status;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas of one fleet, each with its own pool, sharing a real PostgreSQL 14 whose
 * ordinary login role {@code app} may hold 23 connections (27 less 3 reserved for
 * superusers, less the test's own session that watches). Every replica asks for 30, so
 * each gets a fair share of 22 (one slot stays free for a replica that joins).
 */
@ExtendWith(OutputCaptureExtension.class)
class FleetPostgresTests {

	private static final int BUDGET = 23;

	private static EmbeddedPostgresServer server;

	private final List<TestReplica> replicas = new ArrayList<>();

	private final List<Connection> outside = new ArrayList<>();

	private Connection observer;

	@BeforeAll
	static void startPostgres() throws SQLException {
		server = EmbeddedPostgresServer.start(Map.of("max_connections", "27", "superuser_reserved_connections", "3"));
		try (Connection connection = admin("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("create role app login");
			statement.execute("create role limited login connection limit 10");
			statement.execute("create database fleet owner app");
			statement.execute("create database locked owner postgres");
		}
		try (Connection connection = admin("locked"); Statement statement = connection.createStatement()) {
			// what PostgreSQL 15 does to every database: no role but the owner creates in
			// public
			statement.execute("revoke create on schema public from public");
		}
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@BeforeEach
	void openObserver() throws SQLException {
		this.observer = admin("postgres");
	}

	@AfterEach
	void closeReplicas() throws SQLException {
		for (TestReplica replica : this.replicas) {
			replica.close();
		}
		for (Connection connection : this.outside) {
			connection.close();
		}
		this.observer.close();
		try (Connection connection = admin("fleet"); Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists poolpilot_fleet_member");
		}
	}

	@Test
	void theSplitIsFair() throws SQLException {
		TestReplica a = replica("a", 30);
		TestReplica b = replica("b", 30);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(a.share()).isEqualTo(11);
			assertThat(b.share()).isEqualTo(11);
		});
		// one connection of each share is the heartbeat's
		assertThat(a.dataSource.getMaximumPoolSize()).isEqualTo(10);
		assertThat(b.dataSource.getMaximumPoolSize()).isEqualTo(10);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(a.open()).isEqualTo(10);
			assertThat(b.open()).isEqualTo(10);
		});
		assertThat(fleetSessions()).isLessThanOrEqualTo(22);
	}

	@Test
	void aReplicaThatNeedsLittleGetsWhatItNeedsAndTheOthersSplitTheRest() {
		TestReplica small = replica("small", 4);
		TestReplica a = replica("a", 30);
		TestReplica b = replica("b", 30);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			// its pool's 4 and the heartbeat's one
			assertThat(small.share()).isEqualTo(5);
			assertThat(small.dataSource.getMaximumPoolSize()).isEqualTo(4);
			assertThat(a.share() + b.share()).isEqualTo(17);
			assertThat(Math.abs(a.share() - b.share())).isLessThanOrEqualTo(1);
		});
	}

	@Test
	void aLateJoinerGetsItsShareWhileTheFleetStaysWithinItsBudget() throws SQLException {
		TestReplica a = replica("a", 30);
		TestReplica b = replica("b", 30);
		await().atMost(Duration.ofSeconds(10)).until(() -> a.open() == 10 && b.open() == 10);
		long joined = System.nanoTime();
		TestReplica late = replica("late", 30);
		// the late joiner starts with one connection, in the slot kept free for it
		assertThat(late.dataSource.getMaximumPoolSize()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(fleetSessions()).isLessThanOrEqualTo(BUDGET);
			assertThat(late.share()).isGreaterThanOrEqualTo(7);
		});
		long took = System.nanoTime() - joined;
		assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(10));
		// its callers then open the connections of its share (each one a new backend on
		// a loaded machine)
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(fleetSessions()).isLessThanOrEqualTo(BUDGET);
			assertThat(late.open()).isGreaterThanOrEqualTo(6);
		});
		assertThat(a.share() + b.share() + late.share()).isLessThanOrEqualTo(BUDGET - 1);
		assertThat(a.dataSource.getMaximumPoolSize()).isLessThanOrEqualTo(7);
		assertThat(b.dataSource.getMaximumPoolSize()).isLessThanOrEqualTo(7);
	}

	@Test
	void aDeadReplicasShareIsReclaimedAfterItsLease() {
		TestReplica a = replica("a", 30);
		TestReplica b = replica("b", 30);
		TestReplica dead = replica("dead", 30);
		await().atMost(Duration.ofSeconds(15)).until(() -> dead.share() >= 7 && a.share() <= 8 && b.share() <= 8);
		long killing = System.nanoTime();
		dead.kill();
		long killed = System.nanoTime();
		System.out.println("kill took " + Duration.ofNanos(killed - killing));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(a.share()).isEqualTo(11);
			assertThat(b.share()).isEqualTo(11);
		});
		Duration took = Duration.ofNanos(System.nanoTime() - killing);
		System.out.println("reclaimed after " + took);
		// the share returns once the lease has run out, not before
		assertThat(took).isGreaterThanOrEqualTo(TestReplica.SETTINGS.leaseTimeout().minusMillis(500))
			.isLessThan(TestReplica.SETTINGS.leaseTimeout().plusSeconds(5));
	}

	@Test
	void budgetTakenByAnOutsideClientShrinksTheFleet() throws SQLException {
		TestReplica a = replica("a", 30);
		TestReplica b = replica("b", 30);
		await().atMost(Duration.ofSeconds(10)).until(() -> a.share() == 11 && b.share() == 11);
		// a superuser's sessions: the ordinary role sees them with every column NULL
		for (int i = 0; i < 4; i++) {
			this.outside.add(admin("postgres"));
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(a.member.view().outside()).isEqualTo(5);
			assertThat(a.share()).isEqualTo(9);
			assertThat(b.share()).isEqualTo(9);
			assertThat(fleetSessions()).isLessThanOrEqualTo(18);
		});
	}

	@Test
	void replicasThatCreateTheTableAtTheSameMomentAllCoordinate() throws Exception {
		String url = server.jdbcUrl().replace("/postgres", "/fleet");
		FleetStore store = new PostgresFleetStore(null);
		int replicas = 6;
		for (int round = 0; round < 5; round++) {
			try (Connection connection = admin("fleet"); Statement statement = connection.createStatement()) {
				statement.execute("drop table if exists poolpilot_fleet_member");
			}
			CyclicBarrier together = new CyclicBarrier(replicas);
			ExecutorService starting = Executors.newFixedThreadPool(replicas);
			try {
				List<Future<String>> problems = new ArrayList<>();
				for (int i = 0; i < replicas; i++) {
					problems.add(starting.submit(() -> {
						try (Connection connection = DriverManager.getConnection(url, "app", "")) {
							together.await();
							return String.valueOf(store.prepare(connection));
						}
					}));
				}
				for (Future<String> problem : problems) {
					assertThat(problem.get(30, TimeUnit.SECONDS)).as("round %d", round).isEqualTo("null");
				}
			}
			finally {
				starting.shutdownNow();
			}
		}
	}

	@Test
	void withoutTheRightToCreateTheTableEachReplicaTakesAnEvenPartAndWarns(CapturedOutput output) {
		String url = server.jdbcUrl().replace("/postgres", "/locked");
		FleetStore store = new PostgresFleetStore(null);
		TestReplica a = track(TestReplica.start(url, "app", store, "orders/dataSource", "a", 30));
		TestReplica b = track(TestReplica.start(url, "app", store, "orders/dataSource", "b", 30));
		assertThat(a.member.status()).isEqualTo(Status.FALLBACK);
		assertThat(a.member.problem()).contains("role app may not create table poolpilot_fleet_member")
			.contains("grant it CREATE on the first schema of its search_path");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(a.share()).isEqualTo(11);
			assertThat(b.share()).isEqualTo(11);
		});
		assertThat(output).containsOnlyOnce("a - fleet orders/dataSource cannot share its connection budget")
			.containsOnlyOnce("b - fleet orders/dataSource cannot share its connection budget");
	}

	@Test
	void aRolesConnectionLimitCapsTheFleetAndKeepsASlotForAJoiner() throws SQLException {
		String url = server.jdbcUrl().replace("/postgres", "/fleet");
		TestReplica a = track(
				TestReplica.start(url, "limited", new PostgresFleetStore(null), "orders/dataSource", "a", 30));
		TestReplica b = track(
				TestReplica.start(url, "limited", new PostgresFleetStore(null), "orders/dataSource", "b", 30));
		// 10 for the role, less the slot a joiner needs
		await().atMost(Duration.ofSeconds(10)).until(() -> a.share() + b.share() == 9 && a.open() + b.open() == 7);
		TestReplica c = track(
				TestReplica.start(url, "limited", new PostgresFleetStore(null), "orders/dataSource", "c", 30));
		// nothing of the role's limit is free until the others shrink
		assertThat(c.share()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(List.of(a.share(), b.share(), c.share())).containsExactlyInAnyOrder(3, 3, 3);
			assertThat(roleSessions("limited")).isLessThanOrEqualTo(10);
		});
	}

	@Test
	void withoutTheTableARolesConnectionLimitBoundsTheEvenPart() {
		String url = server.jdbcUrl().replace("/postgres", "/locked");
		TestReplica a = track(
				TestReplica.start(url, "limited", new PostgresFleetStore(null), "orders/dataSource", "a", 30));
		TestReplica b = track(
				TestReplica.start(url, "limited", new PostgresFleetStore(null), "orders/dataSource", "b", 30));
		assertThat(a.member.status()).isEqualTo(Status.FALLBACK);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(a.share()).isEqualTo(4);
			assertThat(b.share()).isEqualTo(4);
		});
	}

	@Test
	void whenTheSharesFallBelowMinSizeItYieldsWithAWarning(CapturedOutput output) throws SQLException {
		// 15 sessions leave 8 connections: 4 replicas get 2 each, of which one is the
		// heartbeat's
		for (int i = 0; i < 15; i++) {
			this.outside.add(admin("postgres"));
		}
		List<TestReplica> four = List.of(replica("a", 30), replica("b", 30), replica("c", 30), replica("d", 30));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains("a - fleet orders/dataSource leaves this pool 1 "
					+ "connections, below poolpilot.sizing.min-size of 2"));
		// a replica that joined before the others may still hold its larger share for a
		// heartbeat or two
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(four).allSatisfy((replica) -> assertThat(replica.share()).isBetween(1, 2)));
	}

	private TestReplica replica(String name, int demand) {
		String url = server.jdbcUrl().replace("/postgres", "/fleet");
		return track(TestReplica.start(url, "app", new PostgresFleetStore(null), "orders/dataSource", name, demand));
	}

	private TestReplica track(TestReplica replica) {
		this.replicas.add(replica);
		return replica;
	}

	private int fleetSessions() throws SQLException {
		try (Statement statement = this.observer.createStatement();
				ResultSet result = statement.executeQuery(
						"select count(*) from pg_stat_activity where application_name like 'orders/dataSource %'")) {
			result.next();
			return result.getInt(1);
		}
	}

	private int roleSessions(String role) throws SQLException {
		try (Statement statement = this.observer.createStatement();
				ResultSet result = statement
					.executeQuery("select count(*) from pg_stat_activity where usename = '" + role + "'")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static Connection admin(String database) throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl().replace("/postgres", "/" + database), server.username(),
				"");
	}

}
