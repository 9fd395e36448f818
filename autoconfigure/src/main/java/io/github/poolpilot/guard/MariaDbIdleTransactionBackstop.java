package io.github.poolpilot.guard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.util.DriverDataSource;
import io.github.poolpilot.lease.LeaseRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The database backstop on MariaDB: {@code idle_transaction_timeout} (whole seconds) for
 * a pool's sessions, through the driver's {@code sessionVariables}. MariaDB closes the
 * connection of a transaction left idle for longer, and the next statement fails with a
 * plain socket error (SQLSTATE {@code 08000}), the same error that a {@code KILL} or a
 * restart gives. So the failure is taken for the backstop's only when everything else
 * rules them out: the thread is in a transaction, the guard saw it enter a remote call
 * while it held the connection, at least the setting ago (the session has been idle at
 * least that long), and the server has been up for longer than that. Anything else is
 * left to HikariCP, which evicts the connection as broken.
 *
 * @author Pool Pilot contributors
 */
class MariaDbIdleTransactionBackstop extends IdleInTransactionBackstop {

	private static final String SESSION_VARIABLES = "sessionVariables";

	private static final String SETTING = "idle_transaction_timeout";

	private static final String UPTIME = "show global status like 'Uptime'";

	private final long timeoutSeconds;

	MariaDbIdleTransactionBackstop(HikariDataSource dataSource, @Nullable SQLExceptionOverride delegate,
			LeaseRegistry leaseRegistry, ConnectionGuard guard, long timeoutSeconds) {
		super(dataSource, delegate, leaseRegistry, guard);
		this.timeoutSeconds = timeoutSeconds;
	}

	static String installOn(HikariDataSource dataSource, Duration timeout, LeaseRegistry leaseRegistry,
			ConnectionGuard guard) {
		// MariaDB counts in whole seconds, and 0 switches the timeout off
		long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
		Object variables = dataSource.getDataSourceProperties().get(SESSION_VARIABLES);
		String url = dataSource.getJdbcUrl().toLowerCase(Locale.ROOT);
		String result;
		if (url.contains("sessionvariables=")
				|| (variables != null && variables.toString().toLowerCase(Locale.ROOT).contains(SETTING))) {
			result = SETTING + " left to the application's own sessionVariables";
		}
		else {
			String setting = SETTING + "=" + seconds;
			dataSource.addDataSourceProperty(SESSION_VARIABLES,
					(variables != null && !variables.toString().isBlank()) ? variables + "," + setting : setting);
			result = setting + "s";
		}
		dataSource.setExceptionOverride(new MariaDbIdleTransactionBackstop(dataSource,
				dataSource.getExceptionOverride(), leaseRegistry, guard, seconds));
		return result;
	}

	@java.lang.Override
	boolean endedByTimeout(SQLException exception) {
		String state = exception.getSQLState();
		if (state == null || !state.startsWith("08")
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		Violation call = violationWhileHeld();
		if (call == null) {
			return false;
		}
		// no statement ran on this connection since the call began
		long idleMillis = Duration.between(call.time(), Instant.now()).toMillis();
		if (idleMillis < this.timeoutSeconds * 1000) {
			return false;
		}
		Long uptime = serverUptimeSeconds();
		// a server that is down, or that started after the call began, ended the
		// session by its restart; Uptime counts whole seconds from a start time in whole
		// seconds, so it may read up to a second more than the server has been up
		return uptime != null && (uptime - 1) * 1000 > idleMillis;
	}

	@java.lang.Override
	String reason() {
		Violation call = violationWhileHeld();
		long idle = (call != null) ? Duration.between(call.time(), Instant.now()).toMillis() : -1;
		return "MariaDB ended the session of %s because it sat idle in transaction longer than " + SETTING + " ("
				+ this.timeoutSeconds + " s; idle at least " + idle + " ms";
	}

	private @Nullable Long serverUptimeSeconds() {
		Properties properties = new Properties();
		properties.putAll(this.dataSource.getDataSourceProperties());
		properties.setProperty("connectTimeout", "1000");
		properties.remove(SESSION_VARIABLES);
		try {
			DriverDataSource server = new DriverDataSource(this.dataSource.getJdbcUrl(),
					this.dataSource.getDriverClassName(), properties, this.dataSource.getUsername(),
					this.dataSource.getPassword());
			try (Connection connection = server.getConnection();
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery(UPTIME)) {
				return result.next() ? result.getLong(2) : null;
			}
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

}
