package io.github.poolpilot.sizing;

import io.github.poolpilot.hikari.ManagedPool;
import org.jspecify.annotations.Nullable;

/**
 * How many connections a pool may hold at most, whatever its load: the upper bound the
 * sizing controller never sizes a pool above. The default is the budget the database
 * reported at startup; a fleet of replicas replaces it with the share each replica holds,
 * and names it so in the reasons of the decisions it caps.
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

	/**
	 * Name a limit this budget gave, for the reason of a decision that it caps.
	 * @param pool the pool
	 * @param limit the limit {@link #limit(ManagedPool)} returned
	 * @return the words for it, such as {@code the database's connection budget of 20}
	 */
	default String describe(ManagedPool pool, int limit) {
		return SizingReasons.budget(limit);
	}

}
