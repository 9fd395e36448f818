package io.github.poolpilot.sizing;

/**
 * Keeps a pool whose callers do not queue from following noise. A need within the band (a
 * tenth of the size, and one connection just after growth) keeps the size. A need above
 * it must show again a second later before the pool grows: in one second of arrivals it
 * is as likely chance as load. The pool shrinks only once the shrink delay has passed
 * since it last grew, in steps a tenth of that delay apart, each at most halving it.
 *
 * @author Pool Pilot contributors
 */
final class Hysteresis {

	/** Time after which a need above the size must show again. */
	private static final long CONFIRM_NANOS = 1_000_000_000L;

	private final long shrinkDelayNanos;

	private long lastChangeAt;

	private long lastGrowthAt;

	private boolean confirming;

	private long confirmingSince;

	Hysteresis(long shrinkDelayNanos) {
		this.shrinkDelayNanos = shrinkDelayNanos;
	}

	/**
	 * Note a change of size.
	 * @param at when, on the policy's time line
	 * @param grew whether the pool grew
	 */
	void changed(long at, boolean grew) {
		this.lastChangeAt = at;
		if (grew) {
			this.lastGrowthAt = at;
		}
	}

	/**
	 * Return the time since the last change of size.
	 * @param at now, on the policy's time line
	 * @return nanoseconds
	 */
	long sinceChange(long at) {
		return at - this.lastChangeAt;
	}

	/**
	 * Return by how many connections a need may differ from the size and keep it.
	 * @param size the size
	 * @return connections
	 */
	int band(int size) {
		return Math.max((this.lastGrowthAt == this.lastChangeAt && this.lastGrowthAt > 0) ? 1 : 0, size / 10);
	}

	/**
	 * Return whether a need above the size showed a second ago as well; the first time,
	 * start waiting for that second.
	 * @param at now, on the policy's time line
	 * @return whether the need is confirmed
	 */
	boolean confirmed(long at) {
		if (this.confirming && at - this.confirmingSince >= CONFIRM_NANOS) {
			return true;
		}
		if (!this.confirming) {
			this.confirming = true;
			this.confirmingSince = at;
		}
		return false;
	}

	/**
	 * Stop waiting for a need above the size to show again.
	 */
	void unconfirm() {
		this.confirming = false;
	}

	/**
	 * Return the size to shrink to: the highest need of the shrink delay's window, at
	 * most halving the size, once the delay has passed since the pool last grew and a
	 * tenth of it since the last change, and when that need is below the band.
	 * @param at now, on the policy's time line
	 * @param windowNeed the highest need over the shrink delay
	 * @param size the size
	 * @return the smaller size, or {@code size} when the pool keeps it
	 */
	int shrinkTo(long at, int windowNeed, int size) {
		if (at - this.lastGrowthAt >= this.shrinkDelayNanos && at - this.lastChangeAt >= this.shrinkDelayNanos / 10
				&& windowNeed < size - band(size)) {
			return Math.max(windowNeed, size - Math.max(1, size / 2));
		}
		return size;
	}

	long shrinkDelayNanos() {
		return this.shrinkDelayNanos;
	}

}
