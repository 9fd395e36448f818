package io.github.poolpilot.sizing;

import io.github.poolpilot.hikari.ManagedPool;
import org.jspecify.annotations.Nullable;

/**
 * How many connections a pool may hold at most, whatever its load: the upper bound the
 * sizing controller never sizes a pool above. The default is the budget the database
 * reported at startup; a fleet of replicas replaces it with the share each replica holds.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface ConnectionBudget {

	/**
	 * The budget the database reported at startup.
	 */
	ConnectionBudget DATABASE = (pool) -> pool.databaseFacts().connectionBudget();

	/**
	 * Return the most connections a pool may hold now.
	 * @param pool the pool
	 * @return the limit, or {@code null} when unknown
	 */
	@Nullable Integer limit(ManagedPool pool);

}
