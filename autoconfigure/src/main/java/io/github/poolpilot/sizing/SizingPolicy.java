package io.github.poolpilot.sizing;

import io.github.poolpilot.sizing.LoadWindow.Segment;
import io.github.poolpilot.sizing.SizeStep.Measured;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import org.jspecify.annotations.Nullable;

/**
 * Decides the size of one pool from its samples, as a small state machine (see
 * {@link SizingState}). The need is Little's law on the offered load: callers arrived per
 * second (served, timed out, or still queued) times a high percentile of the hold time,
 * plus square-root-staffing headroom ({@code a + k * sqrt(a)}). Counting arrivals rather
 * than waiting callers sizes a surge in one or two steps without overshooting it.
 * <p>
 * {@link SizingState#STEADY STEADY}: the pool grows for headroom once a need is confirmed
 * and shrinks, after the shrink delay and outside a hysteresis band, to the highest need
 * of that window. When callers stay queued for longer than {@value #QUEUE_HOLDS} mean
 * hold times, the pool is {@link SizingState#SURGING SURGING}: it grows at once toward
 * the need, and the step is judged once HikariCP's single adder thread has opened every
 * new connection and the pool has served for {@value #SETTLE_HOLDS} hold times at the new
 * size. A step that made transactions slower more than it raised throughput (TCP Vegas)
 * means the database is {@link SizingState#SATURATED SATURATED}: the pool goes back,
 * growth is capped there for {@code saturationMemory}, and while callers still queue it
 * keeps {@link SizingState#PROBING PROBING} smaller sizes as long as they serve as much.
 * When callers wait while the pool cannot open the connections it is allowed, the pool is
 * {@link SizingState#STARVED STARVED}: it never grows for those waits, and backs off to
 * what it holds once they outlast the connection timeout or callers time out. Hold time
 * spent idle across remote calls is not fed.
 * <p>
 * One instance per pool. It has no clock, no pool and no logging: its time is the sum of
 * the sample intervals, so a sequence of plain samples always gives the same decisions.
 *
 * @author Pool Pilot contributors
 */
public final class SizingPolicy {

	/**
	 * Mean hold times that callers must stay queued for the queue to count as growing.
	 */
	static final int QUEUE_HOLDS = 2;

	/**
	 * How many standard deviations of chance (the square root of the arrivals) a queue
	 * must grow by to count as growing, its arrivals also being more than the pool
	 * serves: at a high utilization a queue comes and goes.
	 */
	static final int QUEUE_GROWTH_SIGMAS = 2;

	/** Fewest arrivals since a queue formed for their rate to count. */
	static final long QUEUE_MIN_ARRIVALS = 30;

	/** Mean hold times a growth step is measured for once the pool holds all of it. */
	static final int SETTLE_HOLDS = 3;

	/** Mean hold times a step down is measured for: its effect is smaller than noise. */
	static final int PROBE_HOLDS = 50;

	/** Fewest acquisitions behind the measurement of a step. */
	static final long MIN_STEP_ACQUISITIONS = 10;

	/**
	 * Longest that callers must stay queued before the pool grows, however long the
	 * holds.
	 */
	private static final long MAX_QUEUE_NANOS = 1_000_000_000L;

	/**
	 * Shortest time the load is measured over when nobody queues: a burst of arrivals in
	 * one short sample is not a rate.
	 */
	private static final long QUIET_NANOS = 1_000_000_000L;

	/** Shortest time a step down is measured for. */
	private static final long MIN_PROBE_NANOS = 1_000_000_000L;

	private final SizingSettings settings;

	private final LoadWindow window;

	private SizingState state = SizingState.STEADY;

	private boolean started;

	private long elapsed;

	private int initialMaximum;

	private int target;

	private long lastChangeAt;

	private long lastGrowthAt;

	private @Nullable SizeStep step;

	private Measured atSize = new Measured();

	private Measured lastAtSize = new Measured();

	private int ceiling;

	private long ceilingUntil;

	private boolean ceilingSettled;

	private long pendingSince = -1;

	private long queueArrivals;

	private long queueServed;

	private long queueGrowth;

	private Measured queued = new Measured();

	private double meanHold;

	private long confirmedAt;

	private long starvedNanos;

	private int confirmations;

	private int need;

	private int lower;

	/**
	 * Create a policy for one pool.
	 * @param settings the bounds and damping
	 */
	public SizingPolicy(SizingSettings settings) {
		this.settings = settings;
		this.window = new LoadWindow(settings.shrinkDelay().toNanos());
	}

