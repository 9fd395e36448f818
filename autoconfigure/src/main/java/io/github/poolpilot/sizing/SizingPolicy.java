package io.github.poolpilot.sizing;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;

import io.github.poolpilot.sizing.SizingDecision.Direction;
import org.jspecify.annotations.Nullable;

/**
 * Decides the size of one pool from its samples. The demand is Little's law on the
 * connections: the acquire rate times a high percentile of the hold time, plus the
 * callers that waited; the target adds square-root-staffing headroom
 * ({@code a + k * sqrt(a)}). The pool grows at once and shrinks only to the highest need
 * of a trailing window, after a cooldown and outside a hysteresis band, in limited steps.
 * Each growth step is a probe: if the next interval shows the hold time rising more than
 * throughput, the database is saturated (TCP Vegas), and the policy steps back and caps
 * growth there for a while; while capped and still under pressure it keeps stepping down
 * as long as that costs no throughput. Each step down is judged against the step before
 * it and against the throughput measured at the saturated size, so that small losses
 * cannot add up step after step (on a saturated database fewer connections always hold
 * them for less time). A step down that served less is undone and tried again, up to
 * three times in all, and judged over all its trials together, because a busy database's
 * throughput swings as much as one step costs. A need only just above the size must show
 * in two intervals in a row. Hold time spent idle across remote calls is not fed, and
 * neither are intervals in which callers waited while the pool could not open the
 * connections it was allowed (the database was down or out of slots): those never grow
 * the pool, and when that lasts the target backs off to what the pool holds. A growth
 * step is judged even while the pool is still opening its connections (a saturated
 * database opens them slowly), and nothing grows past a step that has not been judged.
 * <p>
 * One instance per pool. It has no clock, no pool and no logging: its only state is what
 * earlier samples taught it, so a sequence of plain samples always gives the same
 * decisions.
 *
 * @author Pool Pilot contributors
 */
public final class SizingPolicy {

	private static final double NANOS_PER_MILLI = 1e6;

	/**
	 * Fewest acquisitions in each of the two intervals around a size change for the
	 * change to be judged.
	 */
	private static final long MIN_PROBE_ACQUISITIONS = 20;

	/**
	 * Fewest acquisitions behind each rate the shrink window compares.
	 */
	private static final long MIN_SEGMENT_ACQUISITIONS = 20;

	/**
	 * How many times a step down that served less is tried before the policy believes it:
	 * the throughput of a database under full load swings by a fifth for seconds at a
	 * time on a shared machine, as much as one step down costs, so a single cooldown at
	 * each size cannot tell them apart.
	 */
	private static final int STEP_DOWN_TRIALS = 3;

	/**
	 * How many cooldowns the pool spends at the larger size between two trials of the
	 * same step down.
	 */
	private static final int COOLDOWNS_BETWEEN_TRIALS = 2;

	private final SizingSettings settings;

	private final long cooldownNanos;

	private final long shrinkDelayNanos;

	private final ArrayDeque<Interval> window = new ArrayDeque<>();

	private boolean started;

	private long elapsed;

	private int initialMaximum;

	private int target;

	private long lastChangeAt;

	private long lastGrowthAt;

	private @Nullable Probe probe;

	private int ceiling;

	private long ceilingUntil;

	private boolean ceilingSettled;

	/**
	 * A step down that served less and will be tried again, with what both sizes served
	 * in the trials so far.
	 */
	private @Nullable Trials trials;

	/**
	 * The size where growth saturated the database, and what it served there: in the
	 * interval before the growth step and at the same size again, before each step down
	 * from it. Every step down below that size must keep serving at least
	 * {@code 1 - saturationTolerance / 2} of it.
	 */
	private int saturatedSize;

	private Measured saturated = new Measured();

	/**
	 * What the pool did at its current size since the last change, without the interval
	 * right after it (which still carries the size before): a step down is judged on
	 * these, over a whole cooldown, because the throughput of one interval varies by
	 * about a tenth on its own.
	 */
	private Measured atSize = new Measured();

	private int intervalsAtSize;

	private int marginalNeeds;

