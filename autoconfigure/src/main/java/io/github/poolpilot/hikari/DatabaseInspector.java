package io.github.poolpilot.hikari;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.DriverDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads a database's connection limit and server-side timeouts once, over a single
 * connection of its own, before the pool starts. PostgreSQL, MySQL and MariaDB are read;
 * other databases are left {@link DatabaseFacts#UNKNOWN unknown}. A failure is returned
 * as {@link DatabaseFacts#problem() a problem}, never thrown: a pool must start even when
 * this look fails.
 *
 * @author Pool Pilot contributors
 */
public class DatabaseInspector {

	private static final String POSTGRESQL_SETTINGS = "select name, setting from pg_settings where name in "
			+ "('max_connections', 'superuser_reserved_connections', 'reserved_connections', "
			+ "'idle_session_timeout', 'idle_in_transaction_session_timeout')";

	// an ordinary role sees other roles' sessions with backend_type NULL; background
	// processes have no user or no database
	private static final String POSTGRESQL_OTHER_CLIENTS = "select count(*) from pg_stat_activity "
			+ "where (backend_type = 'client backend' or backend_type is null) and usesysid is not null "
			+ "and datid is not null and pid <> pg_backend_pid()";

	private static final String MYSQL_SETTINGS = "select @@max_connections, @@wait_timeout";

	private static final String MYSQL_OTHER_CLIENTS = "show status like 'Threads_connected'";

	private final Duration connectTimeout;

	/**
	 * Create an inspector.
	 * @param connectTimeout how long to wait for the inspection connection
	 */
	public DatabaseInspector(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Inspect the database that the given pool configuration points to.
	 * @param config the pool's configuration (not started)
	 * @return the facts, {@link DatabaseFacts#UNKNOWN} for a database this class does not
	 * read
	 */
	public DatabaseFacts inspect(HikariConfig config) {
		Product product = Product.fromUrl(config.getJdbcUrl());
		if (product == null) {
			return DatabaseFacts.UNKNOWN;
		}
		Properties properties = new Properties();
		properties.putAll(config.getDataSourceProperties());
		product.applyConnectTimeout(properties, this.connectTimeout);
		try {
			DriverDataSource dataSource = new DriverDataSource(config.getJdbcUrl(), config.getDriverClassName(),
					properties, config.getUsername(), config.getPassword());
			try (Connection connection = dataSource.getConnection()) {
				return (product == Product.POSTGRESQL) ? readPostgresql(connection) : readMysql(connection, product);
			}
		}
		catch (SQLException | RuntimeException ex) {
			String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			return DatabaseFacts.unreadable(product.displayName, JdbcUrls.mask(message, config.getPassword()));
		}
	}

	private DatabaseFacts readPostgresql(Connection connection) throws SQLException {
		Integer maxConnections = null;
		int reserved = 0;
		Duration idleSession = null;
		Duration idleInTransaction = null;
		try (Statement statement = connection.createStatement();
				ResultSet settings = statement.executeQuery(POSTGRESQL_SETTINGS)) {
			while (settings.next()) {
				String value = settings.getString(2);
				switch (settings.getString(1)) {
					case "max_connections" -> maxConnections = Integer.valueOf(value);
					case "superuser_reserved_connections", "reserved_connections" ->
						reserved += Integer.parseInt(value);
					case "idle_session_timeout" -> idleSession = Duration.ofMillis(Long.parseLong(value));
					case "idle_in_transaction_session_timeout" ->
						idleInTransaction = Duration.ofMillis(Long.parseLong(value));
					default -> {
					}
				}
			}
		}
		Integer others = readCount(connection, POSTGRESQL_OTHER_CLIENTS, 1);
		return new DatabaseFacts(Product.POSTGRESQL.displayName, maxConnections, reserved, others, idleSession,
				idleInTransaction, null);
	}

	private DatabaseFacts readMysql(Connection connection, Product product) throws SQLException {
		Integer maxConnections;
		Duration waitTimeout;
		try (Statement statement = connection.createStatement();
				ResultSet settings = statement.executeQuery(MYSQL_SETTINGS)) {
			settings.next();
			maxConnections = settings.getInt(1);
			waitTimeout = Duration.ofSeconds(settings.getLong(2));
		}
		Integer connected = readCount(connection, MYSQL_OTHER_CLIENTS, 2);
		// the server keeps one extra slot for an administrator beyond max_connections;
		// the inspection
		// connection itself is one of Threads_connected
		Integer others = (connected != null) ? Math.max(0, connected - 1) : null;
		return new DatabaseFacts(product.displayName, maxConnections, 0, others, waitTimeout, null, null);
	}

	private @Nullable Integer readCount(Connection connection, String sql, int column) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? Integer.valueOf(result.getString(column)) : null;
		}
	}

	private enum Product {

		POSTGRESQL("PostgreSQL", "loginTimeout", true), MYSQL("MySQL", "connectTimeout", false),
		MARIADB("MariaDB", "connectTimeout", false);

		private final String displayName;

		private final String timeoutProperty;

		private final boolean timeoutInSeconds;

		Product(String displayName, String timeoutProperty, boolean timeoutInSeconds) {
			this.displayName = displayName;
			this.timeoutProperty = timeoutProperty;
			this.timeoutInSeconds = timeoutInSeconds;
		}

		void applyConnectTimeout(Properties properties, Duration timeout) {
			long value = this.timeoutInSeconds ? Math.max(1, timeout.toSeconds()) : timeout.toMillis();
			properties.putIfAbsent(this.timeoutProperty, Long.toString(value));
		}

		static @Nullable Product fromUrl(@Nullable String jdbcUrl) {
			if (jdbcUrl == null) {
				return null;
			}
			String url = jdbcUrl.toLowerCase(Locale.ROOT);
			if (url.startsWith("jdbc:postgresql:")) {
				return POSTGRESQL;
			}
			if (url.startsWith("jdbc:mysql:")) {
				return MYSQL;
			}
			if (url.startsWith("jdbc:mariadb:")) {
				return MARIADB;
			}
			return null;
		}

	}

}
