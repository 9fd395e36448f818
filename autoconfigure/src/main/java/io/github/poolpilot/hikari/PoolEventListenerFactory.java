package io.github.poolpilot.hikari;

import org.jspecify.annotations.Nullable;

/**
 * Creates the {@link PoolEventListener} of one feature for one pool when that pool
 * starts. Features that need connection events (lease tracking, which also feeds each
 * pool's load) register a bean of this type.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface PoolEventListenerFactory {

	/**
	 * Create a listener for a pool that is starting.
	 * @param pool the pool
	 * @return the listener, or {@code null} for none
	 */
	@Nullable PoolEventListener create(ManagedPool pool);

}
