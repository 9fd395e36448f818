package io.github.poolpilot.benchmarks;

import io.github.poolpilot.benchmarks.jdbc.StubDriver;

/**
 * The database a {@link Variant}'s pool connects to: the stub driver, for the cost of the
 * pool alone, or a real server, for what a transaction costs the application.
 *
 * @param url the JDBC URL
 * @param driverClassName the JDBC driver
 * @param username the user to connect as, or an empty string for none
 * @author Pool Pilot contributors
 */
record JdbcTarget(String url, String driverClassName, String username) {

	/**
	 * The stub driver, whose connections and statements do nothing.
	 */
	static final JdbcTarget STUB = new JdbcTarget(Variant.JDBC_URL, StubDriver.class.getName(), "");

}
