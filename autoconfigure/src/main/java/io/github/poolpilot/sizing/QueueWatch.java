package io.github.poolpilot.sizing;

import io.github.poolpilot.sizing.SizeStep.Measured;

/**
 * Follows the callers who wait for a connection and decides whether their queue grows:
 * they have waited for longer than a few hold times and arrived faster than the pool
 * served them, by more than chance. It counts the arrivals since the queue formed, not
 * counting the sample in which it appeared (a burst that arrived at once is not a queue
 * that grows), and their rate is what a surge is sized for.
 *
 * @author Pool Pilot contributors
 */
final class QueueWatch {

	/**
	 * Mean hold times that callers must stay queued for the queue to count as growing.
	 */
	static final int QUEUE_HOLDS = 2;

	/**
	 * How many standard deviations of chance (the square root of the arrivals) a queue
	 * must grow by to count as growing, its arrivals also being more than the pool
	 * serves: at a high utilization a queue comes and goes. One is enough with the other
	 * conditions: more would take a quarter of a second to see a rise of a fifth above
	 * what the pool serves, at 600 arrivals a second.
	 */
	static final int QUEUE_GROWTH_SIGMAS = 1;

	/** Fewest arrivals since a queue formed for their rate to count. */
	static final long QUEUE_MIN_ARRIVALS = 30;

	/**
	 * Longest that callers must stay queued before the queue counts as growing, however
	 * long the holds.
	 */
	private static final long MAX_QUEUE_NANOS = 1_000_000_000L;

	/** Shortest sample that tells on its own that a queue grew: one not polled into. */
	private static final long LONG_SAMPLE_NANOS = 500_000_000L;

	private long since = -1;

	private long arrivals;

	private long served;

	private long growthInSample;

	private Measured measured = new Measured();

	/**
	 * Add one sample.
	 * @param at the end of the sample on the policy's time line
	 * @param sample the sample
	 * @param arrivals the callers that arrived during the sample
	 */
	void track(long at, PoolSample sample, long arrivals) {
		this.growthInSample = arrivals - sample.acquisitions() - sample.timeouts();
		if (sample.pending() == 0) {
			this.since = -1;
		}
		else if (this.since < 0) {
			restart(at);
		}
		else {
			this.arrivals += arrivals;
			this.served += sample.acquisitions() + sample.timeouts();
			this.measured.add(sample);
		}
	}

	/**
	 * Forget the callers queued so far: those who queued while the pool could not open
	 * connections are not load, so a queue must grow anew once the pool is whole.
	 * @param at now, on the policy's time line
	 * @param sample the latest sample
	 */
	void forget(long at, PoolSample sample) {
		restart((sample.pending() > 0) ? at : -1);
	}

	/**
	 * Return whether callers queue and their queue grows: they have waited for longer
	 * than a few hold times, more arrived than the pool served by at least the chance
	 * variation of the arrivals (their square root), at a rate above what the pool's
	 * connections serve; or a long sample, which the controller did not poll into, ends
	 * with more of them than it started with after half a caller waited on average.
	 * Callers who timed out always count.
	 * @param at now, on the policy's time line
	 * @param sample the latest sample
	 * @param meanHoldNanos the mean hold time of the latest releases
	 * @param size the pool's size
	 * @return whether the queue grows
	 */
	boolean grows(long at, PoolSample sample, double meanHoldNanos, int size) {
		if (sample.timeouts() > 0) {
			return true;
		}
		if (sample.pending() == 0) {
			return false;
		}
		long delay = Math.max(1, Math.min(MAX_QUEUE_NANOS, (long) (QUEUE_HOLDS * meanHoldNanos)));
		long growth = this.arrivals - this.served;
		boolean grew = at - this.since >= delay && growth > 0
				&& growth * growth >= QUEUE_GROWTH_SIGMAS * QUEUE_GROWTH_SIGMAS * this.arrivals
				&& rate(at) * meanHoldNanos / 1e9 >= size;
		boolean grewInSample = sample.intervalNanos() >= LONG_SAMPLE_NANOS && sample.waitingCallers() >= 0.5
				&& this.growthInSample > 0;
		return grew || grewInSample;
	}

	/**
	 * Return the rate at which callers arrived since the queue formed.
	 * @param at now, on the policy's time line
	 * @return arrivals per second, 0 while nobody queues or too few arrived
	 */
	double rate(long at) {
		long nanos = at - this.since;
		return (this.since >= 0 && nanos > 0 && this.arrivals >= QUEUE_MIN_ARRIVALS) ? this.arrivals * 1e9 / nanos : 0;
	}

	/**
	 * Return for how long callers have queued without a pause.
	 * @param at now, on the policy's time line
	 * @return nanoseconds, 0 while nobody queues
	 */
	long queuedFor(long at) {
		return (this.since >= 0) ? at - this.since : 0;
	}

	/**
	 * Return what the pool served while callers queued at its present size: the capacity
	 * a surge step is judged against.
	 * @return the measurement
	 */
	Measured served() {
		return this.measured;
	}

	/**
	 * Forget what the pool served at its previous size.
	 */
	void resized() {
		this.measured = new Measured();
	}

	private void restart(long since) {
		this.since = since;
		this.arrivals = 0;
		this.served = 0;
		this.measured = new Measured();
	}

}
