package io.github.poolpilot.hikari;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import io.github.poolpilot.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inspector against a real PostgreSQL 14, logged in as an ordinary role.
 */
class DatabaseInspectorPostgresTests {

	@Test
	void anOrdinaryRoleCountsTheSessionsOfOtherRolesItSeesWithoutColumns() throws SQLException {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer
			.start(Map.of("max_connections", "20", "superuser_reserved_connections", "3"));
				Connection admin = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
			try (Statement statement = admin.createStatement()) {
				statement.execute("create role plain login");
			}
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(server.jdbcUrl());
			config.setUsername("plain");
			DatabaseFacts facts = new DatabaseInspector(Duration.ofSeconds(5)).inspect(config);
			// the superuser's session above is another client, though 'plain' sees its
			// backend_type as NULL
			assertThat(facts.otherConnections()).isEqualTo(1);
			assertThat(facts.connectionBudget()).isEqualTo(20 - 3 - 1);
		}
	}

}
