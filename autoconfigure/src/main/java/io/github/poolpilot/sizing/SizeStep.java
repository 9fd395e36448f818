package io.github.poolpilot.sizing;

/**
 * A change of size under judgement: the size before and after, what the pool served at
 * the size before, and what it has served since it holds every connection of the new
 * size. HikariCP opens connections one at a time on a single thread, so a step is
 * measured only from the moment the pool is whole, not from the moment it was decided.
 *
 * @author Pool Pilot contributors
 */
final class SizeStep {

	private final int from;

	private final int to;

	private final long decidedAt;

	private final Measured before;

	private final Measured after = new Measured();

	private long wholeAt = -1;

	private int pendingWhenWhole;

	private final double latestHoldNanos;

	/**
	 * Create a step.
	 * @param from the size before
	 * @param to the size after
	 * @param decidedAt when, on the policy's time line
	 * @param before what the pool served at the size before
	 * @param latestHoldNanos the mean hold time of the latest releases before the step:
	 * when transactions got slower before the step, the step is not to blame for it
	 */
	SizeStep(int from, int to, long decidedAt, Measured before, double latestHoldNanos) {
		this.from = from;
		this.to = to;
		this.decidedAt = decidedAt;
		this.before = before;
		this.latestHoldNanos = latestHoldNanos;
	}

	int from() {
		return this.from;
	}

	int to() {
		return this.to;
	}

	boolean down() {
		return this.to < this.from;
	}

	long decidedAt() {
		return this.decidedAt;
	}

	Measured before() {
		return this.before;
	}

	Measured after() {
		return this.after;
	}

	/**
	 * Add a sample taken at the new size; the samples before the pool held all its
	 * connections (or, after a step down, retired the others) only mark the time that
	 * took.
	 * @param at the end of the sample on the policy's time line
	 * @param sample the sample
	 * @return whether the pool holds every connection of the new size
	 */
	boolean add(long at, PoolSample sample) {
		if (this.wholeAt < 0) {
			int total = sample.active() + sample.idle();
			if (down() ? total > this.to : total < this.to) {
				return false;
			}
			// this sample still mixes the smaller pool with the larger one
			this.wholeAt = at;
			this.pendingWhenWhole = sample.pending();
			return true;
		}
		this.after.add(sample);
		return true;
	}

	/**
	 * Return how long the pool has held every connection of the new size.
	 * @param at now, on the policy's time line
	 * @return nanoseconds, 0 while it is still opening them
	 */
	long wholeFor(long at) {
		return (this.wholeAt < 0) ? 0 : at - this.wholeAt;
	}

	/**
	 * Return whether callers kept arriving faster than the pool served them since it
	 * holds the new size: only then does a throughput that did not rise say that the
	 * database, not the arrivals, limits it.
	 * @param sample the latest sample
	 * @return whether the queue grew or callers timed out
	 */
	boolean queueGrew(PoolSample sample) {
		return sample.pending() > this.pendingWhenWhole || this.after.timeouts > 0;
	}

	/**
	 * Return how much the mean hold time rose from before the step to after it.
	 * @return a ratio, 0.25 for a quarter longer
	 */
	double holdRise() {
		return this.after.meanHoldNanos() / Math.max(this.before.meanHoldNanos(), this.latestHoldNanos) - 1;
	}

	/**
	 * Return how much the served rate rose from before the step to after it.
	 * @return a ratio
	 */
	double rateGain() {
		return this.after.rate() / this.before.rate() - 1;
	}

	/**
	 * Return two standard errors of {@link #rateGain()} when acquisitions come as a
	 * Poisson process: a smaller change of the served rate is as likely noise as a change
	 * of throughput.
	 * @return a ratio, 0.2 for a fifth
	 */
	double rateNoise() {
		return 2 * Math.sqrt(1.0 / Math.max(1, this.before.acquisitions) + 1.0 / Math.max(1, this.after.acquisitions));
	}

	/**
	 * Acquisitions, timeouts and hold times over one or more samples.
	 */
	static final class Measured {

		private long nanos;

		private long acquisitions;

		private long releases;

		private long holdNanos;

		private double waitingNanos;

		private long timeouts;

		static Measured of(PoolSample sample) {
			Measured measured = new Measured();
			measured.add(sample);
			return measured;
		}

		Measured plus(Measured other) {
			Measured sum = new Measured();
			for (Measured part : new Measured[] { this, other }) {
				sum.nanos += part.nanos;
				sum.acquisitions += part.acquisitions;
				sum.releases += part.releases;
				sum.holdNanos += part.holdNanos;
				sum.timeouts += part.timeouts;
				sum.waitingNanos += part.waitingNanos;
			}
			return sum;
		}

		void add(PoolSample sample) {
			this.nanos += Math.max(0, sample.intervalNanos());
			this.acquisitions += sample.acquisitions();
			this.releases += sample.releases();
			this.holdNanos += sample.holdNanos();
			this.timeouts += sample.timeouts();
			this.waitingNanos += sample.waitingCallers() * sample.intervalNanos();
		}

		long acquisitions() {
			return this.acquisitions;
		}

		long releases() {
			return this.releases;
		}

		long nanos() {
			return this.nanos;
		}

		double rate() {
			return (this.nanos > 0) ? this.acquisitions * 1e9 / this.nanos : 0;
		}

		double meanHoldNanos() {
			return (this.releases > 0) ? (double) this.holdNanos / this.releases : 0;
		}

		/**
		 * Return whether fewer than half a caller waited on average: the pool served
		 * every arrival.
		 * @return whether it served every caller
		 */
		boolean servedEveryCaller() {
			return this.nanos > 0 && this.waitingNanos / this.nanos < 0.5;
		}

	}

}
