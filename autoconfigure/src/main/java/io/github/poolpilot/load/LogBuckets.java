package io.github.poolpilot.load;

/**
 * Log-scale histogram buckets for non-negative integer readings: values 0 to 7 each have
 * their own bucket, and every power of two above is split into eight buckets, so a bucket
 * is at most 1/8 of its value wide (HdrHistogram's layout with three significant bits).
 * Readings above the last bucket fall into it.
 *
 * @author Pool Pilot contributors
 */
final class LogBuckets {

	private static final int SUB_BITS = 3;

	private static final int SUB_COUNT = 1 << SUB_BITS;

	private LogBuckets() {
	}

	/**
	 * Return how many buckets cover readings up to {@code 2^bits - 1}.
	 * @param bits the bit length of the largest reading to tell apart
	 * @return the bucket count
	 */
	static int count(int bits) {
		return SUB_COUNT + (bits - SUB_BITS) * SUB_COUNT;
	}

	/**
	 * Return the bucket of a reading.
	 * @param value the reading; negative readings count as 0
	 * @param count the number of buckets; larger readings go to the last one
	 * @return the bucket index
	 */
	static int index(long value, int count) {
		if (value < SUB_COUNT) {
			return (value > 0) ? (int) value : 0;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB_COUNT - 1);
		int index = SUB_COUNT + (exponent - SUB_BITS) * SUB_COUNT + sub;
		return Math.min(index, count - 1);
	}

	/**
	 * Return the smallest reading of a bucket.
	 * @param index the bucket index
	 * @return the lower bound, inclusive
	 */
	static long lowerBound(int index) {
		if (index < SUB_COUNT) {
			return index;
		}
		int shift = (index - SUB_COUNT) / SUB_COUNT;
		int sub = (index - SUB_COUNT) % SUB_COUNT;
		return (long) (SUB_COUNT + sub) << shift;
	}

	/**
	 * Return the first reading above a bucket.
	 * @param index the bucket index
	 * @return the upper bound, exclusive
	 */
	static long upperBound(int index) {
		if (index < SUB_COUNT) {
			return index + 1;
		}
		int shift = (index - SUB_COUNT) / SUB_COUNT;
		return lowerBound(index) + (1L << shift);
	}

	/**
	 * Return the value at a quantile of a histogram, as the middle of the bucket it falls
	 * in. A reading {@code v} of a clock that truncates stands for a true value in
	 * {@code [v, v + 1)}, so even the exact buckets report {@code v + 0.5}.
	 * @param counts the histogram
	 * @param total the sum of the counts
	 * @param quantile the quantile, in (0, 1]
	 * @return the value, or {@code NaN} when the histogram is empty
	 */
	static double quantile(long[] counts, long total, double quantile) {
		if (total <= 0) {
			return Double.NaN;
		}
		long rank = Math.max(1, (long) Math.ceil(quantile * total));
		long seen = 0;
		for (int i = 0; i < counts.length; i++) {
			seen += counts[i];
			if (seen >= rank) {
				return (lowerBound(i) + upperBound(i)) / 2.0;
			}
		}
		return (lowerBound(counts.length - 1) + upperBound(counts.length - 1)) / 2.0;
	}

}