	private int lastTotal = -1;

	private int lastMaximum;

	private long starvedNanos;

	/**
	 * Create a policy for one pool.
	 * @param settings the bounds and damping
	 */
	public SizingPolicy(SizingSettings settings) {
		this.settings = settings;
		this.cooldownNanos = settings.cooldown().toNanos();
		this.shrinkDelayNanos = settings.shrinkDelay().toNanos();
	}

	/**
	 * Decide the pool's size after one more interval.
	 * @param sample what the pool did during the interval
	 * @return the decision, {@link Direction#HOLD} when the size stays
	 */
	public SizingDecision decide(PoolSample sample) {
		if (!this.started) {
			this.started = true;
			this.initialMaximum = sample.maximumPoolSize();
			this.target = sample.maximumPoolSize();
			this.lastChangeAt = -this.cooldownNanos;
		}
		this.elapsed += Math.max(0, sample.intervalNanos());
		int upper = upperBound(sample);
		int lower = Math.min(this.settings.minSize(), upper);
		// callers queueing are news to act on at once; otherwise a rate read from a few
		// acquisitions is noise
		boolean pressure = sample.timeouts() > 0 || sample.pending() > 0 || sample.waitingCallers() >= 0.5;
		int total = sample.active() + sample.idle();
		boolean first = this.lastTotal < 0;
		boolean shortAtStart = !first && this.lastTotal < this.lastMaximum;
		boolean shortAtEnd = total < sample.maximumPoolSize();
		this.lastTotal = total;
		this.lastMaximum = sample.maximumPoolSize();
		if (pressure && (shortAtStart || shortAtEnd)) {
			return starved(sample, lower, total, shortAtEnd && (shortAtStart || first));
		}
		this.starvedNanos = 0;
		remember(sample);
		if (sample.maximumPoolSize() == this.target && ++this.intervalsAtSize > 1) {
			this.atSize.add(sample);
		}
		Segment recent = recentSegment();
		Segment current = new Segment();
		current.add(this.window.peekLast());
		// when nobody waits now, callers who waited in earlier intervals (a burst) are
		// served already: growing for
		// them would open connections for load that has passed
		Segment load = !pressure ? recent.withoutWaiting() : (current.demand() > recent.demand()) ? current : recent;
		double demandAll = load.demand();
		// connections held idle across remote calls are a defect to fix, not load to
		// serve
		double demand = demandAll * (1 - sample.remoteWaitShare());
		int needAll = Math.max(lower, staff(demandAll));
		int need = Math.max(lower, staff(demand));
		if (this.ceiling > 0 && this.elapsed >= this.ceilingUntil) {
			this.ceiling = 0;
			this.trials = null;
		}
		SizingDecision judged = judgeProbe(sample, demand, false);
		if (judged != null) {
			return judged;
		}
		if (this.target > upper) {
			return change(upper, Direction.SHRINK, sample, demand, "above " + describeUpper(sample));
		}
		if (this.target < lower) {
			return change(lower, Direction.GROW, sample, demand, "below poolpilot.sizing.min-size of " + lower);
		}
		if (this.elapsed - this.lastChangeAt < this.cooldownNanos) {
			return hold(sample, demand, "cooling down after the last change");
		}
		if (need <= this.target) {
			this.marginalNeeds = 0;
		}
		else if (!pressure && load.acquisitions < MIN_SEGMENT_ACQUISITIONS) {
			// nobody waits: growing for headroom can wait until the rate rests on enough
			// acquisitions
			return hold(sample, demand, describe(load) + "; needs " + need + ", too few acquisitions to be sure");
		}
		else if (need <= this.target + Math.max(1, band()) && sample.timeouts() == 0 && ++this.marginalNeeds < 2) {
			// a need just above the size in one interval is as likely noise as load: wait
			// for a second one
			return hold(sample, demand, describe(load) + "; needs " + need + ", to be confirmed");
		}
		if (need > this.target) {
			this.marginalNeeds = 0;
			if (this.ceiling > 0 && this.target >= this.ceiling && !this.ceilingSettled && this.target > lower) {
				// under pressure at a saturated size: a smaller pool may serve as much
				// with less waiting inside
				int size = Math.max(lower, this.target - Math.max(1, this.target / 4));
				return stepDown(size, sample, demand, "the database is saturated and callers wait; trying " + size
						+ " connections to see whether fewer serve as much");
			}
			Trials trials = this.trials;
			if (this.ceiling > 0 && trials != null && trials.from() == this.target
					&& this.elapsed - this.lastChangeAt >= COOLDOWNS_BETWEEN_TRIALS * this.cooldownNanos) {
				return stepDown(trials.to(), sample, demand,
						"the database is saturated and callers wait; trying " + trials.to()
								+ " connections again (trial " + (trials.count() + 1) + " of " + STEP_DOWN_TRIALS
								+ ")");
			}
			return grow(sample, demand, load, need, (this.ceiling > 0) ? Math.min(upper, this.ceiling) : upper);
		}
		if (needAll > this.target) {
			return hold(sample, demand,
					String.format(Locale.ROOT,
							"not growing to %d: %.0f%% of the hold time was " + "spent idle across remote calls",
							needAll, sample.remoteWaitShare() * 100));
		}
		int windowNeed = Math.max(lower, highestNeed());
		if (this.elapsed - this.lastGrowthAt >= this.shrinkDelayNanos && windowNeed < this.target - band()) {
			int size = Math.max(windowNeed, this.target - Math.max(1, this.target / 2));
			return change(size, Direction.SHRINK, sample, demand, "needed at most " + windowNeed + " in the last "
					+ duration(this.shrinkDelayNanos) + "; now " + describe(load));
		}
		return hold(sample, demand, describe(load) + "; needs " + need);
	}

