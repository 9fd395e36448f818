package io.github.poolpilot.sizing;

/**
 * Tells a pool that has stopped opening connections from one that opens them slowly: a
 * pool short of its maximum that opened no connection for half a second, or for four of
 * its connection open times when that is longer (never longer than the connection
 * timeout), has stalled. Only a stalled pool can be refused by its database; a busy
 * database that opens a connection every few hundred milliseconds, while callers time
 * out, has not refused anything.
 * <p>
 * It also remembers the size a refused pool backed off to: for a while after, the pool
 * holds every connection it may, its callers still queue, and growing would only ask the
 * database again for connections it refused.
 *
 * @author Pool Pilot contributors
 */
final class OpeningStall {

	/** The shortest time without a connection opened that counts as a stall. */
	static final long MIN_STALL_NANOS = 500_000_000L;

	/** The time without a connection opened that counts as a stall, in open times. */
	static final long STALL_OPENS = 4;

	private long stalledNanos;

	private long refusedUntil;

	private int refusedAbove = Integer.MAX_VALUE;

	/**
	 * Add one sample.
	 * @param sample the sample
	 * @return whether the pool, short of its maximum, has stalled
	 */
	boolean track(PoolSample sample) {
		boolean shortOf = sample.active() + sample.idle() < sample.maximumPoolSize();
		this.stalledNanos = (!shortOf || sample.connectionsOpened() > 0) ? 0
				: this.stalledNanos + Math.max(0, sample.intervalNanos());
		return shortOf && this.stalledNanos >= Math.min(sample.connectionTimeoutNanos(),
				Math.max(MIN_STALL_NANOS, STALL_OPENS * sample.connectionOpenNanos()));
	}

	/**
	 * Note that the database refused more connections than the pool holds.
	 * @param at the policy's time
	 * @param held the size the pool backs off to
	 * @param memoryNanos how long the refusal is remembered
	 */
	void refused(long at, int held, long memoryNanos) {
		this.refusedAbove = held;
		this.refusedUntil = at + memoryNanos;
	}

	/**
	 * Return the most connections growth may ask for: the size the pool backed off to
	 * after a refusal, while it is remembered.
	 * @param at the policy's time
	 * @return the size, or {@link Integer#MAX_VALUE} when no refusal is remembered
	 */
	int limit(long at) {
		return (at < this.refusedUntil) ? this.refusedAbove : Integer.MAX_VALUE;
	}

	/**
	 * Return how long the latest refusal is still remembered.
	 * @param at the policy's time
	 * @return nanoseconds, 0 when none is remembered
	 */
	long remembered(long at) {
		return Math.max(0, this.refusedUntil - at);
	}

}
