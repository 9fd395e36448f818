package io.github.poolpilot.hikari;

/**
 * One configuration mistake found in a pool at startup: which check found it, the
 * property to change, and a message that says what is wrong and what to set.
 *
 * @param check the check that produced the finding
 * @param property the property to change, as the user would write it
 * @param message what is wrong and the fix, without the pool name
 * @author Pool Pilot contributors
 */
public record PoolAdvice(Check check, String property, String message) {

	/**
	 * The checks made on every pool.
	 */
	public enum Check {

		/**
		 * {@code maxLifetime} is not below the server's idle session timeout.
		 */
		MAX_LIFETIME_ABOVE_SERVER_TIMEOUT,

		/**
		 * {@code leakDetectionThreshold} is set below 2000 ms, where HikariCP silently
		 * disables it.
		 */
		LEAK_DETECTION_DISABLED,

		/**
		 * {@code minimumIdle} is above {@code maximumPoolSize}.
		 */
		MIN_IDLE_ABOVE_MAX,

		/**
		 * {@code maximumPoolSize} is above the database's connection budget.
		 */
		POOL_ABOVE_DATABASE_BUDGET,

		/**
		 * {@code connectionTimeout} lets a caller wait longer than 30 seconds.
		 */
		CONNECTION_TIMEOUT_TOO_LONG,

		/**
		 * {@code keepaliveTime} is off, or HikariCP will turn it off.
		 */
		KEEPALIVE_OFF,

		/**
		 * The database's limits and timeouts could not be read.
		 */
		DATABASE_UNREADABLE

	}

}