	/*
	 * Decide an interval in which callers waited while the pool had fewer connections
	 * than its maximum: the pool could not open the connections it was allowed (database
	 * down, restarting, out of connection slots), so the waits measure the database, not
	 * the load. Such an interval is kept out of the window. When the pool stayed short
	 * all along and callers timed out, or it stayed short for longer than a caller's
	 * connection timeout, the target backs off to the connections the pool holds, so that
	 * it stops asking for connections the database refuses; growth resumes from the next
	 * interval in which the pool is whole.
	 */
	private SizingDecision starved(PoolSample sample, int lower, int total, boolean shortThroughout) {
		this.marginalNeeds = 0;
		// a database too busy to open the connections of a growth step quickly is often
		// saturated by them: judge
		// the step now if this interval shows it, and otherwise keep it for the first
		// interval the pool is whole,
		// so that growth never passes a step that was not judged
		SizingDecision judged = judgeProbe(sample, 0, true);
		if (judged != null) {
			return judged;
		}
		int held = Math.max(lower, total);
		String state = total + " of its " + sample.maximumPoolSize() + " connections";
		// opening a connection takes milliseconds: a pool short for longer than callers
		// wait is refused, not slow
		this.starvedNanos = shortThroughout ? this.starvedNanos + sample.intervalNanos() : 0;
		boolean refused = sample.timeouts() > 0 || this.starvedNanos >= sample.connectionTimeoutNanos();
		if (refused && shortThroughout && held < this.target) {
			this.probe = null;
			return change(held, Direction.SHRINK, sample, 0,
					"callers waited while the pool could open only " + state
							+ ((sample.timeouts() > 0) ? " and some timed out" : " for " + duration(this.starvedNanos))
							+ ": the database refuses more; backing off to " + held);
		}
		return hold(sample, 0,
				"callers waited while the pool had " + state + ": opening connections is the limit, not the size");
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
	 * Return the size above which growth saturated the database, while the policy
	 * remembers it.
	 * @return the cap, or {@code null} when none
	 */
	public @Nullable Integer saturationCeiling() {
		return (this.ceiling > 0) ? this.ceiling : null;
	}

	private SizingDecision stepDown(int size, PoolSample sample, double demand, String reason) {
		Measured before = (this.atSize.acquisitions >= MIN_PROBE_ACQUISITIONS) ? this.atSize : Measured.of(sample);
		if (this.target == this.saturatedSize && before == this.atSize) {
			this.saturated = this.saturated.plus(before);
		}
		this.probe = new Probe(this.target, size, before, true);
		return change(size, Direction.SHRINK, sample, demand, reason);
	}

	private SizingDecision grow(PoolSample sample, double demand, Segment load, int need, int limit) {
		Probe pending = this.probe;
		if (pending != null && !pending.down()) {
			// without the pool at the size of the last step nobody can tell whether the
			// database serves more
			// there: compounding unmeasured steps would recommend the database's whole
			// budget to a saturated one
			return hold(sample, demand,
					describe(load) + "; needs " + need + ", but the pool has not taken the step " + "from "
							+ pending.from() + " to " + pending.to() + ", so more than " + pending.to()
							+ " cannot be judged");
		}
		if (this.target >= limit) {
			String why = (this.ceiling > 0 && this.ceiling <= limit)
					? "the database saturated above " + this.ceiling + " connections"
					: describeUpper(sample) + " is reached";
			return hold(sample, demand, "needs " + need + " but " + why);
		}
		int size = Math.min(Math.min(need, this.target + Math.max(2, this.target)), limit);
		this.probe = new Probe(this.target, size, Measured.of(sample), false);
		String reason = describe(load) + "; needs " + need;
		if (sample.remoteWaitShare() > 0) {
			reason += String.format(Locale.ROOT, " (%.0f%% of the hold time spent across remote calls not counted)",
					sample.remoteWaitShare() * 100);
		}
		if (size < need) {
			reason += (size == limit) ? ", capped at " + size : ", " + size + " in this step";
		}
		return change(size, Direction.GROW, sample, demand, reason);
	}

	/*
	 * Judge the size change of the interval before, if there was one.
	 *
	 * @param starved whether the pool was short of connections in this interval: then
	 * only a growth step that saturated the database is judged, and any other step stays
	 * pending until an interval the pool is whole
	 */
	private @Nullable SizingDecision judgeProbe(PoolSample sample, double demand, boolean starved) {
		Probe probe = this.probe;
		this.probe = null;
		if (probe == null) {
			return null;
		}
		if (sample.maximumPoolSize() != probe.to()) {
			// a growth step the pool did not take (recommend mode) cannot be judged: it
			// stays pending, and nothing
			// grows past it, while the pool keeps the size the step was taken from
			if (!probe.down() && probe.to() == this.target && sample.maximumPoolSize() == probe.from()) {
				this.probe = probe;
			}
			return null;
		}
		boolean cooled = this.elapsed - this.lastChangeAt >= this.cooldownNanos;
		if (probe.down() && !starved && !cooled) {
			// a step down is judged once the whole cooldown has been measured at the
			// smaller size
			this.probe = probe;
			return null;
		}
		// a step down is judged over its whole cooldown; a growth step interval by
		// interval, and once cooled down
		// over the intervals after the first at the new size
		boolean overCooldown = !starved
				&& (probe.down() || (cooled && this.atSize.acquisitions >= MIN_PROBE_ACQUISITIONS));
		Measured after = overCooldown ? this.atSize : Measured.of(sample);
		Measured before = probe.before();
		if (before.acquisitions < MIN_PROBE_ACQUISITIONS || after.acquisitions < MIN_PROBE_ACQUISITIONS
				|| before.meanHold() <= 0 || after.meanHold() <= 0) {
			this.probe = (starved || (!probe.down() && !cooled)) ? probe : null;
			return null;
		}
		if (probe.down() && !starved) {
			return judgeStepDown(probe, before, after, sample, demand);
		}
		double holdRise = after.meanHold() / before.meanHold() - 1;
		double rateGain = after.rate() / before.rate() - 1;
		boolean saturated = holdRise > this.settings.saturationTolerance() && rateGain < holdRise;
		if (starved && (probe.down() || !saturated)) {
			this.probe = probe;
			return null;
		}
		if (!saturated && !starved && !cooled) {
			// the first intervals at a larger size still hold borrows from the smaller
			// one, so a saturated
			// database shows only partly: the step stays under judgement, interval by
			// interval, until its
			// whole cooldown has been measured, and nothing grows past it before
			this.probe = probe;
			return null;
		}
		if (!saturated) {
			return null;
		}
		saturatedAt(probe.from());
		this.ceilingSettled = false;
		this.trials = null;
		// the interval before the growth step measured the saturated size; the intervals
		// back at it add to that
		this.saturatedSize = probe.from();
		this.saturated = before;
		return change(probe.from(), Direction.SHRINK, sample, demand,
				"the database is saturated: " + measured(probe, before, after, 1) + "; back to " + probe.from()
						+ ", no growth above it for " + duration(this.settings.saturationMemory().toNanos()));
	}

	/*
	 * Judge a step down over its cooldown, together with the earlier trials of the same
	 * step. A step that served less is undone and, until it has failed {@link
	 * #STEP_DOWN_TRIALS} times, tried again after {@link #COOLDOWNS_BETWEEN_TRIALS}
	 * cooldowns at the larger size; every trial adds what both sizes served to the
	 * judgement, so that one swing of the database's speed neither keeps nor condemns a
	 * size.
	 */
	private @Nullable SizingDecision judgeStepDown(Probe probe, Measured before, Measured after, PoolSample sample,
			double demand) {
		Trials earlier = this.trials;
		this.trials = null;
		int count = 1;
		if (earlier != null && earlier.from() == probe.from() && earlier.to() == probe.to()) {
			count = earlier.count() + 1;
			before = earlier.atFrom().plus(before);
			after = earlier.atTo().plus(after);
		}
		// a step down may cost as much throughput as the one before it, and in all no
		// more than that share of
		// what the saturated size served; the same half of saturationTolerance (10% by
		// default) for both
		double tolerance = this.settings.saturationTolerance() / 2;
		double saturatedRate = this.saturated.rate();
		double holdRise = after.meanHold() / before.meanHold() - 1;
		double rateGain = after.rate() / before.rate() - 1;
		double referenceLoss = (saturatedRate > 0) ? after.rate() / saturatedRate - 1 : 0;
		boolean heldReference = referenceLoss >= -tolerance;
		// a smaller pool that kept no caller waiting served every arrival: its throughput
		// is the arrivals', which
		// may be lower than what the larger size served while it worked off a queue
		if (this.atSize.servedEveryCaller() || (rateGain >= -tolerance && heldReference && holdRise < 0)) {
			saturatedAt(probe.to());
			this.ceilingSettled = false;
			return null;
		}
		// back to the last size that served enough, and no more steps down while the
		// ceiling is remembered, but
		// for the next trial of this one
		this.ceiling = probe.from();
		this.ceilingSettled = true;
		String next;
		if (count < STEP_DOWN_TRIALS) {
			this.trials = new Trials(probe.from(), probe.to(), before, after, count);
			next = ", to try " + probe.to() + " again in " + duration(COOLDOWNS_BETWEEN_TRIALS * this.cooldownNanos)
					+ " (trial " + count + " of " + STEP_DOWN_TRIALS + ")";
		}
		else {
			next = " for " + Math.round((this.ceilingUntil - this.elapsed) / 1e9) + " s";
		}
		// say which part of the test failed: a step down undone while throughput held is
		// no proof of lost service
		String why;
		if (rateGain < -tolerance) {
			why = "fewer connections served less";
		}
		else if (!heldReference) {
			why = String.format(Locale.ROOT,
					"fewer connections served less than the saturated size (%+.0f%%, " + "%.1f -> %.1f/s)",
					referenceLoss * 100, saturatedRate, after.rate());
		}
		else {
			why = "fewer connections did not make transactions faster";
		}
		return change(probe.from(), Direction.GROW, sample, demand,
				why + ": " + measured(probe, before, after, count) + "; back to " + probe.from() + next);
	}

	private static String measured(Probe probe, Measured before, Measured after, int trials) {
		return String.format(Locale.ROOT,
				"at %d connections%s the mean hold time changed %+.0f%% (%.1f -> %.1f ms) "
						+ "and throughput %+.0f%% (%.1f -> %.1f/s) against %d",
				probe.to(), (trials > 1) ? " over " + trials + " trials" : "",
				(after.meanHold() / before.meanHold() - 1) * 100, before.meanHold() / NANOS_PER_MILLI,
				after.meanHold() / NANOS_PER_MILLI, (after.rate() / before.rate() - 1) * 100, before.rate(),
				after.rate(), probe.from());
	}

	private void saturatedAt(int size) {
		this.ceiling = size;
		this.ceilingUntil = this.elapsed + this.settings.saturationMemory().toNanos();
	}

	private SizingDecision change(int size, Direction direction, PoolSample sample, double demand, String reason) {
		this.target = size;
		this.lastChangeAt = this.elapsed;
		this.atSize = new Measured();
		this.intervalsAtSize = 0;
		if (direction == Direction.GROW) {
			this.lastGrowthAt = this.elapsed;
		}
		return new SizingDecision(size, minimumFor(size, sample), direction, demand, reason);
	}

	private SizingDecision hold(PoolSample sample, double demand, String reason) {
		return new SizingDecision(this.target, minimumFor(this.target, sample), Direction.HOLD, demand, reason);
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
			return "the database's connection budget of " + budget;
		}
		if (maxSize != null) {
			return "poolpilot.sizing.max-size of " + maxSize;
		}
		return "the size the pool started with (" + this.initialMaximum
				+ "; set poolpilot.sizing.max-size to let it grow)";
	}

