package io.github.poolpilot.actuate;

import java.util.List;

import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.metrics.MeasuredLoad;
import org.jspecify.annotations.Nullable;

/**
 * Response of {@code GET /actuator/pool/{pool}}: one pool in full. Durations are in
 * milliseconds, as HikariCP configures them. The JDBC URL has its credentials masked; the
 * password is never part of the response.
 *
 * @param name the pool name
 * @param bean the data source bean name
 * @param configuration the configuration in effect
 * @param database what the database said about itself at startup
 * @param state the live state
 * @param load the load measured over the recent window, or {@code null} when not measured
 * @param holders the connections in use, longest held first, at most
 * {@code poolpilot.leases.max-listed}
 * @param advice the configuration mistakes found at startup
 * @param sizing the adaptive sizing controller's state and decisions, or
 * {@code {"enabled": false}}
 * @param guard the transaction-scope guard's findings for this pool, or
 * {@code {"enabled": false}}
 * @param fleet the pool's place in the fleet that shares its database's connection
 * budget, or {@code null} when the pool is in no fleet
 * @author Pool Pilot contributors
 */
public record PoolDescriptor(String name, String bean, Configuration configuration, Database database, State state,
		@Nullable MeasuredLoad load, List<Holder> holders, List<PoolAdvice> advice, Object sizing, Object guard,
		@Nullable Object fleet) {

	/**
	 * Creates a descriptor.
	 */
	public PoolDescriptor {
		holders = List.copyOf(holders);
		advice = List.copyOf(advice);
	}

	/**
	 * The configuration a pool runs with, read from HikariCP when asked, so runtime
	 * resizes show.
	 *
	 * @param jdbcUrl the JDBC URL with credentials masked
	 * @param username the database user
	 * @param maximumPoolSize the maximum number of connections
	 * @param minimumIdle the minimum number of idle connections
	 * @param connectionTimeoutMillis how long a caller waits for a connection
	 * @param validationTimeoutMillis how long a connection test may take
	 * @param idleTimeoutMillis how long a connection above the minimum may sit idle
	 * @param maxLifetimeMillis the longest a connection lives
	 * @param keepaliveTimeMillis how often idle connections are tested, 0 when off
	 * @param leakDetectionThresholdMillis how long a connection may be out before
	 * HikariCP logs a leak, 0 when off
	 * @param autoCommit whether connections are in auto-commit mode
	 * @param readOnly whether connections are read-only
	 */
	public record Configuration(String jdbcUrl, @Nullable String username, int maximumPoolSize, int minimumIdle,
			long connectionTimeoutMillis, long validationTimeoutMillis, long idleTimeoutMillis, long maxLifetimeMillis,
			long keepaliveTimeMillis, long leakDetectionThresholdMillis, boolean autoCommit, boolean readOnly) {

	}

	/**
	 * What the database said about itself when it was inspected at startup; unknown
	 * figures are {@code null}.
	 *
	 * @param product the database product
	 * @param maxConnections the server's connection limit
	 * @param reservedConnections slots the server keeps for superusers
	 * @param otherConnections connections other clients held at startup
	 * @param connectionBudget how many connections this pool may open
	 * @param problem why the database could not be read, free of credentials
	 */
	public record Database(@Nullable String product, @Nullable Integer maxConnections,
			@Nullable Integer reservedConnections, @Nullable Integer otherConnections,
			@Nullable Integer connectionBudget, @Nullable String problem) {

	}

	/**
	 * A pool's live state. Before the pool has started all connection counts are 0.
	 *
	 * @param started whether the pool has started
	 * @param total open connections
	 * @param active connections in use
	 * @param idle connections waiting in the pool
	 * @param pending threads waiting for a connection
	 * @param max the maximum pool size
	 * @param min the minimum number of idle connections
	 */
	public record State(boolean started, int total, int active, int idle, int pending, int max, int min) {

	}

	/**
	 * A connection in use: who holds it, for how long, in which transaction, and where
	 * the holder is now.
	 *
	 * @param thread the holding thread's name
	 * @param threadId the holding thread's id
	 * @param threadState what the thread is doing (RUNNABLE, WAITING...)
	 * @param heldMillis how long the connection has been held
	 * @param transaction the Spring transaction holding it, or {@code null} when none
	 * @param frame the thread's top application frame now, or {@code null} when only
	 * framework code shows
	 */
	public record Holder(String thread, long threadId, Thread.State threadState, long heldMillis,
			@Nullable String transaction, @Nullable String frame) {

	}

}
