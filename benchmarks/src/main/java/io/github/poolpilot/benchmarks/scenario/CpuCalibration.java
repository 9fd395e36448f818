package io.github.poolpilot.benchmarks.scenario;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sizes the CPU-bound scenario on this machine: a {@code generate_series} aggregate that
 * keeps one database core busy for about {@link #TARGET_MILLIS} ms, and what the
 * database's cores can serve of it: the larger of the cores' count over the query's
 * fastest time alone and what {@link #CONNECTIONS} connections running back to back
 * served (the machine is shared, so either may be the higher). The scenario's arrivals
 * are set above that.
 *
 * @param sql the query
 * @param singleMillis the query's fastest time alone
 * @param measured queries per second served by {@link #CONNECTIONS} connections running
 * back to back
 * @param cores the machine's cores, which the database shares with the load driver
 * @author Pool Pilot contributors
 */
record CpuCalibration(String sql, double singleMillis, double measured, int cores) {

	/**
	 * The CPU time one query should take.
	 */
	static final double TARGET_MILLIS = 15;

	/**
	 * Connections that measure the capacity: twice the cores, so that no core idles
	 * between queries.
	 */
	static final int CONNECTIONS = 8;

	/**
	 * Calibrate against a server.
	 * @param postgres the server
	 * @param seconds how long to measure the capacity
	 * @return the calibration
	 * @throws Exception if the server fails
	 */
	static CpuCalibration measure(Postgres postgres, double seconds) throws Exception {
		try (Connection connection = connect(postgres)) {
			double probe = fastest(connection, query(200_000), 5);
			long rows = Math.max(10_000, Math.round(200_000 * TARGET_MILLIS / probe / 10_000) * 10_000);
			String sql = query(rows);
			double single = fastest(connection, sql, 30);
			LongAdder done = new LongAdder();
			long end = System.nanoTime() + (long) (seconds * 1e9);
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				Connection own = connect(postgres);
				Thread thread = new Thread(() -> {
					try (own) {
						while (System.nanoTime() < end) {
							Work.query(sql).run(own);
							done.increment();
						}
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
				threads.add(thread);
				thread.start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
			return new CpuCalibration(sql, single, done.sum() / seconds, Runtime.getRuntime().availableProcessors());
		}
	}

	/**
	 * Return a rate above what the database's cores serve.
	 * @param factor how far above
	 * @return arrivals per second, rounded to 5
	 */
	double overload(double factor) {
		return Math.max(5, Math.round(capacity() * factor / 5) * 5);
	}

	/**
	 * Return what the database's cores can serve of the query.
	 * @return queries per second
	 */
	double capacity() {
		return Math.max(this.measured, this.cores * 1e3 / this.singleMillis);
	}

	/**
	 * Describe the calibration for the report.
	 * @return the text
	 */
	String describe() {
		return String.format(Locale.ROOT,
				"`%s` takes %.1f ms alone (%d cores: %.0f/s); %d connections back to back " + "served %.0f/s", this.sql,
				this.singleMillis, this.cores, this.cores * 1e3 / this.singleMillis, CONNECTIONS, this.measured);
	}

	private static String query(long rows) {
		return "select sum(i) from generate_series(1, " + rows + ") as s(i)";
	}

	private static double fastest(Connection connection, String sql, int times) throws SQLException {
		double fastest = Double.MAX_VALUE;
		for (int i = 0; i < times; i++) {
			long start = System.nanoTime();
			Work.query(sql).run(connection);
			fastest = Math.min(fastest, (System.nanoTime() - start) / 1e6);
		}
		return fastest;
	}

	private static Connection connect(Postgres postgres) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
	}

}
