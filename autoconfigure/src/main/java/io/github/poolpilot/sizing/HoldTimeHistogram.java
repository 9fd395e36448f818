package io.github.poolpilot.sizing;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free, preallocated histogram of connection hold times in nanoseconds, precise to about 6%: each power
 * of two is split into 8 linear buckets (the layout of HdrHistogram at one significant digit). Recording is an
 * index computation and one atomic increment; readers take snapshots and subtract the previous one to get an
 * interval's distribution.
 */
final class HoldTimeHistogram {

	private static final int SUB_BITS = 3;

	private static final int SUB_BUCKETS = 1 << SUB_BITS;

	static final int BUCKETS = SUB_BUCKETS * (64 - SUB_BITS);

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	/**
	 * Count one hold time.
	 * @param nanos the hold time; negative values count as 0
	 */
	void record(long nanos) {
		this.counts.incrementAndGet(index(Math.max(0, nanos)));
	}

	/**
	 * Copy the counts into the given array.
	 * @param into an array of {@link #BUCKETS} counts
	 */
	void snapshot(long[] into) {
		for (int i = 0; i < BUCKETS; i++) {
			into[i] = this.counts.get(i);
		}
	}

	/**
	 * Return the value at a percentile of the counts in {@code now} minus those in {@code before}.
	 * @param now the later snapshot
	 * @param before the earlier snapshot
	 * @param percentile in (0, 1)
	 * @return the middle of the bucket holding that percentile, in nanoseconds; 0 when nothing was counted
	 */
	static long percentile(long[] now, long[] before, double percentile) {
		long total = 0;
		for (int i = 0; i < BUCKETS; i++) {
			total += now[i] - before[i];
		}
		if (total <= 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(percentile * total));
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += now[i] - before[i];
			if (seen >= rank) {
				long lower = lowerBound(i);
				return lower + (lowerBound(i + 1) - lower) / 2;
			}
		}
		return lowerBound(BUCKETS - 1);
	}

	static int index(long value) {
		if (value < SUB_BUCKETS) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
		return SUB_BUCKETS * (exponent - SUB_BITS + 1) + sub;
	}

	static long lowerBound(int index) {
		if (index < SUB_BUCKETS) {
			return index;
		}
		int exponent = index / SUB_BUCKETS + SUB_BITS - 1;
		long sub = index % SUB_BUCKETS;
		if (exponent >= 63) {
			return Long.MAX_VALUE;
		}
		return (SUB_BUCKETS + sub) << (exponent - SUB_BITS);
	}

}
