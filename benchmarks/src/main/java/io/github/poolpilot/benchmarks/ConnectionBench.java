package io.github.poolpilot.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * The connection cycle, HikariCP-benchmark's {@code ConnectionBench}:
 * {@code getConnection()} then {@code close()}, which is all a pool and its decorators
 * add to an application's acquire and release path. Uncontended with as many threads as
 * the pool has connections, contended with twice as many, so that half the threads wait
 * and connections are handed over between threads.
 *
 * @author Pool Pilot contributors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConnectionBench {

	/**
	 * One connection cycle with a thread per connection.
	 * @param pool the pool
	 * @return the closed connection, so that the cycle cannot be optimised away
	 * @throws SQLException if the pool fails
	 */
	@Benchmark
	@Threads(Variant.POOL_SIZE)
	public Connection uncontended(PoolState pool) throws SQLException {
		return cycle(pool);
	}

	/**
	 * One connection cycle with two threads per connection.
	 * @param pool the pool
	 * @return the closed connection, so that the cycle cannot be optimised away
	 * @throws SQLException if the pool fails
	 */
	@Benchmark
	@Threads(2 * Variant.POOL_SIZE)
	public Connection contended(PoolState pool) throws SQLException {
		return cycle(pool);
	}

	private static Connection cycle(PoolState pool) throws SQLException {
		Connection connection = pool.dataSource().getConnection();
		connection.close();
		return connection;
	}

}
