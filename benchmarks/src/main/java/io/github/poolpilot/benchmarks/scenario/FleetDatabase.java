package io.github.poolpilot.benchmarks.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The fleet scenario's PostgreSQL 14: a fresh embedded server on 127.0.0.1 whose ordinary
 * login role {@link #ROLE} may hold {@link #BUDGET} connections
 * ({@code CONNECTION LIMIT}) on the service's database, and whose log, with every
 * session's user and {@code application_name}, is kept in a file so that the connections
 * it refused can be counted.
 *
 * @author Pool Pilot contributors
 */
final class FleetDatabase implements AutoCloseable {

	/**
	 * The service's login role: an ordinary role, not a superuser.
	 */
	static final String ROLE = "app";

	/**
	 * The connections the service's role may hold, all replicas together.
	 */
	static final int BUDGET = 20;

	/**
	 * The service's database.
	 */
	static final String DATABASE = "orders";

	private static final String LOG_FILE = "postgresql.log";

	private final EmbeddedPostgres postgres;

	private final Path log;

	private final Connection observer;

	private FleetDatabase(EmbeddedPostgres postgres, Path log, Connection observer) {
		this.postgres = postgres;
		this.log = log;
		this.observer = observer;
	}

	/**
	 * Start a server with the service's role and database.
	 * @param logs the directory of the server's log
	 * @return the running server
	 * @throws SQLException if the role or the database cannot be created
	 */
	static FleetDatabase start(Path logs) throws SQLException {
		try {
			Files.createDirectories(logs);
			Files.deleteIfExists(logs.resolve(LOG_FILE));
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("logging_collector", "on")
				.setServerConfig("log_directory", logs.toAbsolutePath().toString())
				.setServerConfig("log_filename", LOG_FILE)
				.setServerConfig("log_timezone", "UTC")
				.setOutputRedirector(Redirect.DISCARD)
				.setErrorRedirector(Redirect.DISCARD)
				.start();
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
			Connection observer = DriverManager.getConnection(url + "?ApplicationName=fleet-scenario", "postgres", "");
			try (Statement statement = observer.createStatement()) {
				// set here rather than on the server's command line, which a shell reads
				statement.execute("alter system set log_line_prefix = '%m|%u|%a|'");
				statement.execute("select pg_reload_conf()");
				statement.execute("create role " + ROLE + " login connection limit " + BUDGET);
				statement.execute("create database " + DATABASE + " owner " + ROLE);
			}
			return new FleetDatabase(postgres, logs.resolve(LOG_FILE), observer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the JDBC URL of the service's database.
	 * @return the URL
	 */
	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.postgres.getPort() + "/" + DATABASE;
	}

	/**
	 * Return the server's log.
	 * @return the log file
	 */
	Path log() {
		return this.log;
	}

	/**
	 * Count the sessions of the service's role, by replica: the last word of their
	 * {@code application_name}, which every replica's sessions carry.
	 * @return the count of each replica's sessions
	 * @throws SQLException if {@code pg_stat_activity} cannot be read
	 */
	Map<String, Integer> sessions() throws SQLException {
		Map<String, Integer> sessions = new TreeMap<>();
		try (Statement statement = this.observer.createStatement();
				ResultSet result = statement.executeQuery("select application_name, count(*) from pg_stat_activity "
						+ "where usename = '" + ROLE + "' group by 1")) {
			while (result.next()) {
				String name = result.getString(1);
				String replica = name.substring(name.lastIndexOf(' ') + 1);
				sessions.merge(replica, result.getInt(2), Integer::sum);
			}
		}
		return sessions;
	}

	@Override
	public void close() {
		try {
			this.observer.close();
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
