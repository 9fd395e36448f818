package io.github.poolpilot.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * One started variant: the data source the benchmark calls, the HikariCP pool underneath
 * it, and what closes them both.
 *
 * @author Pool Pilot contributors
 */
final class PoolUnderTest implements AutoCloseable {

	private final Variant variant;

	private final DataSource dataSource;

	private final HikariDataSource pool;

	private final AutoCloseable resources;

	PoolUnderTest(Variant variant, DataSource dataSource, HikariDataSource pool, AutoCloseable resources) {
		this.variant = variant;
		this.dataSource = dataSource;
		this.pool = pool;
		this.resources = resources;
	}

	/**
	 * Return the variant.
	 * @return the variant
	 */
	Variant variant() {
		return this.variant;
	}

	/**
	 * Return the data source that application code would call.
	 * @return the data source
	 */
	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Return the HikariCP pool underneath.
	 * @return the pool
	 */
	HikariDataSource pool() {
		return this.pool;
	}

	/**
	 * Borrow every connection of the pool at once and give them back, so that measuring
	 * starts with a full pool and never times the opening of a physical connection.
	 * @throws SQLException if the pool fails
	 */
	void fill() throws SQLException {
		Connection[] connections = new Connection[Variant.POOL_SIZE];
		for (int i = 0; i < connections.length; i++) {
			connections[i] = this.dataSource.getConnection();
		}
		for (Connection connection : connections) {
			connection.close();
		}
	}

	@Override
	public void close() throws Exception {
		this.resources.close();
	}

}
