package io.github.poolpilot.metrics;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.sizing.SizingController;
import org.jspecify.annotations.Nullable;

/**
 * Reads each pool's {@link io.github.poolpilot.load.PoolLoad load} over its recent window
 * for the endpoint and the {@code poolpilot.*} meters, and attaches the one recommended
 * size: the sizing controller's target when it runs, otherwise Little's law with
 * headroom. Reading happens off the connection path.
 *
 * @author Pool Pilot contributors
 */
public class LoadSampler {

	private final double targetUtilization;

	private final @Nullable SizingController sizing;

	/**
	 * Create a sampler.
	 * @param targetUtilization share of the pool the load may keep busy, in (0, 1]; the
	 * rest is headroom
	 * @param sizing the sizing controller whose target is the recommended size, or
	 * {@code null} when sizing is off
	 */
	public LoadSampler(double targetUtilization, @Nullable SizingController sizing) {
		this.targetUtilization = targetUtilization;
		this.sizing = sizing;
	}

	/**
	 * Return a pool's load over its recent window.
	 * @param pool the pool
	 * @return the measured load and recommended size
	 */
	public MeasuredLoad measure(ManagedPool pool) {
		MeasuredLoad load = MeasuredLoad.of(pool.load().recent(), this.targetUtilization,
				pool.databaseFacts().connectionBudget());
		double target = (this.sizing != null) ? this.sizing.target(pool.name()) : Double.NaN;
		return Double.isNaN(target) ? load : load.recommendedByController((int) target);
	}

}
