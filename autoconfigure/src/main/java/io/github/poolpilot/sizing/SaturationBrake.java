package io.github.poolpilot.sizing;

import io.github.poolpilot.sizing.LoadWindow.Segment;
import org.jspecify.annotations.Nullable;

/**
 * The saturation brake, in the spirit of TCP Vegas: it judges each change of size and
 * remembers, for {@code saturation-memory}, the size above which the database saturated
 * (the ceiling). A step is judged once the pool holds every connection of its new size
 * (HikariCP opens them one at a time) and has served long enough at it: a growth step for
 * {@value #SETTLE_HOLDS} mean hold times, a step down for {@value #PROBE_HOLDS}, its
 * effect being smaller than noise. A growth step saturated the database when transactions
 * got slower by more than the tolerance, throughput rose neither as much as they slowed
 * nor by a quarter of the step's share, and callers still arrived faster than they were
 * served. A step down is kept when fewer connections served every caller, or as much with
 * shorter holds: within half the tolerance, or within the noise of the two measurements,
 * which it is measured for longer to reduce, up to {@value #PROBE_NOISE_FACTOR} times its
 * usual time.
 *
 * @author Pool Pilot contributors
 */
final class SaturationBrake {

	/** Mean hold times a growth step is measured for once the pool holds all of it. */
	static final int SETTLE_HOLDS = 3;

	/** Mean hold times a step down is measured for: its effect is smaller than noise. */
	static final int PROBE_HOLDS = 50;

	/**
	 * How many times its usual time a step down is measured for at most while its change
	 * of throughput is smaller than the noise of the measurements.
	 */
	static final int PROBE_NOISE_FACTOR = 5;

	/** Fewest acquisitions behind the measurement of a step. */
	static final long MIN_STEP_ACQUISITIONS = 10;

	/** Shortest time a step down is measured for. */
	private static final long MIN_PROBE_NANOS = 1_000_000_000L;

	private final double tolerance;

	private final long memoryNanos;

	private @Nullable SizeStep step;

	private int ceiling;

	private long ceilingUntil;

	private boolean settled;

	SaturationBrake(SizingSettings settings) {
		this.tolerance = settings.saturationTolerance();
		this.memoryNanos = settings.saturationMemory().toNanos();
	}

	/**
	 * Return how long a step down is measured for.
	 * @param sample the latest sample
	 * @return nanoseconds
	 */
	static long probeNanos(PoolSample sample) {
		return Math.max(MIN_PROBE_NANOS, (long) (PROBE_HOLDS * Math.max(0, sample.meanHoldNanos())));
	}

	/**
	 * Forget the ceiling once the saturation memory has passed.
	 * @param at now, on the policy's time line
	 */
	void expire(long at) {
		if (this.ceiling > 0 && at >= this.ceilingUntil) {
			this.ceiling = 0;
		}
	}

	/**
	 * Return the size above which growth saturated the database.
	 * @return connections, 0 when none is remembered
	 */
	int ceiling() {
		return this.ceiling;
	}

	/**
	 * Return the largest size growth may reach.
	 * @param upper the upper bound
	 * @return connections
	 */
	int limit(int upper) {
		return (this.ceiling > 0) ? Math.min(upper, this.ceiling) : upper;
	}

	/**
	 * Return whether a ceiling holds a pool of this size.
	 * @param size the size
	 * @return whether the size is at or above the ceiling
	 */
	boolean caps(int size) {
		return this.ceiling > 0 && size >= this.ceiling;
	}

	/**
	 * Return whether a smaller size may be tried: no step is under way, the pool is above
	 * its lower bound, and no step down was undone since the ceiling was found.
	 * @param size the size
	 * @param lower the lower bound
	 * @return whether to probe
	 */
	boolean mayProbe(int size, int lower) {
		return !this.settled && size > lower && this.step == null;
	}

	long memoryNanos() {
		return this.memoryNanos;
	}

	@Nullable SizeStep step() {
		return this.step;
	}

	void start(SizeStep step) {
		this.step = step;
	}

	void forget() {
		this.step = null;
	}

