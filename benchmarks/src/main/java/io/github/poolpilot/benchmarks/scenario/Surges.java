package io.github.poolpilot.benchmarks.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.github.poolpilot.sizing.SizingEvent;
import org.jspecify.annotations.Nullable;

/**
 * Figures of a run that its phase tables do not show: when callers started to queue, when
 * Pool Pilot first decided to grow, and the connection-seconds the pool kept open.
 *
 * @author Pool Pilot contributors
 */
final class Surges {

	/**
	 * A request counts as queued when it waited longer than this for its connection, as
	 * the controller's watch counts a borrow that waited: below it, the wait is the
	 * driver's own hand-off, not a queue.
	 */
	static final long QUEUED_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private Surges() {
	}

	/**
	 * Return the open connections integrated over the run's samples, each held until the
	 * next sample (the last for one period).
	 * @param run the run
	 * @return connection-seconds
	 */
	static double connectionSeconds(Run run) {
		List<Sample> samples = run.samples();
		double millis = 0;
		for (int i = 0; i < samples.size(); i++) {
			long next = (i + 1 < samples.size()) ? samples.get(i + 1).millis()
					: samples.get(i).millis() + PoolSampler.PERIOD_MS;
			millis += samples.get(i).total() * (double) (next - samples.get(i).millis());
		}
		return millis / 1e3;
	}

	/**
	 * Return the first growth Pool Pilot decided from a given time on.
	 * @param run the run
	 * @param fromNanos nanoseconds since the run's start
	 * @return the change, or {@code null} when it did not grow
	 */
	static @Nullable SizingEvent firstGrowth(Run run, long fromNanos) {
		return run.events()
			.stream()
			.filter((event) -> event.direction() == Direction.GROW && run.offsetNanos(event) >= fromNanos)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Return when the queue that was there at a given instant started: the arrival of the
	 * first request of the uninterrupted stretch in which at least one request was
	 * waiting for a connection (longer than {@link #QUEUED_NANOS}) that reaches back from
	 * that instant, or the latest such stretch before it when nobody waited then.
	 * @param run the run
	 * @param atNanos nanoseconds since the run's start
	 * @return nanoseconds since the run's start, or {@code -1} when nobody had waited
	 * before that instant
	 */
	static long queueStart(Run run, long atNanos) {
		Requests requests = run.requests();
		long[][] waits = new long[requests.size()][];
		int count = 0;
		for (int i = 0; i < requests.size(); i++) {
			long got = gotOrGaveUp(requests, i);
			if (requests.intended[i] <= atNanos && got - requests.intended[i] > QUEUED_NANOS) {
				waits[count++] = new long[] { requests.intended[i], got };
			}
		}
		long[][] sorted = Arrays.copyOf(waits, count);
		Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
		long start = -1;
		long end = Long.MIN_VALUE;
		for (long[] wait : sorted) {
			if (wait[0] > end) {
				start = wait[0];
			}
			end = Math.max(end, wait[1]);
		}
		return start;
	}

	private static long gotOrGaveUp(Requests requests, int i) {
		if (requests.acquired[i] >= 0) {
			return requests.acquired[i];
		}
		return (requests.outcome[i] == Requests.UNFINISHED) ? Long.MAX_VALUE : requests.ended[i];
	}

}
