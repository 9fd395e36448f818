package io.github.poolpilot.sizing.simulation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.github.poolpilot.sizing.PoolSample;
import io.github.poolpilot.sizing.SizingDecision;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.github.poolpilot.sizing.SizingMode;
import io.github.poolpilot.sizing.SizingPolicy;
import io.github.poolpilot.sizing.SizingSettings;
import io.github.poolpilot.sizing.WatchPace;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic simulation of a HikariCP pool in front of a {@link SimulatedDatabase},
 * in virtual time steps of {@value #STEP_MILLIS} ms, under a {@link Workload}'s
 * open-model arrivals. The pool hands a returned connection to the longest waiter, gives
 * up a waiter after the connection timeout, opens connections one at a time on a single
 * adder thread while {@code total < maximumPoolSize} and callers outnumber idle
 * connections (or idle ones are fewer than {@code minimumIdle}), back to back or, as
 * HikariCP does, with a pause of {@value #HIKARI_ADDER_PAUSE_MILLIS} ms after each
 * connection added, and closes a connection above its maximum only when it is idle or
 * returned. Either the size is static, or the real {@link SizingPolicy} decides it the
 * way {@code SizingController} does: a sample every interval, and, from the first
 * acquisition that waited, a poll every {@value #WAKE_MILLIS} ms that decides and stops
 * once nobody waits and a connection is free. The workload's draws come from one seeded
 * {@link SplittableRandom} and the pool's from another, so every pool sees the same
 * requests and the same seed gives the same figures.
 *
 * @author Pool Pilot contributors
 */
final class PoolSimulation {

	static final boolean TRACE = System.getProperty("trace") != null;

	static final double STEP_MILLIS = 1;

	/**
	 * How long HikariCP's adder thread sleeps after each connection it added (7.1's
	 * {@code PoolEntryCreator}) before it opens the next.
	 */
	static final double HIKARI_ADDER_PAUSE_MILLIS = 30;

	static final double WAKE_MILLIS = 20;

	static final double INTERVAL_MILLIS = 1000;

	static final double TIMEOUT_MILLIS = 5000;

	/** An acquisition that waited at least this long wakes the controller. */
	static final double WAKE_WAIT_MILLIS = 1;

	private final Workload workload;

	private final SimulatedDatabase database;

	private final SplittableRandom requests;

	private final SplittableRandom pool;

	private final @Nullable SizingPolicy policy;

	private final ArrayDeque<Request> waiters = new ArrayDeque<>();

	private final List<Request> running = new ArrayList<>();

	private final List<Double> changes = new ArrayList<>();

	private final double[] recentOpens = new double[8];

	private int opens;

	private final double adderPauseMillis;

	private double adderFreeAt;

	private int maximum;

	private int minimumIdle;

	private int total;

	private int idle;

	private double openDoneAt = -1;

	private double now;

	private boolean awake;

	private final WatchPace pace = new WatchPace(nanos(WAKE_MILLIS), nanos(INTERVAL_MILLIS));

	private @Nullable SizingDecision lastDecision;

	private double nextPoll;

	private double nextTick = INTERVAL_MILLIS;

	private Window sample = new Window(0);

	private int lastPending;

	private double queueSince = -1;

	private double firstGrowth = -1;

	private final List<Double> highLatencies = new ArrayList<>();

	private long highEnded;

	private double highHoldSum;

	private long highHolds;

	private long highArrivals;

	private long timeouts;

	private int peakSize;

	private int peakOpen;

	private double connectionMillis;

	private final List<Integer> lateOpen = new ArrayList<>();

	private final @Nullable Oracle oracle;

	private PoolSimulation(Workload workload, long seed, @Nullable Integer staticSize, double adderPauseMillis,
			@Nullable Oracle oracle) {
		this.workload = workload;
		this.adderPauseMillis = adderPauseMillis;
		this.oracle = oracle;
		this.database = workload.database();
		this.requests = new SplittableRandom(seed);
		this.pool = new SplittableRandom(seed * 31 + 7);
		this.maximum = (oracle != null) ? oracle.before() : ((staticSize != null) ? staticSize : workload.startSize());
		this.minimumIdle = this.maximum;
		this.total = this.maximum;
		this.idle = this.maximum;
		this.policy = (staticSize != null || oracle != null) ? null
				: new SizingPolicy(new SizingSettings(SizingMode.AUTO, 2, workload.maxSize(),
						SizingSettings.DEFAULTS.interval(), SizingSettings.DEFAULTS.cooldown(),
						SizingSettings.DEFAULTS.shrinkDelay(), SizingSettings.DEFAULTS.holdTimePercentile(),
						SizingSettings.DEFAULTS.headroom(), SizingSettings.DEFAULTS.saturationTolerance(),
						SizingSettings.DEFAULTS.saturationMemory()));
		this.peakSize = this.maximum;
	}

	static SimulationResult run(Workload workload, long seed) {
		return run(workload, seed, 0);
	}

	/**
	 * Run the policy with an adder that pauses after each connection it added.
	 * @param workload the workload
	 * @param seed the seed
	 * @param adderPauseMillis the pause, {@link #HIKARI_ADDER_PAUSE_MILLIS} for
	 * HikariCP's
	 * @return the figures
	 */
	static SimulationResult run(Workload workload, long seed, double adderPauseMillis) {
		return new PoolSimulation(workload, seed, null, adderPauseMillis, null).run();
	}

	static SimulationResult runStatic(Workload workload, long seed, int size) {
		return new PoolSimulation(workload, seed, size, 0, null).run();
	}

	/**
	 * Run a pool that no policy sizes but an oracle, which knows when the judged window
	 * starts and the size it needs: the bound on what any policy could do with the same
	 * adder.
	 * @param workload the workload
	 * @param seed the seed
	 * @param oracle the sizes before and in the window, and how late the oracle acts
	 * @param adderPauseMillis the adder's pause after each connection it added
	 * @return the figures
	 */
	static SimulationResult runOracle(Workload workload, long seed, Oracle oracle, double adderPauseMillis) {
		return new PoolSimulation(workload, seed, null, adderPauseMillis, oracle).run();
	}

	private SimulationResult run() {
		double end = this.workload.seconds() * 1000;
		double nextArrival = nextArrival(0);
		for (this.now = 0; this.now < end; this.now += STEP_MILLIS) {
			double stepEnd = this.now + STEP_MILLIS;
			while (nextArrival < stepEnd) {
				arrive(nextArrival);
				nextArrival = nextArrival(nextArrival);
			}
			expireWaiters();
			runTransactions();
			openConnections();
			control();
			this.connectionMillis += this.total * STEP_MILLIS;
			if (this.now >= this.workload.highFrom() * 1000) {
				this.peakOpen = Math.max(this.peakOpen, this.total);
			}
			if (this.now >= end * 2 / 3 && ((long) this.now) % 100 == 0) {
				this.lateOpen.add(this.total);
			}
		}
		double[] latencies = this.highLatencies.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(latencies);
		Integer[] late = this.lateOpen.toArray(new Integer[0]);
		Arrays.sort(late);
		double highSeconds = this.workload.highTo() - this.workload.highFrom();
		double meanHold = (this.highHolds > 0) ? this.highHoldSum / this.highHolds : 0;
		return new SimulationResult(percentile(latencies, 0.99), percentile(latencies, 0.5),
				this.highEnded / highSeconds, this.timeouts, this.peakSize, this.peakOpen,
				(late.length > 0) ? late[late.length / 2] : this.total, this.connectionMillis / 1000,
				this.highArrivals / highSeconds * meanHold / 1000, this.firstGrowth, List.copyOf(this.changes));
	}

	private double nextArrival(double after) {
		double rate = this.workload.rate().applyAsDouble(after / 1000);
		if (rate <= 0) {
			return after + STEP_MILLIS;
		}
		return after - Math.log(1 - this.requests.nextDouble()) * 1000 / rate;
	}

	private void arrive(double at) {
		double t = at / 1000;
		Request request = new Request(at, jitter(this.workload.cpuMillis().applyAsDouble(t)),
				jitter(this.workload.ioMillis().applyAsDouble(t)));
		if (high(at)) {
			this.highArrivals++;
		}
		if (this.idle > 0 && this.waiters.isEmpty()) {
			this.idle--;
			start(request);
		}
		else {
			if (this.waiters.isEmpty()) {
				this.queueSince = this.now;
			}
			this.waiters.addLast(request);
		}
	}

	private double jitter(double millis) {
		// +-10% uniform: pg_sleep and simple queries vary little
		return millis * (0.9 + 0.2 * this.requests.nextDouble());
	}

	private void start(Request request) {
		request.acquiredAt = this.now;
		double wait = this.now - request.arrivedAt;
		this.sample.acquisitions++;
		this.sample.waitMillis += wait;
		this.running.add(request);
		if (wait >= WAKE_WAIT_MILLIS && this.policy != null && !this.awake) {
			this.awake = true;
			this.nextPoll = this.now + STEP_MILLIS;
		}
	}

	private void expireWaiters() {
		while (!this.waiters.isEmpty() && this.now - this.waiters.peekFirst().arrivedAt >= TIMEOUT_MILLIS) {
			this.waiters.removeFirst();
			this.timeouts++;
			this.sample.timeouts++;
		}
	}

	private void runTransactions() {
		int inCpu = 0;
		for (Request request : this.running) {
			if (request.cpuLeft > 0) {
				inCpu++;
			}
		}
		double t = this.now / 1000;
		double cpuSpeed = this.database.cpuSpeed(inCpu, this.running.size(), t);
		double ioSpeed = 1 / this.database.slowdown().applyAsDouble(t);
		for (int i = this.running.size() - 1; i >= 0; i--) {
			Request request = this.running.get(i);
			if (request.cpuLeft > 0) {
				request.cpuLeft -= STEP_MILLIS * cpuSpeed;
			}
			else {
				request.ioLeft -= STEP_MILLIS * ioSpeed;
				if (request.ioLeft <= 0) {
					this.running.set(i, this.running.get(this.running.size() - 1));
					this.running.remove(this.running.size() - 1);
					end(request);
				}
			}
		}
	}

	private void end(Request request) {
		double ended = this.now + STEP_MILLIS;
		double hold = ended - request.acquiredAt;
		this.sample.releases++;
		this.sample.holds.add(hold);
		if (high(request.arrivedAt)) {
			this.highLatencies.add(ended - request.arrivedAt);
			this.highHoldSum += hold;
			this.highHolds++;
		}
		if (ended >= this.workload.highFrom() * 1000 && ended < this.workload.highTo() * 1000) {
			this.highEnded++;
		}
		if (this.total > this.maximum) {
			// soft-evicted: closed on return, never in use
			this.total--;
		}
		else {
			handOver();
		}
	}

	private void handOver() {
		if (this.waiters.isEmpty()) {
			this.idle++;
		}
		else {
			start(this.waiters.removeFirst());
		}
	}

	private void openConnections() {
		if (this.openDoneAt >= 0) {
			if (this.now < this.openDoneAt) {
				return;
			}
			this.openDoneAt = -1;
			if (this.total < this.database.connectionLimit() && this.total < this.maximum) {
				this.total++;
				this.sample.opened++;
				this.adderFreeAt = this.now + this.adderPauseMillis;
				handOver();
			}
		}
		boolean wanted = this.waiters.size() > this.idle || this.idle < this.minimumIdle;
		if (this.total < this.maximum && wanted && this.now >= this.adderFreeAt) {
			double busy = Math.min(1, this.running.size() / (double) (this.database.cores() * 4));
			double open = this.database.openMillis() * (0.8 + 0.4 * this.pool.nextDouble()) * (1 + busy)
					* this.database.slowdown().applyAsDouble(this.now / 1000);
			this.recentOpens[this.opens++ % this.recentOpens.length] = open;
			this.openDoneAt = this.now + open;
		}
	}

	private void control() {
		Oracle oracle = this.oracle;
		if (oracle != null && this.maximum != oracle.after()
				&& this.now >= this.workload.highFrom() * 1000 + oracle.lateMillis()) {
			this.maximum = oracle.after();
			this.minimumIdle = oracle.after();
			this.peakSize = Math.max(this.peakSize, this.maximum);
		}
		if (this.policy == null) {
			return;
		}
		if (this.now >= this.nextTick) {
			this.nextTick += INTERVAL_MILLIS;
			decide(this.policy);
		}
		else if (this.awake && this.now >= this.nextPoll) {
			this.nextPoll += WAKE_MILLIS;
			if (!this.waiters.isEmpty()) {
				int waiting = this.waiters.size();
				if (this.pace.due(nanos(this.now), waiting)) {
					SizingDecision before = this.lastDecision;
					decide(this.policy);
					SizingDecision after = this.lastDecision;
					this.pace.sampled(nanos(this.now), waiting, before == null
							|| after.maximumPoolSize() != before.maximumPoolSize() || after.state() != before.state());
				}
			}
			else if (this.running.size() < this.maximum) {
				this.pace.reset();
				this.awake = false;
			}
		}
	}

	private void decide(SizingPolicy policy) {
		Window window = this.sample;
		this.sample = new Window(this.now);
		double[] holds = window.holds.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(holds);
		double holdSum = Arrays.stream(holds).sum();
		int opened = Math.min(this.opens, this.recentOpens.length);
		double openMean = (opened > 0) ? Arrays.stream(this.recentOpens, 0, opened).sum() / opened : 0;
		PoolSample poolSample = new PoolSample(nanos(this.now - window.start), window.acquisitions,
				nanos(window.waitMillis), window.timeouts, window.releases, nanos(holdSum),
				nanos(percentile(holds, 0.9)), 0, this.running.size(), this.idle, this.waiters.size(), this.maximum,
				this.minimumIdle, nanos(TIMEOUT_MILLIS), nanos(openMean), window.opened, null);
		SizingDecision decision = policy.decide(poolSample);
		this.lastDecision = decision;
		if (TRACE && (decision.direction() != Direction.HOLD || "all".equals(System.getProperty("trace")))) {
			System.out.printf(java.util.Locale.ROOT,
					"%8.3f s max %d total %d active %d idle %d pending %d: %s %d %s (%s)%n", this.now / 1000,
					this.maximum, this.total, this.running.size(), this.idle, this.waiters.size(), decision.direction(),
					decision.maximumPoolSize(), decision.state(), decision.reason());
		}
		if (decision.direction() != Direction.HOLD) {
			this.changes.add(this.now / 1000);
			if (decision.direction() == Direction.GROW && this.firstGrowth < 0 && high(this.now)
					&& this.queueSince >= this.workload.highFrom() * 1000 && !this.waiters.isEmpty()) {
				this.firstGrowth = this.now - this.queueSince;
			}
		}
		this.maximum = decision.maximumPoolSize();
		this.minimumIdle = decision.minimumIdle();
		this.peakSize = Math.max(this.peakSize, this.maximum);
		// the controller retires idle connections above the maximum while nobody waits
		while (this.total > this.maximum && this.idle > 0 && this.waiters.isEmpty()) {
			this.idle--;
			this.total--;
		}
		this.lastPending = this.waiters.size();
	}

	private boolean high(double at) {
		return at >= this.workload.highFrom() * 1000 && at < this.workload.highTo() * 1000;
	}

	private static long nanos(double millis) {
		return (long) (millis * 1e6);
	}

	private static double percentile(double[] sorted, double quantile) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
	}

	/**
	 * A pool sized by someone who knows the load: a fixed pool of one size until the
	 * judged window starts, and of another from a given time after.
	 *
	 * @param before the size until the window starts
	 * @param after the size from the window's start plus {@code lateMillis}
	 * @param lateMillis how long after the window's start the size changes
	 */
	record Oracle(int before, int after, double lateMillis) {
	}

	/**
	 * One request: when it arrived, when it got a connection, and its work left.
	 */
	private static final class Request {

		private final double arrivedAt;

		private double acquiredAt;

		private double cpuLeft;

		private double ioLeft;

		Request(double arrivedAt, double cpuMillis, double ioMillis) {
			this.arrivedAt = arrivedAt;
			this.cpuLeft = cpuMillis;
			this.ioLeft = ioMillis;
		}

	}

	/**
	 * What the pool recorded since the controller's last sample.
	 */
	private static final class Window {

		private final double start;

		private long acquisitions;

		private double waitMillis;

		private long timeouts;

		private long releases;

		private long opened;

		private final List<Double> holds = new ArrayList<>();

		Window(double start) {
			this.start = start;
		}

	}

}
