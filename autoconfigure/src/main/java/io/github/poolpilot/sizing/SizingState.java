package io.github.poolpilot.sizing;

/**
 * What a pool is doing, as its {@link SizingPolicy} sees it. Each decision names the
 * state the pool is in after it.
 *
 * @author Pool Pilot contributors
 */
public enum SizingState {

	/**
	 * The size serves the load: the pool grows for headroom and shrinks, late and in
	 * steps, to the highest need of the shrink window.
	 */
	STEADY,

	/**
	 * Callers queue for longer than a few hold times: the pool grows toward the offered
	 * load and each step is judged once the pool has opened its connections.
	 */
	SURGING,

	/**
	 * Growth made transactions slower without serving more: the database is saturated,
	 * and the pool stays at or below the size where that happened.
	 */
	SATURATED,

	/**
	 * A step down from a saturated size is being measured: fewer connections may serve as
	 * much with less waiting inside the database.
	 */
	PROBING,

	/**
	 * Callers wait while the pool cannot open the connections it is allowed: the database
	 * is down or out of connection slots, and the pool does not grow.
	 */
	STARVED

}
