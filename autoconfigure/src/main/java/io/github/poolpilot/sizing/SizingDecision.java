package io.github.poolpilot.sizing;

/**
 * What {@link SizingPolicy} decided for one pool after one sample: the size the pool
 * should have, which way that moves it, and why, in words a person can read in a log
 * line.
 *
 * @param maximumPoolSize the target {@code maximumPoolSize}
 * @param minimumIdle the target {@code minimumIdle}
 * @param direction whether the target grows, shrinks or keeps the size
 * @param demand the connections the load needs before headroom, as the policy estimated
 * it
 * @param reason why, for a person to read
 * @author Pool Pilot contributors
 */
public record SizingDecision(int maximumPoolSize, int minimumIdle, Direction direction, double demand, String reason) {

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
