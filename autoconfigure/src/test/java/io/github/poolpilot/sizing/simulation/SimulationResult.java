package io.github.poolpilot.sizing.simulation;

import java.util.List;

/**
 * What one simulated run measured. Latency is a request's whole time, from its arrival to
 * the end of its transaction, so that waiting for a connection counts; timed-out requests
 * count as timeouts, not latencies.
 *
 * @param p99HighMillis p99 latency of the requests that arrived in the judged window
 * @param p50HighMillis median latency of the same requests
 * @param throughputHigh transactions that ended in the judged window, per second
 * @param timeouts acquisitions that timed out in the whole run
 * @param peakSize the highest {@code maximumPoolSize} of the run
 * @param peakOpen the most connections open at once from the start of the judged window
 * @param settledOpen the median of the open connections over the last third of the run
 * @param connectionSeconds open connections integrated over the run
 * @param lambdaS the judged window's arrival rate times its mean hold time
 * @param firstGrowthMillis time from the start of the queue that was met by the first
 * growth after the window starts, to that growth; -1 without one
 * @param changeTimes when the pool's size changed, in seconds
 * @author Pool Pilot contributors
 */
record SimulationResult(double p99HighMillis, double p50HighMillis, double throughputHigh, long timeouts, int peakSize,
		int peakOpen, int settledOpen, double connectionSeconds, double lambdaS, double firstGrowthMillis,
		List<Double> changeTimes) {

	long changesAfter(double seconds) {
		return this.changeTimes.stream().filter((t) -> t >= seconds).count();
	}

}
