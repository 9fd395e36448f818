package io.github.poolpilot.sizing;

import io.github.poolpilot.hikari.ManagedPool;

/**
 * Which {@link SizingMode} the sizing controller runs each pool in: the mode the
 * application set, or, when it set none, the one that is safe for that pool.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface SizingModeResolver {

	/**
	 * Return the mode of a pool. Called at every sample, so it should be cheap after the
	 * first call for a pool.
	 * @param pool the pool
	 * @return the mode
	 */
	SizingMode mode(ManagedPool pool);

}