	/**
	 * Decide the pool's size after one more sample. Samples may be of any length: the
	 * controller takes one each interval and more often while callers wait.
	 * @param sample what the pool did since the previous sample
	 * @return the decision, {@link Direction#HOLD} when the size stays
	 */
	public SizingDecision decide(PoolSample sample) {
		if (!this.started) {
			this.started = true;
			this.initialMaximum = sample.maximumPoolSize();
			this.target = sample.maximumPoolSize();
		}
		this.elapsed += Math.max(0, sample.intervalNanos());
		long arrivals = this.window.add(this.elapsed, sample);
		Segment latest = this.window.recent(0, LoadWindow.MIN_ARRIVALS);
		this.meanHold = latest.meanHoldNanos();
		trackQueue(sample, arrivals);
		if (this.ceiling > 0 && this.elapsed >= this.ceilingUntil) {
			this.ceiling = 0;
		}
		int upper = upperBound(sample);
		int lower = Math.min(this.settings.minSize(), upper);
		boolean queueing = queueing(sample);
		// a queue that grows is news to act on at once; otherwise a rate read from a
		// short
		// time is noise
		Segment load = queueing ? this.window.recent(0, 2 * LoadWindow.MIN_ARRIVALS)
				: this.window.recent(QUIET_NANOS, LoadWindow.MIN_ARRIVALS);
		double remoteShare = load.remoteWaitShare();
		double offered = load.offered();
		if (queueing) {
			// a surge is met at the mean hold time, and measured on the arrivals since
			// the
			// queue formed as well: older samples would dilute it
			offered = Math.max(load.offeredRate(), queueRate()) * load.meanHoldNanos() / 1e9;
		}
		int needAll = Math.max(lower, staff(offered));
		int need = Math.max(lower, staff(offered * (1 - remoteShare)));
		this.need = need;
		this.lower = lower;
		if (this.target > upper) {
			return change(upper, Direction.SHRINK, SizingState.STEADY, sample,
					SizingReasons.aboveUpper(describeUpper(sample)));
		}
		if (this.target < lower) {
			this.step = null;
			return change(lower, Direction.GROW, SizingState.STEADY, sample, SizingReasons.belowMinimum(lower));
		}
		int total = sample.active() + sample.idle();
		boolean waiting = sample.pending() > 0 || sample.timeouts() > 0;
		if (waiting && total < sample.maximumPoolSize() && !filling(sample)) {
			return starved(sample, lower, total);
		}
		this.starvedNanos = 0;
		if (this.state == SizingState.STARVED && total >= sample.maximumPoolSize()) {
			this.state = SizingState.STEADY;
		}
		if (sample.maximumPoolSize() == this.target) {
			this.atSize.add(sample);
			if (this.atSize.nanos() >= QUIET_NANOS / 2) {
				// the last half to whole second at this size is what a quiet step is
				// judged
				// against: a longer past may have had other transactions
				this.lastAtSize = this.atSize;
				this.atSize = new Measured();
			}
		}
		SizeStep step = this.step;
		if (step != null) {
			SizingDecision judged = judge(step, sample, load);
			if (judged != null) {
				return judged;
			}
		}
		String described = SizingReasons.load(load, percentile());
		if (queueing) {
			return underPressure(sample, described, need, needAll, upper, lower, remoteShare);
		}
		if (this.state != SizingState.STARVED) {
			this.state = SizingState.STEADY;
		}
		// hysteresis: a need within a tenth of the size keeps it
		if (need > this.target + band()) {
			if (load.arrivals() < LoadWindow.MIN_ARRIVALS || load.nanos() < QUIET_NANOS) {
				return hold(sample, SizingReasons.fewArrivals(described, need));
			}
			if (!confirmed()) {
				// nobody queues: a need above the size in one second of arrivals is as
				// likely chance as load, so it must show again in the next second
				return hold(sample, SizingReasons.toBeConfirmed(described, need));
			}
			this.confirmations = 0;
			return grow(sample, need, upper, false, described, remoteShare);
		}
		this.confirmations = 0;
		if (needAll > this.target) {
			return hold(sample, SizingReasons.remoteWaits(needAll, remoteShare));
		}
		int windowNeed = Math.max(lower, this.window.highestNeed((segment) -> staff(segment.offered())));
		long shrinkDelay = this.settings.shrinkDelay().toNanos();
		if (this.elapsed - this.lastGrowthAt >= shrinkDelay && this.elapsed - this.lastChangeAt >= shrinkDelay / 10
				&& windowNeed < this.target - band()) {
			int size = Math.max(windowNeed, this.target - Math.max(1, this.target / 2));
			return change(size, Direction.SHRINK, SizingState.STEADY, sample,
					SizingReasons.shrink(windowNeed, shrinkDelay, described));
		}
		return hold(sample, SizingReasons.steady(described, need));
	}

