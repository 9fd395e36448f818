package io.github.poolpilot.benchmarks.scenario;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.sizing.SizingController;
import org.jspecify.annotations.Nullable;

/**
 * One started contender: the data source the load calls, the HikariCP pool underneath it,
 * Pool Pilot's sizing controller when there is one, and what closes them all.
 *
 * @param dataSource the data source that application code would call
 * @param pool the HikariCP pool underneath
 * @param controller Pool Pilot's sizing controller, or {@code null} for the other
 * contenders
 * @param resources what closes the pool and anything around it
 * @author Pool Pilot contributors
 */
record PoolUnderLoad(DataSource dataSource, HikariDataSource pool, @Nullable SizingController controller,
		AutoCloseable resources) implements AutoCloseable {

	/**
	 * Return the pool's MXBean, which exists once the pool has started.
	 * @return the MXBean
	 */
	HikariPoolMXBean poolBean() {
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		if (bean == null) {
			throw new IllegalStateException(this.pool.getPoolName() + " - the pool has not started");
		}
		return bean;
	}

	@Override
	public void close() throws Exception {
		this.resources.close();
	}

}
