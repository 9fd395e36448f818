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
 * application had set keeps deciding everything else. On MariaDB,
 * {@link MariaDbIdleTransactionBackstop} sets {@code idle_transaction_timeout} and tells
 * its case from a {@code KILL} or a restart.
 *
 * @author Pool Pilot contributors
 */
public class IdleInTransactionBackstop implements SQLExceptionOverride {

	static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";

	private static final Log logger = LogFactory.getLog(IdleInTransactionBackstop.class);

	final HikariDataSource dataSource;

	private final @Nullable SQLExceptionOverride delegate;

	final LeaseRegistry leaseRegistry;

	final ConnectionGuard guard;

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
	 * Install the backstop on a PostgreSQL or MariaDB pool that has not started: the
	 * session setting through the driver's {@code options} property on PostgreSQL, unless
	 * the application set {@code options} or {@code connectionInitSql} itself, or through
	 * {@code sessionVariables} on MariaDB ({@link MariaDbIdleTransactionBackstop}), and
	 * the exception override.
	 * @param dataSource the pool
	 * @param timeout the idle-in-transaction timeout
	 * @param leaseRegistry tells which transaction held the failed connection
	 * @param guard tells which remote call that transaction made
	 * @return what was done, for the log, or {@code null} when the pool is not a
	 * PostgreSQL or MariaDB pool that can be configured
	 */
	public static @Nullable String install(HikariDataSource dataSource, Duration timeout, LeaseRegistry leaseRegistry,
			ConnectionGuard guard) {
		String url = dataSource.getJdbcUrl();
		if (dataSource.getHikariPoolMXBean() != null || url == null) {
			return null;
		}
		if (url.startsWith("jdbc:mariadb:")) {
			return MariaDbIdleTransactionBackstop.installOn(dataSource, timeout, leaseRegistry, guard);
		}
		if (!url.startsWith("jdbc:postgresql:")) {
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
		// judged and described before the override inside this one reports an eviction,
		// which ends the lease
		boolean timedOut = endedByTimeout(exception);
		String explanation = null;
		if (timedOut) {
			try {
				explanation = describe();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not describe an idle-in-transaction timeout", ex);
			}
		}
		Override decision = (this.delegate != null) ? this.delegate.adjudicate(exception) : Override.CONTINUE_EVICT;
		if (!timedOut) {
			return decision;
		}
		if (explanation != null) {
			logger.warn(explanation);
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

	/**
	 * Return whether the server ended the session of the failed statement because its
	 * transaction sat idle for longer than the setting.
	 * @param exception what the statement threw
	 * @return whether the backstop ended the session
	 */
	boolean endedByTimeout(SQLException exception) {
		return IDLE_IN_TRANSACTION_TIMEOUT.equals(exception.getSQLState());
	}

	/**
	 * Return what the server did and why, from "ended the session of" on.
	 * @return the reason, without closing parenthesis
	 */
	String reason() {
		return "PostgreSQL ended the session of %s because it sat idle in transaction longer than "
				+ "idle_in_transaction_session_timeout (SQLSTATE 25P03";
	}

	/**
	 * Return how long the current thread has held its connection of this pool.
	 * @return the time in milliseconds, or -1 when the thread holds none
	 */
	long heldMillis() {
		ThreadLeases leases = this.leaseRegistry.currentThread();
		int index = (leases != null) ? leaseIndex(leases) : -1;
		return (index >= 0) ? (System.nanoTime() - leases.since(index)) / 1_000_000 : -1;
	}

	private int leaseIndex(ThreadLeases leases) {
		for (int i = 0; i < leases.count(); i++) {
			if (leases.pool(i) != null && leases.pool(i).dataSource() == this.dataSource) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Return the guard's last violation on the current thread when it was seen while the
	 * connection was held.
	 * @return the violation, or {@code null}
	 */
	@Nullable Violation violationWhileHeld() {
		// read together, so that the work between them does not count
		long held = heldMillis();
		Instant now = Instant.now();
		Violation last = this.guard.lastViolation(Thread.currentThread());
		return (last != null && held >= 0 && !last.time().isBefore(now.minusMillis(held + 1))) ? last : null;
	}

	String describe() {
		Thread thread = Thread.currentThread();
		StackTraceElement[] stack = thread.getStackTrace();
		ThreadLeases leases = this.leaseRegistry.currentThread();
		int index = (leases != null) ? leaseIndex(leases) : -1;
		String transaction = (index >= 0) ? leases.transaction(index) : null;
		long held = heldMillis();
		if (transaction == null) {
			transaction = TransactionSynchronizationManager.getCurrentTransactionName();
		}
		StringBuilder message = new StringBuilder(String.valueOf(this.dataSource.getPoolName())).append(" - ")
			.append(String.format(reason(), ConnectionGuard.describeTransaction(transaction, stack)));
		if (held >= 0) {
			message.append(", connection held ").append(held).append(" ms");
		}
		String failedAt = CallSites.format(CallSites.firstApplicationFrame(stack));
		if (failedAt != null) {
			message.append(", next statement at ").append(failedAt);
		}
		message.append(')');
		// only a call made while this connection was held explains its timeout
		Violation last = violationWhileHeld();
		if (last != null) {
			message.append("; it held the connection across ").append(last.call().target());
			if (last.callSite() != null) {
				message.append(" at ").append(last.callSite());
			}
		}
		message.append(". Move the remote call out of the transaction.");
		return message.toString();
	}

}