	private int staff(double demand) {
		if (demand <= 0) {
			return 0;
		}
		return (int) Math.ceil(demand + this.settings.headroom() * Math.sqrt(demand) - 1e-9);
	}

	private void remember(PoolSample sample) {
		this.window.addLast(new Interval(this.elapsed, sample.intervalNanos(), sample.acquisitions(), sample.releases(),
				sample.holdPercentileNanos(), sample.waitingCallers()));
		while (this.window.size() > 1 && this.window.peekFirst().at() <= this.elapsed - this.shrinkDelayNanos) {
			this.window.removeFirst();
		}
	}

	/*
	 * Return the latest intervals, merged newest first until they hold {@link
	 * #MIN_SEGMENT_ACQUISITIONS} (or the whole window).
	 */
	private Segment recentSegment() {
		Segment segment = new Segment();
		for (Iterator<Interval> intervals = this.window.descendingIterator(); intervals.hasNext()
				&& segment.acquisitions < MIN_SEGMENT_ACQUISITIONS;) {
			segment.add(intervals.next());
		}
		return segment;
	}

	/*
	 * Return the highest need in the shrink window. An interval with few acquisitions
	 * says little about the rate (one 600 ms transaction in a 200 ms interval reads as
	 * 5/s), so consecutive intervals are merged, newest first, until each part has {@link
	 * #MIN_SEGMENT_ACQUISITIONS}; a short remainder joins the part before it.
	 */
	private int highestNeed() {
		int highest = 0;
		Segment segment = new Segment();
		@Nullable Segment last = null;
		for (Iterator<Interval> intervals = this.window.descendingIterator(); intervals.hasNext();) {
			segment.add(intervals.next());
			if (segment.acquisitions >= MIN_SEGMENT_ACQUISITIONS) {
				highest = Math.max(highest, staff(segment.demand()));
				last = segment;
				segment = new Segment();
			}
		}
		if (segment.nanos > 0) {
			if (last != null) {
				last.add(segment);
				segment = last;
			}
			highest = Math.max(highest, staff(segment.demand()));
		}
		return highest;
	}

