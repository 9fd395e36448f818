package io.github.poolpilot.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.github.poolpilot.testing.RestartablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of one fleet through a restart of their PostgreSQL 14: while it is down
 * their leases run out, and once it is back their heartbeats renew them and the split is
 * fair again.
 */
class FleetRestartTests {

	private static RestartablePostgres server;

	@BeforeAll
	static void startPostgres() {
		server = RestartablePostgres.start(Map.of("max_connections", "27", "superuser_reserved_connections", "3"));
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void afterARestartTheLeasesRecover() throws SQLException {
		FleetStore store = new PostgresFleetStore(null);
		try (TestReplica a = TestReplica.start(server.jdbcUrl(), "postgres", store, "orders/dataSource", "a", 30);
				TestReplica b = TestReplica.start(server.jdbcUrl(), "postgres", store, "orders/dataSource", "b", 30)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> fair(a, b));
			server.stop();
			// without renewal a replica keeps one connection: the others may have taken
			// the rest
			await().atMost(Duration.ofSeconds(15)).until(() -> a.member.limit() == 1 && b.member.limit() == 1);
			server.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> fair(a, b) && a.member.limit() > 1);
			assertThat(rows()).isEqualTo(2);
		}
	}

	private static boolean fair(TestReplica a, TestReplica b) {
		// 24 connections, one slot kept free for a replica that joins
		return a.share() + b.share() == 23 && Math.abs(a.share() - b.share()) <= 1;
	}

	private static int rows() throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select count(*) from poolpilot_fleet_member where lease_until > now()")) {
			result.next();
			return result.getInt(1);
		}
	}

}
