package io.github.poolpilot.hikari;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.jspecify.annotations.Nullable;

/**
 * Tells a pool's {@link PoolEventListener listeners} when HikariCP evicts, as broken, the
 * connection the current thread is using. HikariCP reports no release for such a
 * connection (its proxy is closed before the caller returns it), so without this a lease
 * opened on borrow would stay open for ever. HikariCP asks its
 * {@link SQLExceptionOverride} about every failed statement, on the thread that ran it,
 * and evicts by a fixed rule ({@code ProxyConnection.checkException}) that this class
 * mirrors. The application's own override keeps deciding; this one only listens.
 *
 * @author Pool Pilot contributors
 */
public final class BrokenConnectionOverride implements SQLExceptionOverride {

	// HikariCP's ProxyConnection: SQLSTATEs and vendor codes that mark a connection
	// broken, besides class 08
	private static final Set<String> BROKEN_STATES = Set.of("0A000", "57P01", "57P02", "57P03", "01002", "JZ0C0",
			"JZ0C1");

	private static final Set<Integer> BROKEN_CODES = Set.of(500150, 2399, 1105);

	private final @Nullable SQLExceptionOverride delegate;

	private final PoolPilotMetricsTrackerFactory events;

	BrokenConnectionOverride(@Nullable SQLExceptionOverride delegate, PoolPilotMetricsTrackerFactory events) {
		this.delegate = delegate;
		this.events = events;
	}

	@java.lang.Override
	public Override adjudicate(SQLException exception) {
		Override decision = (this.delegate != null) ? this.delegate.adjudicate(exception) : Override.CONTINUE_EVICT;
		if (evicts(decision, exception)) {
			this.events.connectionEvicted();
		}
		return decision;
	}

	/**
	 * Return whether HikariCP evicts the connection that raised an exception, given an
	 * override's decision.
	 * @param decision what the override decided
	 * @param exception the exception
	 * @return whether the connection is evicted as broken
	 */
	public static boolean evicts(Override decision, SQLException exception) {
		if (decision == Override.DO_NOT_EVICT) {
			return false;
		}
		String state = exception.getSQLState();
		boolean brokenState = state != null && (state.startsWith("08") || BROKEN_STATES.contains(state));
		return decision == Override.MUST_EVICT || brokenState || BROKEN_CODES.contains(exception.getErrorCode());
	}

}