	private int band() {
		// hysteresis: a need within a tenth of the size keeps the size, and the last
		// growth is not undone for
		// one connection
		return Math.max((this.lastGrowthAt == this.lastChangeAt && this.lastGrowthAt > 0) ? 1 : 0, this.target / 10);
	}

	private String describe(Segment load) {
		String text = String.format(Locale.ROOT, "%.1f/s x p%s hold %.1f ms = %.1f busy + %.1f waiting = %.1f",
				load.rate(), percentile(), load.hold() / NANOS_PER_MILLI, load.busy(), load.waiting(), load.demand());
		return (load.intervals > 1) ? text + " over the last " + duration(load.nanos) : text;
	}

	private String percentile() {
		String text = Double.toString(this.settings.holdTimePercentile() * 100);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

	private static String duration(long nanos) {
		long millis = nanos / 1_000_000;
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	/**
	 * One interval in the shrink window.
	 */
	private record Interval(long at, long nanos, long acquisitions, long releases, long holdPercentileNanos,
			double waitingCallers) {
	}

	/**
	 * Consecutive intervals taken together: their rate, release-weighted hold percentile
	 * and mean waiting, and by Little's law the demand.
	 */
	private static final class Segment {

		private long nanos;

		private long acquisitions;

		private long releases;

		private double weightedHold;

		private double waitingNanos;

		private int intervals;

		void add(Interval interval) {
			this.intervals++;
			this.nanos += interval.nanos();
			this.acquisitions += interval.acquisitions();
			this.releases += interval.releases();
			this.weightedHold += (double) interval.holdPercentileNanos() * interval.releases();
			this.waitingNanos += interval.waitingCallers() * interval.nanos();
		}

		Segment withoutWaiting() {
			Segment segment = new Segment();
			segment.add(this);
			segment.waitingNanos = 0;
			return segment;
		}

		void add(Segment other) {
			this.intervals += other.intervals;
			this.nanos += other.nanos;
			this.acquisitions += other.acquisitions;
			this.releases += other.releases;
			this.weightedHold += other.weightedHold;
			this.waitingNanos += other.waitingNanos;
		}

		double rate() {
			return (this.nanos > 0) ? this.acquisitions * 1e9 / this.nanos : 0;
		}

		double hold() {
			return (this.releases > 0) ? this.weightedHold / this.releases : 0;
		}

		double busy() {
			return rate() * hold() / 1e9;
		}

		double waiting() {
			return (this.nanos > 0) ? this.waitingNanos / this.nanos : 0;
		}

		double demand() {
			return busy() + waiting();
		}

	}

	/**
	 * Acquisitions and hold times over one or more intervals.
	 */
	private static final class Measured {

		private long nanos;

		private long acquisitions;

		private long releases;

		private long holdNanos;

		private long timeouts;

		private double waitingNanos;

		static Measured of(PoolSample sample) {
			Measured measured = new Measured();
			measured.add(sample);
			return measured;
		}

		Measured plus(Measured other) {
			Measured sum = new Measured();
			sum.add(this);
			sum.add(other);
			return sum;
		}

		private void add(Measured other) {
			this.nanos += other.nanos;
			this.acquisitions += other.acquisitions;
			this.releases += other.releases;
			this.holdNanos += other.holdNanos;
			this.timeouts += other.timeouts;
			this.waitingNanos += other.waitingNanos;
		}

		void add(PoolSample sample) {
			this.nanos += sample.intervalNanos();
			this.acquisitions += sample.acquisitions();
			this.releases += sample.releases();
			this.holdNanos += sample.holdNanos();
			this.timeouts += sample.timeouts();
			this.waitingNanos += sample.waitingCallers() * sample.intervalNanos();
		}

		boolean servedEveryCaller() {
			// the same threshold as the pressure that starts growth: under half a caller
			// waiting on average
			return this.timeouts == 0 && this.nanos > 0 && this.waitingNanos / this.nanos < 0.5;
		}

		double rate() {
			return (this.nanos > 0) ? this.acquisitions * 1e9 / this.nanos : 0;
		}

		double meanHold() {
			return (this.releases > 0) ? (double) this.holdNanos / this.releases : 0;
		}

	}

	/**
	 * A size change under judgement: the size before and after, and what was measured
	 * before it.
	 */
	private record Probe(int from, int to, Measured before, boolean down) {
	}

	/**
	 * A step down that served less, with what each size served over its trials so far.
	 */
	private record Trials(int from, int to, Measured atFrom, Measured atTo, int count) {
	}

}
