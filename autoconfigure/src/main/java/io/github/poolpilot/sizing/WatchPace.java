package io.github.poolpilot.sizing;

/**
 * How often the close watch samples a pool while callers wait. Each look decides while
 * the pool is changing; once {@link #STEADY_LOOKS} looks in a row changed nothing
 * (callers wait, but the pool is where the policy wants it: at a bound, saturated, or
 * only recommended), the time between samples doubles up to the controller's interval,
 * and the looks in between read only the number of waiters. A queue that grows past twice
 * what the last sample saw, and at least {@link #MIN_GROWTH_WAITERS} more, is sampled at
 * once, and so is every look after a change. Not thread-safe: the controller's thread
 * owns it, as the simulator's loop does.
 *
 * @author Pool Pilot contributors
 */
public final class WatchPace {

	/** Looks in a row that changed nothing before sampling slows down. */
	static final int STEADY_LOOKS = 100;

	/** The least growth of the queue that is sampled at once. */
	static final int MIN_GROWTH_WAITERS = 4;

	private final long lookNanos;

	private final long maxNanos;

	private int unchanged;

	private long delayNanos;

	private long dueAt;

	private int waitersAtSample;

	/**
	 * Create a pace.
	 * @param lookNanos the time between two looks
	 * @param maxNanos the longest time between two samples, the controller's interval
	 */
	public WatchPace(long lookNanos, long maxNanos) {
		this.lookNanos = lookNanos;
		this.maxNanos = Math.max(lookNanos, maxNanos);
		this.delayNanos = lookNanos;
	}

	/**
	 * Return whether a look that finds callers waiting should sample the pool.
	 * @param now the time of the look, in nanoseconds
	 * @param waiters the callers waiting now
	 * @return whether to sample
	 */
	public boolean due(long now, int waiters) {
		return this.unchanged < STEADY_LOOKS || now - this.dueAt >= 0
				|| waiters >= 2 * this.waitersAtSample + MIN_GROWTH_WAITERS;
	}

	/**
	 * Note a sample and what its decision did.
	 * @param now the time of the sample, in nanoseconds
	 * @param waiters the callers waiting at the sample
	 * @param changed whether the decision changed the pool's size (or its recommendation)
	 */
	public void sampled(long now, int waiters, boolean changed) {
		if (changed) {
			this.unchanged = 0;
			this.delayNanos = this.lookNanos;
		}
		else if (++this.unchanged >= STEADY_LOOKS) {
			this.delayNanos = Math.min(this.maxNanos, this.delayNanos * 2);
		}
		this.waitersAtSample = waiters;
		this.dueAt = now + this.delayNanos;
	}

	/**
	 * Start again at one sample per look, when the watch ends because nobody waits.
	 */
	public void reset() {
		this.unchanged = 0;
		this.delayNanos = this.lookNanos;
	}

}
