package io.github.poolpilot.sizing;

import io.github.poolpilot.sizing.LoadWindow.Segment;

/**
 * The offered load a pool is sized for and the connections it needs. The offered load is
 * Little's law on arrivals, served or not: while nobody queues, the rate of at least the
 * last second times the hold time at the policy's percentile; while the queue grows, the
 * higher of the newest samples' rate and the rate since the queue formed (older samples
 * would dilute a surge) times the mean hold time, so that a surge is met at once. The
 * need adds square-root-staffing headroom, {@code a + headroom * sqrt(a)}, never goes
 * below the lower bound, and leaves out the share of the hold time that connections sat
 * idle across remote calls: growing would only hide that defect.
 *
 * @param load the recent samples the load was read from
 * @param rate the arrival rate the load is sized for, per second
 * @param queueNanos how long the queue the rate was measured on has stood, 0 when the
 * rate is the recent samples'
 * @param queueing whether the queue grows, so that the mean hold time applies
 * @param need the connections the load needs, remote waits left out
 * @param needAll the connections the load needs, remote waits included: the pool does not
 * shrink below what it uses
 * @param lower the smallest size the pool may have
 * @author Pool Pilot contributors
 */
record OfferedLoad(Segment load, double rate, long queueNanos, boolean queueing, int need, int needAll, int lower) {

	/**
	 * Shortest time the load is measured over when nobody queues: a burst of arrivals in
	 * one short sample is not a rate.
	 */
	static final long QUIET_NANOS = 1_000_000_000L;

	/**
	 * Create an estimate of no load.
	 * @param lower the smallest size the pool may have
	 */
	OfferedLoad(int lower) {
		this(new Segment(), 0, 0, false, lower, lower, lower);
	}

	/**
	 * Estimate the offered load from the samples the policy remembers.
	 * @param window the recent samples
	 * @param queueing whether callers queue and their queue grows
	 * @param queueRate the arrival rate since the queue formed, per second
	 * @param queueNanos how long the queue has stood
	 * @param lower the smallest size the pool may have
	 * @param headroom the headroom, as a multiple of the square root of the load
	 * @return the load and its need
	 */
	static OfferedLoad estimate(LoadWindow window, boolean queueing, double queueRate, long queueNanos, int lower,
			double headroom) {
		Segment load = queueing ? window.recent(0, 2 * LoadWindow.MIN_ARRIVALS)
				: window.recent(QUIET_NANOS, LoadWindow.MIN_ARRIVALS);
		boolean fromQueue = queueing && queueRate > load.offeredRate();
		double rate = fromQueue ? queueRate : load.offeredRate();
		double offered = rate * holdNanos(load, queueing) / 1e9;
		int needAll = Math.max(lower, staff(offered, headroom));
		int need = Math.max(lower, staff(offered * (1 - load.remoteWaitShare()), headroom));
		return new OfferedLoad(load, rate, fromQueue ? queueNanos : 0, queueing, need, needAll, lower);
	}

	/**
	 * Return the hold time the load is sized with: the mean while the queue grows, the
	 * percentile's otherwise.
	 * @return nanoseconds
	 */
	double holdNanos() {
		return holdNanos(this.load, this.queueing);
	}

	private static double holdNanos(Segment load, boolean queueing) {
		return queueing ? load.meanHoldNanos() : load.holdPercentileNanos();
	}

	/**
	 * Return the offered load: the rate times the hold time.
	 * @return connections
	 */
	double offered() {
		return this.rate * holdNanos() / 1e9;
	}

	/**
	 * Return the connections an offered load needs by square-root staffing.
	 * @param offered the offered load in connections
	 * @param headroom the headroom, as a multiple of the square root of the load
	 * @return connections, 0 for no load
	 */
	static int staff(double offered, double headroom) {
		return (offered <= 0) ? 0 : (int) Math.ceil(offered + headroom * Math.sqrt(offered) - 1e-9);
	}

	/**
	 * Return the share of the hold time that connections sat idle across remote calls.
	 * @return a ratio in [0, 1]
	 */
	double remoteShare() {
		return this.load.remoteWaitShare();
	}

	/**
	 * Return what the load needs before the upper bound, within a saturation ceiling.
	 * @param ceiling the size above which growth saturated the database, 0 for none
	 * @return connections
	 */
	int demand(int ceiling) {
		return (ceiling > 0) ? Math.max(this.lower, Math.min(this.need, ceiling)) : this.need;
	}

}
