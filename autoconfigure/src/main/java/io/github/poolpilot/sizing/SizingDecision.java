package io.github.poolpilot.sizing;

/**
 * What {@link SizingPolicy} decided for one pool after one sample: the size the pool
 * should have, which way that moves it, and why, in words a person can read in a log
 * line.
 *
 * @param maximumPoolSize the target {@code maximumPoolSize}
 * @param minimumIdle the target {@code minimumIdle}
 * @param direction whether the target grows, shrinks or keeps the size
 * @param state what the pool is doing after the decision
 * @param demand the size the policy wants before the upper bound
 * ({@code poolpilot.sizing.max-size}, the connection budget or fleet share, the
 * application's own maximum) caps it: the offered load with headroom, within the
 * saturation ceiling while one is remembered, and never below
 * {@code poolpilot.sizing.min-size}
 * @param reason why, for a person to read
 * @author Pool Pilot contributors
 */
public record SizingDecision(int maximumPoolSize, int minimumIdle, Direction direction, SizingState state, int demand,
		String reason) {

	/**
	 * Which way a decision moves the pool.
	 */
	public enum Direction {

		/**
		 * The pool gets more connections.
		 */
		GROW,

		/**
		 * The pool gets fewer connections.
		 */
		SHRINK,

		/**
		 * The pool keeps its size.
		 */
		HOLD

	}

}
