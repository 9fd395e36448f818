package io.github.poolpilot.sizing;

import org.jspecify.annotations.Nullable;

/**
 * What one pool did during one sampling interval, and its state at the end of it: the
 * input of {@link SizingPolicy}. Counts and times are for the interval only; connection
 * counts are read at its end. Plain values, so that a policy can be tested without a
 * clock or a pool.
 *
 * @param intervalNanos length of the interval
 * @param acquisitions connections handed out during the interval
 * @param acquireWaitNanos total time callers waited for the connections they got
 * @param timeouts callers that gave up waiting
 * @param releases connections returned
 * @param holdNanos total time the returned connections were held
 * @param holdPercentileNanos hold time at the policy's percentile (see
 * {@link SizingSettings#holdTimePercentile()})
 * @param remoteWaitNanos part of the hold time that connections sat idle across remote
 * calls
 * @param active connections in use at the end of the interval
 * @param idle idle connections at the end of the interval
 * @param pending threads waiting for a connection at the end of the interval
 * @param maximumPoolSize the pool's current {@code maximumPoolSize}
 * @param minimumIdle the pool's current {@code minimumIdle}
 * @param connectionTimeoutNanos how long a caller waits before it times out
 * @param connectionOpenNanos how long the pool took to open one connection, on average
 * over the latest connections it opened, or 0 when it opened none yet
 * @param connectionsOpened connections the pool opened during the interval
 * @param connectionBudget how many connections this pool may hold: the database's budget,
 * the replica's fleet share or, in {@code auto} mode, the application's own
 * {@code maximumPoolSize} when that is lower; {@code null} when unknown
 * @author Pool Pilot contributors
 */
public record PoolSample(long intervalNanos, long acquisitions, long acquireWaitNanos, long timeouts, long releases,
		long holdNanos, long holdPercentileNanos, long remoteWaitNanos, int active, int idle, int pending,
		int maximumPoolSize, int minimumIdle, long connectionTimeoutNanos, long connectionOpenNanos,
		long connectionsOpened, @Nullable Integer connectionBudget) {

	private static final double NANOS_PER_SECOND = 1e9;

	/**
	 * Return the rate at which connections were handed out, which is the arrival rate as
	 * long as callers did not time out.
	 * @return acquisitions per second
	 */
	public double acquireRate() {
		return (this.intervalNanos > 0) ? this.acquisitions * NANOS_PER_SECOND / this.intervalNanos : 0;
	}

	/**
	 * Return the mean hold time of the connections returned in the interval.
	 * @return nanoseconds, 0 when none was returned
	 */
	public double meanHoldNanos() {
		return (this.releases > 0) ? (double) this.holdNanos / this.releases : 0;
	}

	/**
	 * Return the connections needed to serve the interval's arrivals by Little's law: the
	 * acquire rate times the hold time at the policy's percentile.
	 * @return connections
	 */
	public double busyConnections() {
		return acquireRate() * this.holdPercentileNanos / NANOS_PER_SECOND;
	}

	/**
	 * Return the number of callers that waited for a connection: the mean by Little's law
	 * on the wait queue (the total wait, counting a timed-out caller as having waited its
	 * full timeout, over the interval), or the callers still waiting at the end of the
	 * interval when there are more of them.
	 * @return callers
	 */
	public double waitingCallers() {
		if (this.intervalNanos <= 0) {
			return this.pending;
		}
		double waited = this.acquireWaitNanos + (double) this.timeouts * this.connectionTimeoutNanos;
		return Math.max(waited / this.intervalNanos, this.pending);
	}

	/**
	 * Return the share of hold time that connections sat idle across remote calls.
	 * @return a ratio in [0, 1]
	 */
	public double remoteWaitShare() {
		return (this.holdNanos > 0) ? Math.min(1, Math.max(0, (double) this.remoteWaitNanos / this.holdNanos)) : 0;
	}

}
