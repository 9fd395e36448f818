package io.github.poolpilot.hikari;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a pool's database said about itself when it was inspected once at startup: its
 * product, its connection limit and how much of it is taken, and the server-side timeouts
 * a pool must stay below. Every figure is {@code null} when unknown; {@link #problem()}
 * says why the database could not be read.
 *
 * @param product the database product name, or {@code null} when not inspected
 * @param maxConnections the server's connection limit ({@code max_connections})
 * @param reservedConnections slots the server keeps for superusers or other roles
 * @param otherConnections connections held by other clients when the database was
 * inspected
 * @param idleSessionTimeout the server's idle timeout for a session
 * ({@code idle_session_timeout} on PostgreSQL, {@code wait_timeout} on MySQL and
 * MariaDB); {@code null} or zero when disabled
 * @param idleInTransactionTimeout PostgreSQL's
 * {@code idle_in_transaction_session_timeout}
 * @param problem why the database could not be read, with credentials removed;
 * {@code null} when it was
 * @author Pool Pilot contributors
 */
public record DatabaseFacts(@Nullable String product, @Nullable Integer maxConnections,
		@Nullable Integer reservedConnections, @Nullable Integer otherConnections,
		@Nullable Duration idleSessionTimeout, @Nullable Duration idleInTransactionTimeout, @Nullable String problem) {

	/**
	 * Facts for a database that was not inspected (unknown product, or inspection
	 * switched off).
	 */
	public static final DatabaseFacts UNKNOWN = new DatabaseFacts(null, null, null, null, null, null, null);

	/**
	 * Facts for a database that could not be read.
	 * @param product the product, if known from the JDBC URL
	 * @param problem the reason, already free of credentials
	 * @return the facts
	 */
	public static DatabaseFacts unreadable(@Nullable String product, String problem) {
		return new DatabaseFacts(product, null, null, null, null, null, problem);
	}

	/**
	 * Return how many connections this pool may open without taking the server's last
	 * slots: the connection limit minus reserved slots and the connections other clients
	 * already hold.
	 * @return the budget, at least 1, or {@code null} when the limit is unknown
	 */
	public @Nullable Integer connectionBudget() {
		if (this.maxConnections == null) {
			return null;
		}
		int budget = this.maxConnections - orZero(this.reservedConnections) - orZero(this.otherConnections);
		return Math.max(1, budget);
	}

	/**
	 * Return the idle session timeout when the server enforces one.
	 * @return the positive timeout, or {@code null}
	 */
	public @Nullable Duration enforcedIdleSessionTimeout() {
		return (this.idleSessionTimeout != null && !this.idleSessionTimeout.isNegative()
				&& !this.idleSessionTimeout.isZero()) ? this.idleSessionTimeout : null;
	}

	private static int orZero(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
