package io.github.poolpilot.benchmarks.scenario;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What one request does with the connection it borrowed: one transaction's worth of
 * statements.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
interface Work {

	/**
	 * Run the request's statements.
	 * @param connection the borrowed connection
	 * @throws SQLException if a statement fails
	 */
	void run(Connection connection) throws SQLException;

	/**
	 * Return work that runs one query and reads its single row.
	 * @param sql the query
	 * @return the work
	 */
	static Work query(String sql) {
		return (connection) -> {
			try (var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
				result.next();
			}
		};
	}

}
