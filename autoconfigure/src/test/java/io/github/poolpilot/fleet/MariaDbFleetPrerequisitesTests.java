package io.github.poolpilot.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.poolpilot.testing.EnabledWithMariaDb;
import io.github.poolpilot.testing.MariaDbServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a fleet budget on MariaDB would have to work with, as an ordinary user of a stock
 * MariaDB 10.11 sees it: no {@code performance_schema} (so no connection attributes to
 * tell one replica's sessions from another's), only its own threads in the processlist,
 * the server-wide {@code Threads_connected}, and {@code GET_LOCK} as a session-scoped
 * lock. These facts are why {@code docs/mariadb.md} says the fleet budget waits there.
 */
@EnabledWithMariaDb
class MariaDbFleetPrerequisitesTests {

	private static MariaDbServer server;

	@BeforeAll
	static void startMariaDb() {
		server = MariaDbServer.shared();
	}

	@Test
	void performanceSchemaIsOffAndCannotBeTurnedOnAtRuntime() {
		assertThat(server.queryString("select @@performance_schema")).isEqualTo("0");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> server.admin("set global performance_schema = 1"))
			.withStackTraceContaining("read only variable");
	}

	@Test
	void anOrdinaryUserSeesOnlyItsOwnUsersThreadsButTheServerWideCount() throws SQLException {
		try (Connection other = DriverManager.getConnection(server.jdbcUrl(), "other", "other-pw");
				Connection app = app();
				Connection sameUser = app()) {
			// its own user's threads, not another user's
			assertThat(count(app, "select count(*) from information_schema.processlist")).isEqualTo(2);
			assertThat(count(app, "select count(*) from information_schema.processlist where user = 'other'")).isZero();
			assertThat(server.admin("select count(*) from information_schema.processlist where user = 'other'"))
				.isEqualTo(1);
			// Threads_connected needs no privilege and counts every client
			assertThat(count(app, "select variable_value from information_schema.global_status "
					+ "where variable_name = 'THREADS_CONNECTED'"))
				.isGreaterThanOrEqualTo(2);
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> count(app, "select count(*) from performance_schema.session_connect_attrs"))
				.withMessageContaining("SELECT command denied");
		}
	}

	@Test
	void getLockIsHeldByOneSessionAndReleasedWhenItEnds() throws SQLException {
		try (Connection first = app(); Connection second = app()) {
			assertThat(count(first, "select get_lock('poolpilot-fleet-orders', 0)")).isEqualTo(1);
			assertThat(count(second, "select get_lock('poolpilot-fleet-orders', 0)")).isZero();
			assertThat(count(second, "select is_used_lock('poolpilot-fleet-orders')"))
				.isEqualTo(count(first, "select connection_id()"));
			first.close();
			assertThat(count(second, "select get_lock('poolpilot-fleet-orders', 1)")).isEqualTo(1);
		}
	}

	private static Connection app() throws SQLException {
		return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