	/**
	 * Return the size the policy currently wants, which the pool has unless the
	 * controller only recommends.
	 * @return the target {@code maximumPoolSize}, 0 before the first sample
	 */
	public int target() {
		return this.target;
	}

	/**
	 * Return what the pool is doing, as of the last decision.
	 * @return the state
	 */
	public SizingState state() {
		return this.state;
	}

	/**
	 * Return the size above which growth saturated the database, while the policy
	 * remembers it.
	 * @return the cap, or {@code null} when none
	 */
	public @Nullable Integer saturationCeiling() {
		return (this.ceiling > 0) ? this.ceiling : null;
	}

	private SizingDecision underPressure(PoolSample sample, String described, int need, int needAll, int upper,
			int lower, double remoteShare) {
		this.confirmations = 0;
		if (this.ceiling > 0 && this.target >= this.ceiling) {
			this.state = SizingState.SATURATED;
			if (!this.ceilingSettled && this.target > lower && this.step == null
					&& this.elapsed - this.lastChangeAt >= probeNanos(sample)) {
				int size = Math.max(lower, this.target - Math.max(1, this.target / 4));
				this.step = new SizeStep(this.target, size, this.elapsed, recentAtSize(), 0);
				return change(size, Direction.SHRINK, SizingState.PROBING, sample, SizingReasons.probing(size));
			}
			return hold(sample, SizingReasons.saturatedAbove(need, this.ceiling));
		}
		if (need > this.target) {
			return grow(sample, need, upper, true, described, remoteShare);
		}
		if (needAll > this.target) {
			return hold(sample, SizingReasons.remoteWaits(needAll, remoteShare));
		}
		return hold(sample, SizingReasons.queueServed(described, need));
	}

	private SizingDecision grow(PoolSample sample, int need, int upper, boolean surge, String described,
			double remoteShare) {
		int limit = (this.ceiling > 0) ? Math.min(upper, this.ceiling) : upper;
		if (this.target >= limit) {
			return hold(sample,
					(this.ceiling > 0 && this.ceiling <= upper) ? SizingReasons.saturatedAbove(need, this.ceiling)
							: SizingReasons.limitReached(need, describeUpper(sample)));
		}
		// one step at most quadruples the pool: a single short sample must not open the
		// whole budget
		int size = Math.min(Math.min(need, this.target * 4 + 2), limit);
		SizingState next = surge ? SizingState.SURGING : SizingState.STEADY;
		// what the pool served at its size while callers queued is the capacity a surge
		// step is judged against
		this.step = new SizeStep(this.target, size, this.elapsed, surge ? this.queued : recentAtSize(), this.meanHold);
		return change(size, Direction.GROW, next, sample,
				surge ? SizingReasons.surge(described, need, size, limit, remoteShare)
						: SizingReasons.headroom(described, need, size, limit, remoteShare));
	}

