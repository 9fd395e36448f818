package io.github.poolpilot.benchmarks;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pool that every thread of one benchmark trial shares: the {@link Variant} named by
 * the {@code variant} parameter, started and filled before the first warm-up iteration
 * and closed after the last measurement.
 *
 * @author Pool Pilot contributors
 */
@State(Scope.Benchmark)
public class PoolState {

	/**
	 * The variant's id, one of {@link Variant}'s.
	 */
	@Param({ "hikari-nometrics", "hikari", "poolpilot-nometrics", "poolpilot", "flexypool", "datasource-proxy" })
	public String variant = "hikari";

	private PoolUnderTest pool;

	/**
	 * Start and fill the pool.
	 * @throws SQLException if the pool fails
	 */
	@Setup(Level.Trial)
	public void start() throws SQLException {
		this.pool = Variant.of(this.variant).open();
		this.pool.fill();
	}

	/**
	 * Close the pool, after checking that it kept its size (FlexyPool may grow it).
	 * @throws Exception if closing fails
	 */
	@TearDown(Level.Trial)
	public void stop() throws Exception {
		int size = this.pool.pool().getMaximumPoolSize();
		this.pool.close();
		if (size != Variant.POOL_SIZE) {
			throw new IllegalStateException(this.variant + " ended with a pool of " + size + " instead of "
					+ Variant.POOL_SIZE + " connections; its figures are not comparable");
		}
	}

	/**
	 * Return the data source the benchmark calls.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.pool.dataSource();
	}

}
