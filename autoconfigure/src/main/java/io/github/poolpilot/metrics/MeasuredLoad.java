package io.github.poolpilot.metrics;

import org.jspecify.annotations.Nullable;

/**
 * A pool's load measured over a recent window, and the pool size it calls for. By Little's law the number of
 * connections the load keeps busy on average is {@code L = λ × W}, the acquire rate times the mean hold time;
 * the recommended size adds headroom by dividing {@code L} by the target utilization, and never exceeds the
 * database's connection budget. HikariCP reports hold times in whole milliseconds (truncated), so each
 * reading {@code v} is taken for the middle of {@code [v, v + 1)}: a pool of sub-millisecond transactions
 * shows holds of 0.5 ms. Figures of an empty window are {@code null}.
 *
 * @param windowSeconds how much time the figures cover (the configured window, or less for a young pool)
 * @param acquisitions connections handed out in the window
 * @param releases connections returned in the window
 * @param timeouts callers that gave up waiting for a connection in the window
 * @param acquireRate connections handed out per second (λ)
 * @param holdMeanMillis mean time a connection was held
 * @param holdP50Millis median hold time
 * @param holdP95Millis 95th percentile of the hold time
 * @param holdP99Millis 99th percentile of the hold time
 * @param waitP50Millis median time a caller waited for a connection
 * @param waitP99Millis 99th percentile of the wait
 * @param concurrency connections the load keeps busy on average ({@code L = λ × W})
 * @param recommendedSize the maximum pool size the load calls for, with headroom
 */
public record MeasuredLoad(double windowSeconds, long acquisitions, long releases, long timeouts, double acquireRate,
		@Nullable Double holdMeanMillis, @Nullable Double holdP50Millis, @Nullable Double holdP95Millis,
		@Nullable Double holdP99Millis, @Nullable Double waitP50Millis, @Nullable Double waitP99Millis,
		@Nullable Double concurrency, @Nullable Integer recommendedSize) {

	/**
	 * Compute the figures of a window.
	 * @param totals the window's counts and histograms
	 * @param targetUtilization share of the pool the load may keep busy, in (0, 1]
	 * @param budget the database's connection budget, or {@code null} when unknown
	 * @return the measured load
	 */
	static MeasuredLoad of(LoadWindow.Totals totals, double targetUtilization, @Nullable Integer budget) {
		double seconds = totals.coveredNanos / 1e9;
		double rate = totals.acquisitions / seconds;
		Double holdMean = null;
		Double concurrency = null;
		Integer recommended = null;
		if (totals.releases > 0) {
			holdMean = (double) totals.heldMillis / totals.releases + 0.5;
			concurrency = rate * holdMean / 1000;
			int size = (int) Math.max(1, Math.ceil(concurrency / targetUtilization));
			recommended = (budget != null) ? Math.min(size, budget) : size;
		}
		return new MeasuredLoad(seconds, totals.acquisitions, totals.releases, totals.timeouts, rate, holdMean,
				quantile(totals.hold, totals.releases, 0.50, 1), quantile(totals.hold, totals.releases, 0.95, 1),
				quantile(totals.hold, totals.releases, 0.99, 1), quantile(totals.wait, totals.acquisitions, 0.50, 1e-6),
				quantile(totals.wait, totals.acquisitions, 0.99, 1e-6), concurrency, recommended);
	}

	private static @Nullable Double quantile(long[] histogram, long total, double quantile, double toMillis) {
		double value = LogBuckets.quantile(histogram, total, quantile);
		return Double.isNaN(value) ? null : value * toMillis;
	}

}
