package io.github.poolpilot.sizing;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The recent intervals of one pool as {@link SizingPolicy} remembers them: how many
 * callers arrived (served, timed out, or still queued at the end), how many were served,
 * and how long they held their connections. It answers two questions: what the offered
 * load is now (the newest intervals, merged until they rest on enough arrivals), and the
 * highest need over the shrink window. Offered load is arrivals, not the callers who
 * waited, so that a queue counts once and not once per interval it lasts.
 *
 * @author Pool Pilot contributors
 */
final class LoadWindow {

	/**
	 * Fewest arrivals behind a rate: fewer say more about chance than about the load.
	 */
	static final long MIN_ARRIVALS = 20;

	private final ArrayDeque<Interval> intervals = new ArrayDeque<>();

	private final long spanNanos;

	private int lastPending;

	LoadWindow(long spanNanos) {
		this.spanNanos = spanNanos;
	}

	/**
	 * Add one sample, taken when the policy's elapsed time was {@code at}.
	 * @param at the end of the sample on the policy's time line
	 * @param sample the sample
	 * @return the callers that arrived during the sample
	 */
	long add(long at, PoolSample sample) {
		long arrivals = sample.acquisitions() + sample.timeouts() + sample.pending() - this.lastPending;
		this.lastPending = sample.pending();
		this.intervals.addLast(new Interval(at, Math.max(0, sample.intervalNanos()), arrivals, sample.acquisitions(),
				sample.releases(), sample.holdNanos(), (double) sample.holdPercentileNanos() * sample.releases(),
				sample.remoteWaitNanos()));
		while (this.intervals.size() > 1 && this.intervals.peekFirst().at() <= at - this.spanNanos) {
			this.intervals.removeFirst();
		}
		return arrivals;
	}

	/**
	 * Return the newest intervals, merged newest first until they hold a number of
	 * arrivals and releases and span a given time, or the whole window.
	 * @param minNanos the least time the load is measured over
	 * @param minArrivals the fewest arrivals and releases it rests on
	 * @return the recent load
	 */
	Segment recent(long minNanos, long minArrivals) {
		Segment segment = new Segment();
		for (Iterator<Interval> it = this.intervals.descendingIterator(); it.hasNext()
				&& (segment.arrivals < minArrivals || segment.releases < minArrivals || segment.nanos < minNanos);) {
			segment.add(it.next());
		}
		return segment;
	}

	/**
	 * Return the highest connection need over the window, each part of it merged from
	 * consecutive intervals until it rests on {@link #MIN_ARRIVALS} arrivals.
	 * @param staffing the size a given load needs
	 * @return the highest need
	 */
	int highestNeed(Staffing staffing) {
		int highest = 0;
		Segment segment = new Segment();
		Segment last = null;
		for (Iterator<Interval> it = this.intervals.descendingIterator(); it.hasNext();) {
			segment.add(it.next());
			if (segment.arrivals >= MIN_ARRIVALS && segment.releases >= MIN_ARRIVALS) {
				highest = Math.max(highest, staffing.need(segment));
				last = segment;
				segment = new Segment();
			}
		}
		if (segment.nanos > 0) {
			// a short remainder joins the part before it
			if (last != null) {
				last.add(segment);
				segment = last;
			}
			highest = Math.max(highest, staffing.need(segment));
		}
		return highest;
	}

	/**
	 * The size that a given load needs.
	 */
	@FunctionalInterface
	interface Staffing {

		int need(Segment load);

	}

	/**
	 * One sample as the window keeps it.
	 */
	private record Interval(long at, long nanos, long arrivals, long acquisitions, long releases, long holdNanos,
			double weightedHoldPercentile, long remoteWaitNanos) {
	}

	/**
	 * Consecutive intervals taken together.
	 */
	static final class Segment {

		private long nanos;

		private long arrivals;

		private long acquisitions;

		private long releases;

		private long holdNanos;

		private double weightedHoldPercentile;

		private long remoteWaitNanos;

		private int intervals;

		private void add(Interval interval) {
			this.intervals++;
			this.nanos += interval.nanos();
			this.arrivals += interval.arrivals();
			this.acquisitions += interval.acquisitions();
			this.releases += interval.releases();
			this.holdNanos += interval.holdNanos();
			this.weightedHoldPercentile += interval.weightedHoldPercentile();
			this.remoteWaitNanos += interval.remoteWaitNanos();
		}

		private void add(Segment other) {
			this.intervals += other.intervals;
			this.nanos += other.nanos;
			this.arrivals += other.arrivals;
			this.acquisitions += other.acquisitions;
			this.releases += other.releases;
			this.holdNanos += other.holdNanos;
			this.weightedHoldPercentile += other.weightedHoldPercentile;
			this.remoteWaitNanos += other.remoteWaitNanos;
		}

		long nanos() {
			return this.nanos;
		}

		long arrivals() {
			return this.arrivals;
		}

		int intervals() {
			return this.intervals;
		}

		/**
		 * Return the offered rate: callers arrived per second, served or not.
		 * @return arrivals per second
		 */
		double offeredRate() {
			return (this.nanos > 0) ? Math.max(0, this.arrivals) * 1e9 / this.nanos : 0;
		}

		/**
		 * Return the served rate: connections handed out per second.
		 * @return acquisitions per second
		 */
		double servedRate() {
			return (this.nanos > 0) ? this.acquisitions * 1e9 / this.nanos : 0;
		}

		double holdPercentileNanos() {
			return (this.releases > 0) ? this.weightedHoldPercentile / this.releases : 0;
		}

		double meanHoldNanos() {
			return (this.releases > 0) ? (double) this.holdNanos / this.releases : 0;
		}

		double remoteWaitShare() {
			return (this.holdNanos > 0) ? Math.min(1, Math.max(0, (double) this.remoteWaitNanos / this.holdNanos)) : 0;
		}

		/**
		 * Return the offered load in connections by Little's law: the offered rate times
		 * the hold time at the policy's percentile.
		 * @return connections
		 */
		double offered() {
			return offeredRate() * holdPercentileNanos() / 1e9;
		}

	}

}
