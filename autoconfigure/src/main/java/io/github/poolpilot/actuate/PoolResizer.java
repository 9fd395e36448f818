package io.github.poolpilot.actuate;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.ManagedPool;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Changes a running pool's size on request, after checking the request against the pool
 * and its database: a maximum of at least 1 and within the database's connection budget,
 * a minimum that is not negative and not above the maximum. A rejected request changes
 * nothing and raises an {@link InvalidEndpointRequestException}, which the actuator turns
 * into HTTP 400. Changes go through HikariCP's {@link HikariConfigMXBean}, which the pool
 * reads on every fill and housekeeping run.
 *
 * @author Pool Pilot contributors
 */
public class PoolResizer {

	private static final Log logger = LogFactory.getLog(PoolResizer.class);

	/**
	 * Apply a change to a pool.
	 * @param pool the pool
	 * @param maximumPoolSize the new maximum, or {@code null} to keep it
	 * @param minimumIdle the new minimum, or {@code null} to keep it
	 * @param softEvict whether to retire idle connections now
	 * @return what changed
	 * @throws InvalidEndpointRequestException when the request is invalid; nothing was
	 * changed
	 */
	public synchronized PoolChange change(ManagedPool pool, @Nullable Integer maximumPoolSize,
			@Nullable Integer minimumIdle, boolean softEvict) {
		HikariConfigMXBean config = pool.dataSource().getHikariConfigMXBean();
		int oldMax = config.getMaximumPoolSize();
		int oldMin = effectiveMinimumIdle(config);
		int newMax = (maximumPoolSize != null) ? maximumPoolSize : oldMax;
		int newMin = (minimumIdle != null) ? minimumIdle : oldMin;
		check(pool, maximumPoolSize, minimumIdle, softEvict, newMax, newMin);
		// keep minimum <= maximum at every step, for the pool's fill thread that reads
		// both
		if (newMax >= oldMax) {
			config.setMaximumPoolSize(newMax);
			config.setMinimumIdle(newMin);
		}
		else {
			config.setMinimumIdle(newMin);
			config.setMaximumPoolSize(newMax);
		}
		HikariPoolMXBean state = pool.poolMXBean();
		boolean evicted = softEvict && state != null;
		if (evicted) {
			state.softEvictConnections();
		}
		logger.info(pool.name() + " - maximumPoolSize " + oldMax + " -> " + newMax + ", minimumIdle " + oldMin + " -> "
				+ newMin + (evicted ? ", idle connections soft-evicted" : "") + " (through the pool endpoint)");
		return new PoolChange(pool.name(), oldMax, newMax, oldMin, newMin, evicted);
	}

	private void check(ManagedPool pool, @Nullable Integer maximumPoolSize, @Nullable Integer minimumIdle,
			boolean softEvict, int newMax, int newMin) {
		if (maximumPoolSize == null && minimumIdle == null && !softEvict) {
			throw invalid(pool, "nothing to change: send maximumPoolSize, minimumIdle or softEvict=true");
		}
		if (maximumPoolSize != null && maximumPoolSize < 1) {
			throw invalid(pool, "maximumPoolSize must be at least 1, not " + maximumPoolSize);
		}
		if (minimumIdle != null && minimumIdle < 0) {
			throw invalid(pool, "minimumIdle must not be negative, not " + minimumIdle);
		}
		if (newMin > newMax) {
			throw invalid(pool, "minimumIdle (" + newMin + ") must not be above maximumPoolSize (" + newMax + ")"
					+ ((minimumIdle != null) ? "" : "; send a lower minimumIdle as well"));
		}
		Integer budget = pool.databaseFacts().connectionBudget();
		if (maximumPoolSize != null && budget != null && maximumPoolSize > budget) {
			throw invalid(pool,
					"maximumPoolSize (" + maximumPoolSize + ") is above the database's connection budget of " + budget
							+ " (its connection limit less reserved slots and other clients' connections at startup)");
		}
	}

	private static InvalidEndpointRequestException invalid(ManagedPool pool, String reason) {
		String message = pool.name() + " - " + reason + "; nothing was changed";
		return new InvalidEndpointRequestException(message, message);
	}

	/**
	 * Return the minimum number of idle connections HikariCP applies: an unset or too
	 * large value means the maximum pool size.
	 * @param config the pool's configuration
	 * @return the effective minimum
	 */
	static int effectiveMinimumIdle(HikariConfigMXBean config) {
		int min = config.getMinimumIdle();
		int max = config.getMaximumPoolSize();
		return (min < 0 || min > max) ? max : min;
	}

}
