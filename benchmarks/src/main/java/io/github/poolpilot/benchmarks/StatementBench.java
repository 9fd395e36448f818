package io.github.poolpilot.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The statement cycle, HikariCP-benchmark's {@code StatementBench}:
 * {@code prepareStatement}, {@code execute}, {@code close} on a connection that the
 * thread holds for a whole iteration, which measures what the pool's and the decorators'
 * connection and statement wrappers add to every query. Every thread holds a connection,
 * so it runs with as many threads as the pool has connections; a contended variant would
 * only time out.
 *
 * @author Pool Pilot contributors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatementBench {

	static final String SQL = "INSERT INTO test (column) VALUES (?)";

	/**
	 * One statement cycle.
	 * @param held the thread's connection
	 * @return the statement's result, so that the cycle cannot be optimised away
	 * @throws SQLException if the pool fails
	 */
	@Benchmark
	@Threads(Variant.POOL_SIZE)
	public boolean uncontended(HeldConnection held) throws SQLException {
		PreparedStatement statement = held.connection.prepareStatement(SQL);
		boolean result = statement.execute();
		statement.close();
		return result;
	}

	/**
	 * The connection a benchmark thread holds for one iteration.
	 */
	@State(Scope.Thread)
	public static class HeldConnection {

		Connection connection;

		/**
		 * Borrow the connection.
		 * @param pool the pool
		 * @throws SQLException if the pool fails
		 */
		@Setup(Level.Iteration)
		public void borrow(PoolState pool) throws SQLException {
			this.connection = pool.dataSource().getConnection();
		}

		/**
		 * Return the connection.
		 * @throws SQLException if the pool fails
		 */
		@TearDown(Level.Iteration)
		public void giveBack() throws SQLException {
			this.connection.close();
		}

	}

}
