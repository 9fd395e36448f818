package io.github.poolpilot.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;

/**
 * A JDBC {@link Driver} for {@code jdbc:stub:} URLs whose connections do nothing, after
 * HikariCP-benchmark's method: with the database taken out, what a benchmark measures is
 * the pool and whatever wraps it. Registered with {@link DriverManager} when loaded, and
 * through {@code META-INF/services/java.sql.Driver}.
 *
 * @author Pool Pilot contributors
 */
public final class StubDriver implements Driver {

	/**
	 * The prefix of the URLs this driver accepts.
	 */
	public static final String URL_PREFIX = "jdbc:stub:";

	static {
		try {
			DriverManager.registerDriver(new StubDriver());
		}
		catch (SQLException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@Override
	public @Nullable Connection connect(String url, Properties info) throws SQLException {
		// a driver must answer null, not fail, for a URL that is not its own
		return acceptsURL(url) ? new StubConnection() : null;
	}

	@Override
	public boolean acceptsURL(String url) {
		return url != null && url.startsWith(URL_PREFIX);
	}

	@Override
	public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
		return new DriverPropertyInfo[0];
	}

	@Override
	public int getMajorVersion() {
		return 1;
	}

	@Override
	public int getMinorVersion() {
		return 0;
	}

	@Override
	public boolean jdbcCompliant() {
		return false;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException("StubDriver does not log");
	}

}
