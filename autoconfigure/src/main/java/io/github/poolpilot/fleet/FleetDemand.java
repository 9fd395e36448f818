package io.github.poolpilot.fleet;

import io.github.poolpilot.hikari.ManagedPool;
import org.jspecify.annotations.Nullable;

/**
 * How many connections a pool's load asks for, whatever its share: what each replica
 * publishes as its demand.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface FleetDemand {

	/**
	 * No measured demand: each pool asks for the size it started with.
	 */
	FleetDemand NONE = (pool) -> null;

	/**
	 * Return a pool's demand.
	 * @param pool the pool
	 * @return the connections it needs, or {@code null} when not measured yet
	 */
	@Nullable Integer demand(ManagedPool pool);

}
