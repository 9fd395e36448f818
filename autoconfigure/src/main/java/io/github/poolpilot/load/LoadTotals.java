package io.github.poolpilot.load;

import java.util.Arrays;

/**
 * A pool's load over a span of time, read from its {@link PoolLoad}: borrows and their
 * waits, returns and their hold times, timeouts, and the two distributions. A caller that
 * timed out counts as a timeout, not as a borrow, but its wait stays in the wait
 * distribution, which describes every caller that waited. Immutable; subtracting an
 * earlier reading with {@link #since} gives the interval between them.
 *
 * @author Pool Pilot contributors
 */
public final class LoadTotals {

	private final long at;

	private final long nanos;

	private final long[] counts;

	LoadTotals(long at, long nanos, long[] counts) {
		this.at = at;
		this.nanos = Math.max(0, nanos);
		this.counts = counts;
	}

	/**
	 * Return the load between an earlier reading of the same pool and this one.
	 * @param earlier the earlier reading
	 * @return the interval's totals
	 */
	public LoadTotals since(LoadTotals earlier) {
		long[] difference = Arrays.copyOf(this.counts, this.counts.length);
		for (int i = 0; i < difference.length; i++) {
			difference[i] -= earlier.counts[i];
		}
		return new LoadTotals(this.at, this.at - earlier.at, difference);
	}

	/**
	 * Return how much time the figures cover.
	 * @return nanoseconds
	 */
	public long nanos() {
		return this.nanos;
	}

	/**
	 * Return how many connections were handed out.
	 * @return the count
	 */
	public long acquisitions() {
		return sum(PoolLoad.WAIT, PoolLoad.WAIT_BUCKETS) - timeouts();
	}

	/**
	 * Return the total time callers waited for the connections they got.
	 * @return nanoseconds
	 */
	public long acquireWaitNanos() {
		return this.counts[PoolLoad.WAIT_SUM];
	}

	/**
	 * Return how many callers gave up waiting for a connection.
	 * @return the count
	 */
	public long timeouts() {
		return this.counts[PoolLoad.TIMEOUTS];
	}

	/**
	 * Return how many connections were returned.
	 * @return the count
	 */
	public long releases() {
		return sum(PoolLoad.HOLD, PoolLoad.HOLD_BUCKETS);
	}

	/**
	 * Return the total time the returned connections were held.
	 * @return nanoseconds
	 */
	public long holdNanos() {
		return this.counts[PoolLoad.HOLD_SUM];
	}

	/**
	 * Return the hold time at a quantile, precise to about 6%.
	 * @param quantile in (0, 1]
	 * @return nanoseconds, {@code NaN} when no connection was returned
	 */
	public double holdNanos(double quantile) {
		return quantile(PoolLoad.HOLD, PoolLoad.HOLD_BUCKETS, quantile);
	}

	/**
	 * Return the wait of callers, served or timed out, at a quantile, precise to about
	 * 6%.
	 * @param quantile in (0, 1]
	 * @return nanoseconds, {@code NaN} when no caller waited
	 */
	public double waitNanos(double quantile) {
		return quantile(PoolLoad.WAIT, PoolLoad.WAIT_BUCKETS, quantile);
	}

	private double quantile(int from, int buckets, double quantile) {
		long[] histogram = Arrays.copyOfRange(this.counts, from, from + buckets);
		return LogBuckets.quantile(histogram, sum(from, buckets), quantile);
	}

	private long sum(int from, int buckets) {
		long sum = 0;
		for (int i = from; i < from + buckets; i++) {
			sum += this.counts[i];
		}
		return sum;
	}

}
