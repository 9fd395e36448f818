package io.github.poolpilot.sizing;

import io.github.poolpilot.sizing.LoadWindow.Segment;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import org.jspecify.annotations.Nullable;

/**
 * Decides the size of one pool from its samples, as a small state machine (see
 * {@link SizingState}). The need is Little's law on the offered load, with
 * square-root-staffing headroom ({@link OfferedLoad}); the size stays within
 * {@link SizeBounds}.
 * <p>
 * Each sample is handled in the first situation that applies, each with its own method:
 * <ol>
 * <li>the size is out of bounds: it goes back within them at once;</li>
 * <li>callers wait while the pool cannot open the connections it is allowed:
 * {@link SizingState#STARVED STARVED}, never growing for those waits, and backing off to
 * what it holds once it has stalled ({@link OpeningStall}) and callers time out or have
 * waited the connection timeout; it then asks for no more than that for the shrink delay.
 * A pool still opening the connections of a step, one after another, is not starved, even
 * when callers time out meanwhile;</li>
 * <li>a step is under way: the {@link SaturationBrake} judges it once the pool holds it
 * and has served at it; a growth step that made transactions slower more than it raised
 * throughput means the database is {@link SizingState#SATURATED SATURATED} and the pool
 * goes back, and a step down ({@link SizingState#PROBING PROBING}) that served less is
 * undone;</li>
 * <li>the queue grows ({@link QueueWatch}): the pool is {@link SizingState#SURGING
 * SURGING} and grows at once toward the need, unless a saturation ceiling holds it, where
 * it keeps probing smaller sizes while callers still queue;</li>
 * <li>otherwise the pool is {@link SizingState#STEADY STEADY}: it grows for headroom once
 * a need is confirmed and shrinks, late and in steps, to the highest need of the shrink
 * window ({@link Hysteresis}).</li>
 * </ol>
 * Hold time spent idle across remote calls is not fed. One instance per pool. It has no
 * clock, no pool and no logging: its time is the sum of the sample intervals, so a
 * sequence of plain samples always gives the same decisions. Every reason is written in
 * {@link SizingReasons}.
 *
 * @author Pool Pilot contributors
 */
public final class SizingPolicy {

	/**
	 * How long callers must have queued without a pause for their queue to confirm a
	 * need.
	 */
	private static final long STANDING_QUEUE_NANOS = 500_000_000L;

	private final SizingSettings settings;

	private final LoadWindow window;

	private final SizeBounds bounds;

	private final QueueWatch queue = new QueueWatch();

	private final OpeningStall stall = new OpeningStall();

	private final ServedAtSize atSize = new ServedAtSize();

	private final SaturationBrake brake;

	private final Hysteresis hysteresis;

	private SizingState state = SizingState.STEADY;

	private boolean started;

	private long elapsed;

	private int target;

	private double latestHold;

	private long starvedNanos;

	private OfferedLoad load = new OfferedLoad(0);