	/*
	 * Judge the step under way, once the pool holds all of it and has served long enough
	 * at the new size; return null to decide as if there were none.
	 */
	private @Nullable SizingDecision judge(SizeStep step, PoolSample sample, Segment load) {
		if (sample.maximumPoolSize() != step.to()) {
			// a step the pool did not take (recommend mode) cannot be judged, and nothing
			// grows past it
			if (!step.down() && sample.maximumPoolSize() == step.from() && this.target == step.to()
					&& sample.pending() > 0) {
				return hold(sample, SizingReasons.notTaken(step));
			}
			this.step = null;
			return null;
		}
		boolean whole = step.add(this.elapsed, sample);
		if (!step.down() && sample.pending() == 0 && sample.timeouts() == 0) {
			// nobody waits: the step serves the load, whether or not the pool needed all
			// of it
			this.step = null;
			return null;
		}
		double hold = Math.max(load.meanHoldNanos(), 1);
		long needed = step.down() ? probeNanos(sample) : (long) (SETTLE_HOLDS * hold);
		long acquisitions = step.down() ? 4 * MIN_STEP_ACQUISITIONS : MIN_STEP_ACQUISITIONS;
		if (!whole) {
			return hold(sample,
					SizingReasons.opening(sample.active() + sample.idle(), step.to(), sample.connectionOpenNanos()));
		}
		if (step.wholeFor(this.elapsed) < needed || step.after().acquisitions() < acquisitions) {
			return hold(sample, SizingReasons.judging(step));
		}
		this.step = null;
		if (step.before().acquisitions() < MIN_STEP_ACQUISITIONS || step.before().meanHoldNanos() <= 0
				|| step.after().meanHoldNanos() <= 0) {
			return null;
		}
		double tolerance = this.settings.saturationTolerance();
		long memory = this.settings.saturationMemory().toNanos();
		if (!step.down()) {
			// saturated: transactions got slower, throughput rose neither as much as they
			// slowed nor by a quarter of the step's share, and callers still arrive
			// faster
			// than they are served
			double sizeGain = (double) step.to() / step.from() - 1;
			if (step.holdRise() > tolerance && step.rateGain() < Math.min(step.holdRise(), sizeGain / 4)
					&& step.queueGrew(sample)) {
				this.ceiling = step.from();
				this.ceilingUntil = this.elapsed + memory;
				this.ceilingSettled = false;
				return change(step.from(), Direction.SHRINK, SizingState.SATURATED, sample,
						SizingReasons.saturated(step, memory));
			}
			return null;
		}
		// fewer connections must serve as much, within half the tolerance, and hold them
		// for less time
		boolean servedLess = step.rateGain() < -tolerance / 2;
		if (step.after().servedEveryCaller() || (!servedLess && step.holdRise() < 0)) {
			this.ceiling = step.to();
			this.ceilingUntil = this.elapsed + memory;
			this.state = SizingState.SATURATED;
			return null;
		}
		this.ceiling = step.from();
		this.ceilingUntil = this.elapsed + memory;
		this.ceilingSettled = true;
		return change(step.from(), Direction.GROW, SizingState.SATURATED, sample,
				SizingReasons.stepDownUndone(step, servedLess, memory));
	}

	/*
	 * Callers wait while the pool holds fewer connections than its maximum and is not
	 * opening a step it was just given: the waits measure the database, not the load.
	 */
	private SizingDecision starved(PoolSample sample, int lower, int total) {
		this.confirmations = 0;
		this.step = null;
		// callers who queued while the pool could not open connections are not load: a
		// queue must grow anew once it is whole
		this.pendingSince = (sample.pending() > 0) ? this.elapsed : -1;
		this.queueArrivals = 0;
		this.queueServed = 0;
		this.queued = new Measured();
		this.starvedNanos += Math.max(0, sample.intervalNanos());
		int held = Math.max(lower, total);
		boolean refused = sample.timeouts() > 0 || this.starvedNanos >= sample.connectionTimeoutNanos();
		this.state = SizingState.STARVED;
		if (refused && held < this.target) {
			return change(held, Direction.SHRINK, SizingState.STARVED, sample, SizingReasons.refused(total,
					sample.maximumPoolSize(), sample.timeouts() > 0, this.starvedNanos, held));
		}
		return hold(sample, SizingReasons.cannotOpen(total, sample.maximumPoolSize()));
	}

	/*
	 * Whether the pool is short because it is still opening the connections of a growth
	 * step, one at a time, within the connection timeout.
	 */
	private boolean filling(PoolSample sample) {
		SizeStep step = this.step;
		return step != null && !step.down() && sample.maximumPoolSize() == step.to() && sample.timeouts() == 0
				&& this.elapsed - step.decidedAt() < sample.connectionTimeoutNanos();
	}

	/*
	 * Follow the queue: since when callers wait, and how many arrived and were served
	 * since then, not counting the sample in which the queue appeared (a burst that
	 * arrived at once is not a queue that grows).
	 */
	private void trackQueue(PoolSample sample, long arrivals) {
		this.queueGrowth = arrivals - sample.acquisitions() - sample.timeouts();
		if (sample.pending() == 0) {
			this.pendingSince = -1;
		}
		else if (this.pendingSince < 0) {
			this.pendingSince = this.elapsed;
			this.queueArrivals = 0;
			this.queueServed = 0;
			this.queued = new Measured();
		}
		else {
			this.queueArrivals += arrivals;
			this.queueServed += sample.acquisitions() + sample.timeouts();
			this.queued.add(sample);
		}
	}

