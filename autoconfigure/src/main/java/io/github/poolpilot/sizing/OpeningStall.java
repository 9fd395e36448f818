package io.github.poolpilot.sizing;

/**
 * Tells a pool that has stopped opening connections from one that opens them slowly: a
 * pool short of its maximum that opened no connection for half a second, or for four of
 * its connection open times when that is longer (never longer than the connection
 * timeout), has stalled. Only a stalled pool can be refused by its database; a busy
 * database that opens a connection every few hundred milliseconds, while callers time
 * out, has not refused anything.
 *
 * @author Pool Pilot contributors
 */
final class OpeningStall {

	/** The shortest time without a connection opened that counts as a stall. */
	static final long MIN_STALL_NANOS = 500_000_000L;

	/** The time without a connection opened that counts as a stall, in open times. */
	static final long STALL_OPENS = 4;

	private long stalledNanos;

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

}