	/**
	 * Return whether the pool's maximum is the size of the step under judgement: a growth
	 * step it fills one connection at a time, or a step down after which it replaces the
	 * connections it retired.
	 * @param sample the latest sample
	 * @return whether a step is under way at the pool's size
	 */
	boolean underWay(PoolSample sample) {
		SizeStep step = this.step;
		return step != null && sample.maximumPoolSize() == step.to();
	}

	/**
	 * Judge the step under way with one more sample.
	 * @param step the step, {@link #step()}
	 * @param sample the sample
	 * @param load the recent load
	 * @param at the end of the sample on the policy's time line
	 * @param target the size the policy wants
	 * @return the verdict
	 */
	Verdict judge(SizeStep step, PoolSample sample, Segment load, long at, int target) {
		if (sample.maximumPoolSize() != step.to()) {
			// a step the pool did not take (recommend mode) cannot be judged, and nothing
			// grows past it
			if (!step.down() && sample.maximumPoolSize() == step.from() && target == step.to()
					&& sample.pending() > 0) {
				return Verdict.NOT_TAKEN;
			}
			this.step = null;
			return Verdict.NONE;
		}
		boolean whole = step.add(at, sample);
		if (!step.down() && sample.pending() == 0 && sample.timeouts() == 0) {
			// nobody waits: the step serves the load, whether or not the pool needed all
			// of it
			this.step = null;
			return Verdict.NONE;
		}
		if (!whole) {
			return Verdict.OPENING;
		}
		long needed = step.down() ? probeNanos(sample) : (long) (SETTLE_HOLDS * Math.max(load.meanHoldNanos(), 1));
		long acquisitions = step.down() ? 4 * MIN_STEP_ACQUISITIONS : MIN_STEP_ACQUISITIONS;
		if (step.wholeFor(at) < needed || step.after().acquisitions() < acquisitions
				|| (step.down() && withinNoise(step, at, needed))) {
			return Verdict.MEASURING;
		}
		this.step = null;
		if (step.before().acquisitions() < MIN_STEP_ACQUISITIONS || step.before().meanHoldNanos() <= 0
				|| step.after().meanHoldNanos() <= 0) {
			return Verdict.NONE;
		}
		if (!step.down()) {
			double sizeGain = (double) step.to() / step.from() - 1;
			if (step.holdRise() > this.tolerance && step.rateGain() < Math.min(step.holdRise(), sizeGain / 4)
					&& step.queueGrew(sample)) {
				remember(step.from(), at, false);
				return Verdict.SATURATED;
			}
			return Verdict.NONE;
		}
		boolean servedLess = step.rateGain() < -Math.max(this.tolerance / 2, step.rateNoise());
		if (step.after().servedEveryCaller() || (!servedLess && step.holdRise() < 0)) {
			remember(step.to(), at, this.settled);
			return Verdict.SMALLER_SERVES;
		}
		remember(step.from(), at, true);
		return servedLess ? Verdict.SMALLER_SERVED_LESS : Verdict.SMALLER_NOT_FASTER;
	}

	// a step down whose change of throughput is still within the noise of its
	// measurements, while a longer one would tell half the tolerance
	private boolean withinNoise(SizeStep step, long at, long needed) {
		double noise = step.rateNoise();
		return Math.abs(step.rateGain()) <= noise && noise > this.tolerance / 2 && !step.after().servedEveryCaller()
				&& step.wholeFor(at) < PROBE_NOISE_FACTOR * needed;
	}

	private void remember(int ceiling, long at, boolean settled) {
		this.ceiling = ceiling;
		this.ceilingUntil = at + this.memoryNanos;
		this.settled = settled;
	}

	/**
	 * What the judgement of a step found.
	 */
	enum Verdict {

		/** No step to judge any more: decide as if there were none. */
		NONE,

		/** The pool has not taken the growth step (recommend mode). */
		NOT_TAKEN,

		/** The pool is still opening (or retiring) connections. */
		OPENING,

		/** The pool has not served long enough at the new size. */
		MEASURING,

		/** The growth step saturated the database: back to the size before it. */
		SATURATED,

		/** The smaller size serves as much: it is the ceiling now. */
		SMALLER_SERVES,

		/** The smaller size served less: back up, no more probing. */
		SMALLER_SERVED_LESS,

		/**
		 * The smaller size did not make transactions faster: back up, no more probing.
		 */
		SMALLER_NOT_FASTER

	}

}