	/*
	 * Whether callers queue and their queue grows: they have waited for longer than a few
	 * hold times and arrive faster than the pool serves them, or a long sample ends with
	 * more of them than it started with after half a caller waited on average.
	 */
	private boolean queueing(PoolSample sample) {
		if (sample.timeouts() > 0) {
			return true;
		}
		if (sample.pending() == 0) {
			return false;
		}
		long delay = Math.max(1, Math.min(MAX_QUEUE_NANOS, (long) (QUEUE_HOLDS * this.meanHold)));
		// a queue that grows by more than twice the chance variation of its arrivals
		long growth = this.queueArrivals - this.queueServed;
		boolean grew = this.elapsed - this.pendingSince >= delay && growth > 0
				&& growth * growth >= QUEUE_GROWTH_SIGMAS * QUEUE_GROWTH_SIGMAS * this.queueArrivals
				&& queueRate() * this.meanHold / 1e9 >= this.target;
		// without the controller's polls, one long sample tells it: callers arrived
		// faster than the pool served them, and half a caller waited on average
		boolean grewInSample = sample.intervalNanos() >= QUIET_NANOS / 2 && sample.waitingCallers() >= 0.5
				&& this.queueGrowth > 0;
		return grew || grewInSample;
	}

	private Measured recentAtSize() {
		return this.lastAtSize.plus(this.atSize);
	}

	private double queueRate() {
		long nanos = this.elapsed - this.pendingSince;
		return (this.pendingSince >= 0 && nanos > 0 && this.queueArrivals >= QUEUE_MIN_ARRIVALS)
				? this.queueArrivals * 1e9 / nanos : 0;
	}

	private boolean confirmed() {
		if (this.confirmations > 0 && this.elapsed - this.confirmedAt >= QUIET_NANOS) {
			return true;
		}
		if (this.confirmations == 0) {
			this.confirmations = 1;
			this.confirmedAt = this.elapsed;
		}
		return false;
	}

	private long probeNanos(PoolSample sample) {
		return Math.max(MIN_PROBE_NANOS, (long) (PROBE_HOLDS * Math.max(0, sample.meanHoldNanos())));
	}

	private SizingDecision change(int size, Direction direction, SizingState next, PoolSample sample, String reason) {
		this.target = size;
		this.state = next;
		this.lastChangeAt = this.elapsed;
		this.atSize = new Measured();
		this.lastAtSize = new Measured();
		this.queued = new Measured();
		if (direction == Direction.GROW) {
			this.lastGrowthAt = this.elapsed;
		}
		if (direction != Direction.GROW && next != SizingState.PROBING) {
			this.step = null;
		}
		return new SizingDecision(size, minimumFor(size, sample), direction, next, demand(), reason);
	}

	private SizingDecision hold(PoolSample sample, String reason) {
		return new SizingDecision(this.target, minimumFor(this.target, sample), Direction.HOLD, this.state, demand(),
				reason);
	}

	private int demand() {
		// what the load needs before the upper bound, within the saturation ceiling
		return (this.ceiling > 0) ? Math.max(this.lower, Math.min(this.need, this.ceiling)) : this.need;
	}

	private static int minimumFor(int size, PoolSample sample) {
		// a fixed-size pool (HikariCP's advice) stays fixed; an elastic one keeps its
		// minimum, within the size
		return (sample.minimumIdle() >= sample.maximumPoolSize()) ? size : Math.min(sample.minimumIdle(), size);
	}

	private int upperBound(PoolSample sample) {
		Integer maxSize = this.settings.maxSize();
		Integer budget = sample.connectionBudget();
		if (maxSize == null && budget == null) {
			return this.initialMaximum;
		}
		int upper = Math.min((maxSize != null) ? maxSize : Integer.MAX_VALUE,
				(budget != null) ? budget : Integer.MAX_VALUE);
		return Math.max(1, upper);
	}

	private String describeUpper(PoolSample sample) {
		Integer maxSize = this.settings.maxSize();
		Integer budget = sample.connectionBudget();
		if (budget != null && (maxSize == null || budget <= maxSize)) {
			return SizingReasons.budget(budget);
		}
		return (maxSize != null) ? SizingReasons.maxSize(maxSize) : SizingReasons.startingSize(this.initialMaximum);
	}

	private int staff(double offered) {
		return (offered <= 0) ? 0 : (int) Math.ceil(offered + this.settings.headroom() * Math.sqrt(offered) - 1e-9);
	}

	private int band() {
		// hysteresis: a need within a tenth of the size keeps it, and the last growth is
		// not undone for one connection
		return Math.max((this.lastGrowthAt == this.lastChangeAt && this.lastGrowthAt > 0) ? 1 : 0, this.target / 10);
	}

	private String percentile() {
		String text = Double.toString(this.settings.holdTimePercentile() * 100);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

}
