package io.github.poolpilot.actuate;

import io.github.poolpilot.hikari.ManagedPool;
import org.jspecify.annotations.Nullable;

/**
 * Fills the {@code fleet} section of a pool in the {@code pool} endpoint with its place
 * in the fleet of replicas that share the database's connection budget: the fleet, the
 * budget, this replica's share and every replica's demand, share and lease age. The fleet
 * feature registers one bean of this type; a pool in no fleet has no {@code fleet}
 * section ({@code null}).
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface FleetSection {

	/**
	 * Describe a pool's place in its fleet.
	 * @param pool the pool
	 * @return an immutable record that serializes to JSON, or {@code null} when the pool
	 * is in no fleet
	 */
	@Nullable Object describe(ManagedPool pool);

}
