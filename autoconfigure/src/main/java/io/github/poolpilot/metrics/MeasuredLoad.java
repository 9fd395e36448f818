package io.github.poolpilot.metrics;

import io.github.poolpilot.load.LoadTotals;
import org.jspecify.annotations.Nullable;

/**
 * A pool's load measured over the recent window, and the pool size recommended for it. By
 * Little's law the number of connections the load keeps busy on average is
 * {@code L = λ × W}, the acquire rate times the mean hold time. The recommended size is
 * the sizing controller's target when the controller runs, so that users see one figure;
 * without it, {@code L} divided by the target utilization, never above the database's
 * connection budget. Hold times are measured in nanoseconds; figures of an empty window
 * are {@code null}.
 *
 * @param windowSeconds how much time the figures cover (the configured window, or less
 * for a young pool)
 * @param acquisitions connections handed out in the window
 * @param releases connections returned in the window
 * @param timeouts callers that gave up waiting for a connection in the window
 * @param acquireRate connections handed out per second (λ)
 * @param holdMeanMillis mean time a connection was held
 * @param holdP50Millis median hold time
 * @param holdP95Millis 95th percentile of the hold time
 * @param holdP99Millis 99th percentile of the hold time
 * @param waitP50Millis median time a caller waited for a connection, counting callers
 * that gave up
 * @param waitP99Millis 99th percentile of the wait
 * @param concurrency connections the load keeps busy on average ({@code L = λ × W})
 * @param recommendedSize the maximum pool size recommended for the pool
 * @param recommendedBy who recommends it: {@value #SIZING_CONTROLLER} or
 * {@value #LITTLES_LAW}
 * @author Pool Pilot contributors
 */
public record MeasuredLoad(double windowSeconds, long acquisitions, long releases, long timeouts, double acquireRate,
		@Nullable Double holdMeanMillis, @Nullable Double holdP50Millis, @Nullable Double holdP95Millis,
		@Nullable Double holdP99Millis, @Nullable Double waitP50Millis, @Nullable Double waitP99Millis,
		@Nullable Double concurrency, @Nullable Integer recommendedSize, String recommendedBy) {

	/**
	 * The recommended size is the sizing controller's target
	 * ({@code poolpilot.sizing.*}).
	 */
	public static final String SIZING_CONTROLLER = "sizing-controller";

	/**
	 * The recommended size is the window's {@code L} with headroom, the controller being
	 * off.
	 */
	public static final String LITTLES_LAW = "littles-law";

	private static final double NANOS_PER_MILLI = 1e6;

	/**
	 * Compute the figures of a window, recommending a size by Little's law.
	 * @param window the window's totals
	 * @param targetUtilization share of the pool the load may keep busy, in (0, 1]
	 * @param budget the database's connection budget, or {@code null} when unknown
	 * @return the measured load
	 */
	static MeasuredLoad of(LoadTotals window, double targetUtilization, @Nullable Integer budget) {
		double seconds = Math.max(1, window.nanos()) / 1e9;
		double rate = window.acquisitions() / seconds;
		long releases = window.releases();
		Double holdMean = null;
		Double concurrency = null;
		Integer recommended = null;
		if (releases > 0) {
			holdMean = (double) window.holdNanos() / releases / NANOS_PER_MILLI;
			concurrency = rate * holdMean / 1000;
			int size = (int) Math.max(1, Math.ceil(concurrency / targetUtilization));
			recommended = (budget != null) ? Math.min(size, budget) : size;
		}
		return new MeasuredLoad(seconds, window.acquisitions(), releases, window.timeouts(), rate, holdMean,
				millis(window.holdNanos(0.50)), millis(window.holdNanos(0.95)), millis(window.holdNanos(0.99)),
				millis(window.waitNanos(0.50)), millis(window.waitNanos(0.99)), concurrency, recommended, LITTLES_LAW);
	}

	/**
	 * Return these figures with the sizing controller's target as the recommended size.
	 * @param target the controller's target {@code maximumPoolSize}
	 * @return the figures
	 */
	MeasuredLoad recommendedByController(int target) {
		return new MeasuredLoad(this.windowSeconds, this.acquisitions, this.releases, this.timeouts, this.acquireRate,
				this.holdMeanMillis, this.holdP50Millis, this.holdP95Millis, this.holdP99Millis, this.waitP50Millis,
				this.waitP99Millis, this.concurrency, target, SIZING_CONTROLLER);
	}

	private static @Nullable Double millis(double nanos) {
		return Double.isNaN(nanos) ? null : nanos / NANOS_PER_MILLI;
	}

}
