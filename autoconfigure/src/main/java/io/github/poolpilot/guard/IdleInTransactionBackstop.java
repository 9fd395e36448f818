package io.github.poolpilot.guard;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.github.poolpilot.hikari.BrokenConnectionOverride;
import io.github.poolpilot.hikari.PoolPilotMetricsTrackerFactory;
import io.github.poolpilot.lease.CallSites;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.ThreadLeases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The database backstop on PostgreSQL: {@link #install installs}
 * {@code idle_in_transaction_session_timeout} for a pool's sessions, so that the server
 * ends a transaction that sits idle (waiting on a remote call) for longer, and explains
 * the failure that follows. When the transaction's next statement fails with SQLSTATE
 * {@code 25P03}, HikariCP asks this override whether to evict the connection, on the
 * transaction's own thread: it logs the pool, the transaction, how long it held the
 * connection, the line where the statement failed and the last remote call the guard saw
 * that thread make, then evicts the dead connection. A {@link SQLExceptionOverride} the
 * application had set keeps deciding everything else.
 *
 * @author Pool Pilot contributors
 */
public class IdleInTransactionBackstop implements SQLExceptionOverride {

	static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";

	private static final Log logger = LogFactory.getLog(IdleInTransactionBackstop.class);

	private final HikariDataSource dataSource;

	private final @Nullable SQLExceptionOverride delegate;

	private final LeaseRegistry leaseRegistry;

	private final ConnectionGuard guard;

	// taken before the pool starts: an agent may wrap the pool's tracker factory later
	private final @Nullable PoolPilotMetricsTrackerFactory events;

	IdleInTransactionBackstop(HikariDataSource dataSource, @Nullable SQLExceptionOverride delegate,
			LeaseRegistry leaseRegistry, ConnectionGuard guard) {
		this.dataSource = dataSource;
		this.delegate = delegate;
		this.leaseRegistry = leaseRegistry;
		this.guard = guard;
		this.events = (dataSource.getMetricsTrackerFactory() instanceof PoolPilotMetricsTrackerFactory factory)
				? factory : null;
	}

	/**
	 * Install the backstop on a PostgreSQL pool that has not started: the session setting
	 * through the driver's {@code options} property, unless the application set
	 * {@code options} or {@code connectionInitSql} itself, and the exception override.
	 * @param dataSource the pool
	 * @param timeout the idle-in-transaction timeout
	 * @param leaseRegistry tells which transaction held the failed connection
	 * @param guard tells which remote call that transaction made
	 * @return what was done, for the log, or {@code null} when the pool is not a
	 * PostgreSQL pool that can be configured
	 */
	public static @Nullable String install(HikariDataSource dataSource, Duration timeout, LeaseRegistry leaseRegistry,
			ConnectionGuard guard) {
		String url = dataSource.getJdbcUrl();
		if (dataSource.getHikariPoolMXBean() != null || url == null || !url.startsWith("jdbc:postgresql:")) {
			return null;
		}
		String result;
		if (dataSource.getConnectionInitSql() != null || dataSource.getDataSourceProperties().containsKey("options")
				|| url.contains("options=")) {
			result = "idle_in_transaction_session_timeout left to the application's own options or connectionInitSql";
		}
		else {
			dataSource.addDataSourceProperty("options", "-c idle_in_transaction_session_timeout=" + timeout.toMillis());
			result = "idle_in_transaction_session_timeout=" + timeout.toMillis() + "ms";
		}
		dataSource.setExceptionOverride(
				new IdleInTransactionBackstop(dataSource, dataSource.getExceptionOverride(), leaseRegistry, guard));
		return result;
	}

	@java.lang.Override
	public Override adjudicate(SQLException exception) {
		Override decision = (this.delegate != null) ? this.delegate.adjudicate(exception) : Override.CONTINUE_EVICT;
		if (!IDLE_IN_TRANSACTION_TIMEOUT.equals(exception.getSQLState())) {
			return decision;
		}
		try {
			logger.warn(describe());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not describe an idle-in-transaction timeout", ex);
		}
		// the server closed the session: the connection is dead whatever its SQLSTATE
		// class says
		if (decision == Override.DO_NOT_EVICT) {
			return decision;
		}
		PoolPilotMetricsTrackerFactory events = this.events;
		if (!BrokenConnectionOverride.evicts(decision, exception) && events != null) {
			// the override inside this one did not expect an eviction: report it, or its
			// lease would stay open
			events.connectionEvicted();
		}
		return Override.MUST_EVICT;
	}

	String describe() {
		Thread thread = Thread.currentThread();
		StackTraceElement[] stack = thread.getStackTrace();
		ThreadLeases leases = this.leaseRegistry.currentThread();
		String transaction = null;
		long held = -1;
		if (leases != null) {
			for (int i = 0; i < leases.count(); i++) {
				if (leases.pool(i) != null && leases.pool(i).dataSource() == this.dataSource) {
					transaction = leases.transaction(i);
					held = (System.nanoTime() - leases.since(i)) / 1_000_000;
					break;
				}
			}
		}
		if (transaction == null) {
			transaction = TransactionSynchronizationManager.getCurrentTransactionName();
		}
		StringBuilder message = new StringBuilder(String.valueOf(this.dataSource.getPoolName()))
			.append(" - PostgreSQL ended the session of ")
			.append(ConnectionGuard.describeTransaction(transaction, stack))
			.append(" because it sat idle in transaction longer than idle_in_transaction_session_timeout (SQLSTATE 25P03");
		if (held >= 0) {
			message.append(", connection held ").append(held).append(" ms");
		}
		String failedAt = CallSites.format(CallSites.firstApplicationFrame(stack));
		if (failedAt != null) {
			message.append(", next statement at ").append(failedAt);
		}
		message.append(')');
		Violation last = this.guard.lastViolation(thread);
		// only a call made while this connection was held explains its timeout
		if (last != null && held >= 0 && !last.time().isBefore(Instant.now().minusMillis(held + 1))) {
			message.append("; it held the connection across ").append(last.call().target());
			if (last.callSite() != null) {
				message.append(" at ").append(last.callSite());
			}
		}
		message.append(". Move the remote call out of the transaction.");
		return message.toString();
	}

}
