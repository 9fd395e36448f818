package io.github.poolpilot.benchmarks.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The figures of one phase of a run (or of the whole run): requests by outcome,
 * throughput, latency from the intended start (failed requests count at the moment they
 * failed), hold time and connections.
 *
 * @param name the phase's name, or {@code all}
 * @param rate the planned arrival rate, per second (a ramp's mean)
 * @param seconds the phase's length
 * @param arrivals requests planned
 * @param ok requests that ran
 * @param timeouts requests that gave up waiting for a connection
 * @param errors requests that failed otherwise, were rejected by the driver or never
 * ended
 * @param throughput requests of the phase that succeeded, per second of the phase; a
 * request that ended after the phase (a backlog drained later) does not count
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param maxMillis highest latency
 * @param meanHoldMillis mean time a successful request held its connection
 * @param peakConnections most open connections in any sample
 * @param meanConnections mean open connections over the samples
 * @param endSize the pool's {@code maximumPoolSize} in the phase's last sample
 * @param settleSeconds time from the phase's start until the open connections stayed
 * within {@code max(1, 20%)} of their final count
 * @param timeoutsAfterSettling acquire timeouts of requests due after
 * {@code settleSeconds}
 * @author Pool Pilot contributors
 */
record PhaseStats(String name, double rate, double seconds, int arrivals, int ok, int timeouts, int errors,
		double throughput, double p50Millis, double p99Millis, double maxMillis, double meanHoldMillis,
		int peakConnections, double meanConnections, int endSize, double settleSeconds, int timeoutsAfterSettling) {

	/**
	 * Compute the figures of one phase.
	 * @param run the run
	 * @param index the phase's index
	 * @return the figures
	 */
	static PhaseStats of(Run run, int index) {
		Phase phase = run.phases().get(index);
		List<Sample> samples = run.samples(index);
		double settle = settleSeconds(samples, run.phaseStarts()[index]);
		long settledAt = run.phaseStarts()[index] + (long) (settle * 1e9);
		Requests requests = run.requests();
		long end = run.phaseStarts()[index + 1];
		return compute(phase.name(), phase.meanRate(), phase.seconds(), requests, (i) -> requests.phase[i] == index,
				(i) -> requests.ended[i] < end, samples, settle, (i) -> requests.intended[i] >= settledAt);
	}

	/**
	 * Compute the figures of a whole run.
	 * @param run the run
	 * @return the figures
	 */
	static PhaseStats all(Run run) {
		long[] starts = run.phaseStarts();
		double seconds = starts[starts.length - 1] / 1e9;
		double rate = run.requests().size() / seconds;
		long end = starts[starts.length - 1];
		Requests requests = run.requests();
		return compute("all", rate, seconds, requests, (i) -> true, (i) -> requests.ended[i] < end, run.samples(), 0,
				(i) -> true);
	}

	/**
	 * Compute the figures of a run from a given time on.
	 * @param run the run
	 * @param fromSeconds where to start, in seconds since the run started
	 * @return the figures
	 */
	static PhaseStats from(Run run, double fromSeconds) {
		long[] starts = run.phaseStarts();
		long from = (long) (fromSeconds * 1e9);
		double seconds = (starts[starts.length - 1] - from) / 1e9;
		Requests requests = run.requests();
		long count = Arrays.stream(requests.intended).filter((t) -> t >= from).count();
		return compute("from " + fromSeconds + " s", count / seconds, seconds, requests,
				(i) -> requests.intended[i] >= from, (i) -> requests.ended[i] < starts[starts.length - 1],
				run.samplesFrom(from / 1_000_000), 0, (i) -> true);
	}

	private static PhaseStats compute(String name, double rate, double seconds, Requests requests, IntPredicate member,
			IntPredicate inTime, List<Sample> samples, double settle, IntPredicate afterSettling) {
		int arrivals = 0;
		int ok = 0;
		int served = 0;
		int timeouts = 0;
		int late = 0;
		long hold = 0;
		long[] latencies = new long[requests.size()];
		int ended = 0;
		for (int i = 0; i < requests.size(); i++) {
			if (!member.test(i)) {
				continue;
			}
			arrivals++;
			if (requests.outcome[i] == Requests.OK) {
				ok++;
				served += inTime.test(i) ? 1 : 0;
				hold += requests.hold(i);
			}
			else if (requests.outcome[i] == Requests.ACQUIRE_TIMEOUT) {
				timeouts++;
				late += afterSettling.test(i) ? 1 : 0;
			}
			long latency = requests.latency(i);
			if (latency >= 0) {
				latencies[ended++] = latency;
			}
		}
		Arrays.sort(latencies, 0, ended);
		int peak = samples.stream().mapToInt(Sample::total).max().orElse(0);
		double mean = samples.stream().mapToInt(Sample::total).average().orElse(0);
		int endSize = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).maximumPoolSize();
		return new PhaseStats(name, rate, seconds, arrivals, ok, timeouts, arrivals - ok - timeouts, served / seconds,
				percentile(latencies, ended, 0.50), percentile(latencies, ended, 0.99),
				percentile(latencies, ended, 1.0), (ok > 0) ? hold / 1e6 / ok : 0, peak, mean, endSize, settle, late);
	}

	private static double percentile(long[] sorted, int count, double p) {
		if (count == 0) {
			return Double.NaN;
		}
		int index = Math.min(count - 1, (int) Math.ceil(p * count) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	private static double settleSeconds(List<Sample> samples, long phaseStart) {
		if (samples.isEmpty()) {
			return 0;
		}
		int end = samples.get(samples.size() - 1).total();
		int band = Math.max(1, (int) Math.round(end * 0.2));
		for (int i = samples.size() - 1; i >= 0; i--) {
			if (Math.abs(samples.get(i).total() - end) > band) {
				return Math.max(0, samples.get(i).millis() + PoolSampler.PERIOD_MS - phaseStart / 1_000_000) / 1e3;
			}
		}
		return 0;
	}

}