	/**
	 * Create a policy for one pool.
	 * @param settings the bounds and damping
	 */
	public SizingPolicy(SizingSettings settings) {
		this.settings = settings;
		this.window = new LoadWindow(settings.shrinkDelay().toNanos());
		this.bounds = new SizeBounds(settings);
		this.brake = new SaturationBrake(settings);
		this.hysteresis = new Hysteresis(settings.shrinkDelay().toNanos());
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
			this.bounds.start(sample.maximumPoolSize());
			this.target = sample.maximumPoolSize();
		}
		this.elapsed += Math.max(0, sample.intervalNanos());
		long arrivals = this.window.add(this.elapsed, sample);
		this.latestHold = this.window.recent(0, LoadWindow.MIN_ARRIVALS).meanHoldNanos();
		this.queue.track(this.elapsed, sample, arrivals);
		this.brake.expire(this.elapsed);
		int upper = this.bounds.upper(sample);
		int lower = this.bounds.lower(upper);
		boolean queueing = this.queue.grows(this.elapsed, sample, this.latestHold, this.target);
		this.load = OfferedLoad.estimate(this.window, queueing, this.queue.rate(this.elapsed),
				this.queue.queuedFor(this.elapsed), lower, this.settings.headroom());
		// 1. out of bounds
		if (this.target > upper) {
			return change(upper, Direction.SHRINK, SizingState.STEADY, sample,
					SizingReasons.aboveUpper(this.bounds.describeUpper(sample)));
		}
		if (this.target < lower) {
			this.brake.forget();
			return change(lower, Direction.GROW, SizingState.STEADY, sample, SizingReasons.belowMinimum(lower));
		}
		// 2. starved
		int total = sample.active() + sample.idle();
		boolean waiting = sample.pending() > 0 || sample.timeouts() > 0;
		boolean shortOf = total < sample.maximumPoolSize();
		// a pool that still opens connections is not refused, however long callers wait
		boolean stalled = this.stall.track(sample);
		if (waiting && shortOf && (stalled || !this.brake.underWay(sample))) {
			return starved(sample, lower, total, stalled);
		}
		this.starvedNanos = 0;
		if (this.state == SizingState.STARVED && total >= sample.maximumPoolSize()) {
			this.state = SizingState.STEADY;
		}
		if (sample.maximumPoolSize() == this.target) {
			this.atSize.add(sample);
		}
		// 3. a step under judgement
		SizeStep step = this.brake.step();
		SizingDecision judged = (step != null) ? judge(step, sample) : null;
		if (judged != null) {
			return judged;
		}
		// 4. a growing queue, 5. steady
		return queueing ? surging(sample, upper, lower) : steady(sample, upper, lower);
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
		return (this.brake.ceiling() > 0) ? this.brake.ceiling() : null;
	}

	/*
	 * STARVED: callers wait while the pool holds fewer connections than its maximum, and
	 * it is not opening the connections of a step or has opened none for a while. The
	 * waits measure the database, not the load, so the queue starts anew once the pool is
	 * whole.
	 */
	private SizingDecision starved(PoolSample sample, int lower, int total, boolean stalled) {
		this.hysteresis.unconfirm();
		this.brake.forget();
		this.queue.forget(this.elapsed, sample);
		this.starvedNanos += Math.max(0, sample.intervalNanos());
		int held = Math.max(lower, total);
		boolean refused = stalled && (sample.timeouts() > 0 || this.starvedNanos >= sample.connectionTimeoutNanos());
		this.state = SizingState.STARVED;
		if (refused && held < this.target) {
			this.stall.refused(this.elapsed, held, this.hysteresis.shrinkDelayNanos());
			return change(held, Direction.SHRINK, SizingState.STARVED, sample, SizingReasons.refused(total,
					sample.maximumPoolSize(), sample.timeouts() > 0, this.starvedNanos, held));
		}
		return hold(sample, SizingReasons.cannotOpen(total, sample.maximumPoolSize()));
	}

	/*
	 * A step under way (SURGING, PROBING, or growth for headroom), judged by the brake;
	 * null to decide as if there were none.
	 */
	private @Nullable SizingDecision judge(SizeStep step, PoolSample sample) {
		long memory = this.brake.memoryNanos();
		SaturationBrake.Verdict verdict = this.brake.judge(step, sample, this.load.load(), this.elapsed, this.target);
		return switch (verdict) {
			case NOT_TAKEN -> hold(sample, SizingReasons.notTaken(step));
			case OPENING -> hold(sample,
					SizingReasons.opening(sample.active() + sample.idle(), step.to(), sample.connectionOpenNanos()));
			case MEASURING -> hold(sample, SizingReasons.judging(step));
			case SATURATED -> change(step.from(), Direction.SHRINK, SizingState.SATURATED, sample,
					SizingReasons.saturated(step, memory));
			case SMALLER_SERVES -> {
				// the smaller size is the ceiling now, and probing may go on below it
				this.state = SizingState.SATURATED;
				yield null;
			}
			case SMALLER_SERVED_LESS, SMALLER_NOT_FASTER -> change(step.from(), Direction.GROW, SizingState.SATURATED,
					sample,
					SizingReasons.stepDownUndone(step, verdict == SaturationBrake.Verdict.SMALLER_SERVED_LESS, memory));
			case NONE -> null;
		};
	}

	/*
	 * SURGING: callers queue and their queue grows. The pool grows at once toward the
	 * need, unless a saturation ceiling holds it.
	 */
	private SizingDecision surging(PoolSample sample, int upper, int lower) {
		this.hysteresis.unconfirm();
		if (this.brake.caps(this.target)) {
			return saturated(sample, lower);
		}
		String described = describeLoad();
		if (this.load.need() > this.target) {
			return grow(sample, upper, true, described);
		}
		if (this.load.needAll() > this.target) {
			return hold(sample, SizingReasons.remoteWaits(this.load.needAll(), this.load.remoteShare()));
		}
		return hold(sample, SizingReasons.queueServed(described, this.load.need()));
	}

	/*
	 * SATURATED while callers queue: after a step down's measuring time at this size,
	 * PROBING tries a quarter fewer connections, unless a step down was already undone.
	 */
	private SizingDecision saturated(PoolSample sample, int lower) {
		this.state = SizingState.SATURATED;
		if (this.brake.mayProbe(this.target, lower)
				&& this.hysteresis.sinceChange(this.elapsed) >= SaturationBrake.probeNanos(sample)) {
			int size = Math.max(lower, this.target - Math.max(1, this.target / 4));
			this.brake.start(new SizeStep(this.target, size, this.elapsed, this.atSize.sinceResized(), 0));
			return change(size, Direction.SHRINK, SizingState.PROBING, sample, SizingReasons.probing(size));
		}
		return hold(sample, SizingReasons.saturatedAbove(this.load.need(), this.brake.ceiling()));
	}

	/*
	 * STEADY: nobody queues. A pool still short of connections after STARVED stays so
	 * until it is whole.
	 */
	private SizingDecision steady(PoolSample sample, int upper, int lower) {
		if (this.state != SizingState.STARVED) {
			this.state = SizingState.STEADY;
		}
		Segment load = this.load.load();
		String described = describeLoad();
		int need = this.load.need();
		if (need > this.target + this.hysteresis.band(this.target)) {
			// as many callers still waiting as the pool has connections, after callers
			// queued for half a second without a pause, are no chance burst: they confirm
			// the need at once, on a rate of less than a second
			boolean standing = sample.pending() >= this.target
					&& this.queue.queuedFor(this.elapsed) >= STANDING_QUEUE_NANOS;
			if (load.arrivals() < LoadWindow.MIN_ARRIVALS || (!standing && load.nanos() < OfferedLoad.QUIET_NANOS)) {
				return hold(sample, SizingReasons.fewArrivals(described, need));
			}
			if (!standing && !this.hysteresis.confirmed(this.elapsed)) {
				return hold(sample, SizingReasons.toBeConfirmed(described, need));
			}
			this.hysteresis.unconfirm();
			return grow(sample, upper, false, described);
		}
		this.hysteresis.unconfirm();
		if (this.load.needAll() > this.target) {
			return hold(sample, SizingReasons.remoteWaits(this.load.needAll(), this.load.remoteShare()));
		}
		double headroom = this.settings.headroom();
		int windowNeed = Math.max(lower,
				this.window.highestNeed((segment) -> OfferedLoad.staff(segment.offered(), headroom)));
		int size = this.hysteresis.shrinkTo(this.elapsed, windowNeed, this.target);
		if (size < this.target) {
			return change(size, Direction.SHRINK, SizingState.STEADY, sample,
					SizingReasons.shrink(windowNeed, this.hysteresis.shrinkDelayNanos(), described));
		}
		return hold(sample, SizingReasons.steady(described, need));
	}

	/*
	 * Grow toward the need, within the bounds and the saturation ceiling, and start
	 * judging the step: a surge step against what the pool served while callers queued, a
	 * step for headroom against its last second at the size.
	 */
	private SizingDecision grow(PoolSample sample, int upper, boolean surge, String described) {
		int need = this.load.need();
		int refusedAbove = this.stall.limit(this.elapsed);
		if (this.target >= refusedAbove) {
			return hold(sample, SizingReasons.refusedAbove(need, refusedAbove, this.stall.remembered(this.elapsed)));
		}
		int limit = Math.min(this.brake.limit(upper), refusedAbove);
		if (this.target >= limit) {
			int ceiling = this.brake.ceiling();
			return hold(sample, (ceiling > 0 && ceiling <= upper) ? SizingReasons.saturatedAbove(need, ceiling)
					: SizingReasons.limitReached(need, this.bounds.describeUpper(sample)));
		}
		// one step at most quadruples the pool: a single short sample must not open the
		// whole budget
		int size = Math.min(Math.min(need, this.target * 4 + 2), limit);
		this.brake.start(new SizeStep(this.target, size, this.elapsed,
				surge ? this.queue.served() : this.atSize.recent(), this.latestHold));
		double remoteShare = this.load.remoteShare();
		return change(size, Direction.GROW, surge ? SizingState.SURGING : SizingState.STEADY, sample,
				surge ? SizingReasons.surge(described, need, size, limit, remoteShare)
						: SizingReasons.headroom(described, need, size, limit, remoteShare));
	}

	private String describeLoad() {
		return SizingReasons.load(this.load, this.settings.holdTimePercentile());
	}

	private SizingDecision change(int size, Direction direction, SizingState next, PoolSample sample, String reason) {
		this.target = size;
		this.state = next;
		this.hysteresis.changed(this.elapsed, direction == Direction.GROW);
		this.atSize.resized();
		this.queue.resized();
		if (direction != Direction.GROW && next != SizingState.PROBING) {
			this.brake.forget();
		}
		return new SizingDecision(size, minimumFor(size, sample), direction, next,
				this.load.demand(this.brake.ceiling()), reason);
	}

	private SizingDecision hold(PoolSample sample, String reason) {
		return new SizingDecision(this.target, minimumFor(this.target, sample), Direction.HOLD, this.state,
				this.load.demand(this.brake.ceiling()), reason);
	}

	private static int minimumFor(int size, PoolSample sample) {
		// a fixed-size pool (HikariCP's advice) stays fixed; an elastic one keeps its
		// minimum, within the size
		return (sample.minimumIdle() >= sample.maximumPoolSize()) ? size : Math.min(sample.minimumIdle(), size);
	}

}
