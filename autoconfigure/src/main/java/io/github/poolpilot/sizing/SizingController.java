package io.github.poolpilot.sizing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.ConfiguredMaximum;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.jfr.FlightRecorderEvents;
import io.github.poolpilot.jfr.SizingDecisionEvent;
import io.github.poolpilot.load.LoadTotals;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Samples every managed pool's {@link io.github.poolpilot.load.PoolLoad load} once per
 * interval on one daemon thread, asks each pool's {@link SizingPolicy} for a decision
 * and, in {@link SizingMode#AUTO auto} mode, applies it through
 * {@link HikariConfigMXBean}. This is the one class of the sizing feature with side
 * effects. A change is logged at INFO with its reason and kept in a short history.
 * <p>
 * A pool's upper bound is the smallest of {@code poolpilot.sizing.max-size}, its
 * {@link ConnectionBudget} (the database's budget, or the replica's fleet share) and, in
 * {@code auto} mode, the {@code maximumPoolSize} the application set itself: a
 * recommendation may still go above that, to say that the pool needs more.
 * <p>
 * A pool whose callers wait is watched closely: the first borrow that waited at least
 * {@link #WAITED_NANOS} wakes the controller, which then looks at that pool every
 * {@link #WAKE_NANOS} for as long as callers wait or every connection is in use, and
 * samples it whenever callers wait (less often, as {@link WatchPace} says, once its
 * samples stop changing anything), so that the policy sees a growing queue within a tenth
 * of a second rather than on the next interval. Borrows that did not wait cost one
 * comparison; HikariCP's tracker sees a wait only when it ends, which is why the watch
 * polls {@link HikariPoolMXBean#getThreadsAwaitingConnection()} rather than waiting for
 * more borrows to end.
 * <p>
 * Shrinking lowers {@code minimumIdle} and {@code maximumPoolSize}, then retires idle
 * connections beyond the new maximum one by one: it borrows an idle connection, returns
 * it and evicts it. HikariCP's {@code softEvictConnections()} would retire every
 * connection of the pool, so that the pool reopens the ones it keeps. A connection in use
 * is never closed: it stays until it is returned, and the next interval retires it if it
 * is idle by then.
 *
 * @author Pool Pilot contributors
 */
public class SizingController implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SizingController.class);

	private static final int HISTORY = 32;

	/**
	 * How often a pool is sampled while callers wait for its connections or all of them
	 * are in use, so that a growing queue is met within a few of these.
	 */
	static final long WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/**
	 * The least wait of a borrow that starts the close watch: a borrow that found an idle
	 * connection takes microseconds.
	 */
	static final long WAITED_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final PoolRegistry registry;

	private final RemoteWaitSource remoteWaits;

	private final SizingSettings settings;

	private final Clock clock;

	private final ConnectionBudget budget;

	private final SizingModeResolver modes;

	private final Map<ManagedPool, PoolState> states = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile @Nullable Thread samplingThread;

	/**
	 * Create a controller.
	 * @param registry the pools to size
	 * @param remoteWaits the time connections sat idle across remote calls
	 * @param settings the mode, bounds and damping
	 * @param clock the clock that stamps the history
	 */
	public SizingController(PoolRegistry registry, RemoteWaitSource remoteWaits, SizingSettings settings, Clock clock) {
		this(registry, remoteWaits, settings, clock, ConnectionBudget.DATABASE);
	}

	/**
	 * Create a controller.
	 * @param registry the pools to size
	 * @param remoteWaits the time connections sat idle across remote calls
	 * @param settings the mode, bounds and damping
	 * @param clock the clock that stamps the history
	 * @param budget the most connections each pool may hold
	 */
	public SizingController(PoolRegistry registry, RemoteWaitSource remoteWaits, SizingSettings settings, Clock clock,
			ConnectionBudget budget) {
		this(registry, remoteWaits, settings, clock, budget, (pool) -> settings.mode());
	}

	/**
	 * Create a controller.
	 * @param registry the pools to size
	 * @param remoteWaits the time connections sat idle across remote calls
	 * @param settings the bounds and damping; its mode is the resolver's to choose
	 * @param clock the clock that stamps the history
	 * @param budget the most connections each pool may hold
	 * @param modes the mode of each pool
	 */
	public SizingController(PoolRegistry registry, RemoteWaitSource remoteWaits, SizingSettings settings, Clock clock,
			ConnectionBudget budget, SizingModeResolver modes) {
		this.registry = registry;
		this.remoteWaits = remoteWaits;
		this.settings = settings;
		this.clock = clock;
		this.budget = budget;
		this.modes = modes;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		for (ManagedPool pool : this.registry.pools()) {
			// settle each pool's mode now, so that whatever it logs comes at startup
			this.modes.mode(pool);
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "poolpilot-sizing");
			thread.setDaemon(true);
			this.samplingThread = thread;
			return thread;
		});
		long interval = this.settings.interval().toNanos();
		// the first look at once: it sets each pool's baseline and lets its callers'
		// waits wake the controller
		scheduler.scheduleWithFixedDelay(this::sample, 0, interval, TimeUnit.NANOSECONDS);
		this.scheduler = scheduler;
	}

	/*
	 * Called on a borrowing thread after a wait: start the close watch of the pool unless
	 * it runs already. Allocates only when the watch starts.
	 */
	private void wake(ManagedPool pool, PoolState state) {
		// while the watch runs, every waiting caller reads one flag and writes nothing
		if (state.watching.get()) {
			return;
		}
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null || !state.watching.compareAndSet(false, true)) {
			return;
		}
		try {
			scheduler.execute(() -> watch(pool, state));
		}
		catch (RejectedExecutionException ex) {
			state.watching.set(false);
		}
	}

	/*
	 * One look of the close watch, on the controller's thread: sample the pool while
	 * callers wait, and look again soon while they do or every connection is in use.
	 */
	private void watch(ManagedPool pool, PoolState state) {
		ScheduledExecutorService scheduler = this.scheduler;
		HikariPoolMXBean poolBean = pool.poolMXBean();
		if (scheduler == null || poolBean == null) {
			state.watching.set(false);
			return;
		}
		int waiters = poolBean.getThreadsAwaitingConnection();
		boolean waiting = waiters > 0;
		long now = System.nanoTime();
		if (waiting && state.pace.due(now, waiters)) {
			SizingDecision before = state.lastDecision;
			try {
				sample(pool);
			}
			catch (RuntimeException ex) {
				state.watching.set(false);
				throw ex;
			}
			SizingDecision after = state.lastDecision;
			state.pace.sampled(now, waiters, after != null && (before == null
					|| after.maximumPoolSize() != before.maximumPoolSize() || after.state() != before.state()));
		}
		// every connection in use and nobody waiting yet: look again without a sample,
		// which reads two counters and allocates nothing but the next look
		boolean pressure = waiting || poolBean.getThreadsAwaitingConnection() > 0
				|| poolBean.getActiveConnections() >= pool.dataSource().getMaximumPoolSize();
		if (!pressure) {
			state.pace.reset();
			state.watching.set(false);
			return;
		}
		try {
			scheduler.schedule(() -> watch(pool, state), WAKE_NANOS, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			state.watching.set(false);
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			return;
		}
		this.scheduler = null;
		scheduler.shutdownNow();
		try {
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.samplingThread = null;
		for (ManagedPool pool : this.registry.pools()) {
			pool.load().exclude(null);
			pool.load().onWait(0, null);
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Return what the controller knows about each pool it has sampled, sorted by pool
	 * name.
	 * @return the states
	 */
	public List<PoolSizingState> states() {
		List<PoolSizingState> states = new ArrayList<>();
		for (ManagedPool pool : this.registry.pools()) {
			PoolState state = this.states.get(pool);
			if (state != null) {
				states.add(state.snapshot());
			}
		}
		return states;
	}

	/**
	 * Return what the controller knows about one pool.
	 * @param pool the pool name
	 * @return the state, or {@code null} when the pool is unknown or not sampled yet
	 */
	public @Nullable PoolSizingState state(String pool) {
		ManagedPool managed = this.registry.get(pool);
		PoolState state = (managed != null) ? this.states.get(managed) : null;
		return (state != null) ? state.snapshot() : null;
	}

	/**
	 * Return the {@code maximumPoolSize} the policy wants for a pool: before the first
	 * decision, the pool's own.
	 * @param pool the pool name
	 * @return the target, {@code NaN} for an unknown pool
	 */
	public double target(String pool) {
		ManagedPool managed = this.registry.get(pool);
		if (managed == null) {
			return Double.NaN;
		}
		PoolState state = this.states.get(managed);
		SizingDecision decision = (state != null) ? state.lastDecision : null;
		return (decision != null) ? decision.maximumPoolSize() : managed.dataSource().getMaximumPoolSize();
	}

	/**
	 * Return how many connections a pool's load asks for, whatever its budget: the size
	 * its policy wants, or the connections in use plus the callers waiting when that is
	 * more (a pool held at its budget cannot measure a larger need), and at least
	 * {@code poolpilot.sizing.min-size}.
	 * @param pool the pool
	 * @return the demand, or {@code null} before the first decision
	 */
	public @Nullable Integer demand(ManagedPool pool) {
		PoolState state = this.states.get(pool);
		SizingDecision decision = (state != null) ? state.lastDecision : null;
		PoolSample sample = (state != null) ? state.lastSample : null;
		if (decision == null || sample == null) {
			return null;
		}
		return demand(decision, sample, this.settings);
	}

	/**
	 * Return the demand of a pool from its last decision and sample.
	 * @param decision the policy's last decision
	 * @param sample the sample it was made on
	 * @param settings the controller's settings
	 * @return the demand
	 */
	static int demand(SizingDecision decision, PoolSample sample, SizingSettings settings) {
		// the policy's demand is before the budget's bound: a fleet share published as
		// the size it allows could never grow. The connections the policy still holds
		// above the need (it shrinks only after the shrink delay) are the fleet's to keep
		// or reclaim: they are published as held, not as demand
		int wanted = decision.demand();
		Integer maxSize = settings.maxSize();
		if (maxSize != null) {
			wanted = Math.min(wanted, maxSize);
		}
		return Math.max(settings.minSize(), Math.max(wanted, sample.active() + sample.pending()));
	}

	/**
	 * Return how many decisions moved a pool in one direction.
	 * @param pool the pool name
	 * @param direction {@link Direction#GROW} or {@link Direction#SHRINK}
	 * @return the count
	 */
	public long decisions(String pool, Direction direction) {
		ManagedPool managed = this.registry.get(pool);
		PoolState state = (managed != null) ? this.states.get(managed) : null;
		if (state == null) {
			return 0;
		}
		return (direction == Direction.GROW) ? state.grown.get()
				: (direction == Direction.SHRINK) ? state.shrunk.get() : 0;
	}

	/**
	 * Sample every started pool once, decide and apply. Runs on the controller's thread.
	 */
	void sample() {
		for (ManagedPool pool : this.registry.pools()) {
			try {
				sample(pool);
			}
			catch (RuntimeException ex) {
				PoolState state = this.states.get(pool);
				if (state == null || !state.failing) {
					logger.warn(pool.name() + " - sizing skipped: " + ex, ex);
				}
				if (state != null) {
					state.failing = true;
				}
			}
		}
	}

	private void sample(ManagedPool pool) {
		HikariDataSource dataSource = pool.dataSource();
		HikariPoolMXBean poolBean = pool.poolMXBean();
		if (poolBean == null || dataSource.isClosed()) {
			return;
		}
		Thread current = Thread.currentThread();
		if (current == this.samplingThread) {
			// the connections this thread borrows to retire them are not load
			pool.load().exclude(current);
		}
		LoadTotals totals = pool.load().totals();
		long remote = this.remoteWaits.remoteWaitNanos(pool);
		PoolState state = this.states.get(pool);
		if (state == null) {
			// the first look only sets the baseline of the first interval
			PoolState created = new PoolState(pool, new SizingPolicy(this.settings), totals, remote);
			this.states.put(pool, created);
			pool.load().onWait(WAITED_NANOS, () -> wake(pool, created));
			return;
		}
		LoadTotals interval = totals.since(state.totals);
		long created = pool.load().connectionsCreated();
		long openMillis = pool.load().connectionCreateMillis();
		long opened = created - state.opened;
		if (opened > 0) {
			state.openNanos = TimeUnit.MILLISECONDS.toNanos(openMillis - state.openMillis) / opened;
			state.opened = created;
			state.openMillis = openMillis;
		}
		double holdPercentile = interval.holdNanos(this.settings.holdTimePercentile());
		boolean apply = this.modes.mode(pool) == SizingMode.AUTO;
		UpperBound bound = upperBound(pool, apply);
		PoolSample sample = new PoolSample(interval.nanos(), interval.acquisitions(), interval.acquireWaitNanos(),
				interval.timeouts(), interval.releases(), interval.holdNanos(),
				Double.isNaN(holdPercentile) ? 0 : (long) holdPercentile, remote - state.remote,
				poolBean.getActiveConnections(), poolBean.getIdleConnections(), poolBean.getThreadsAwaitingConnection(),
				dataSource.getMaximumPoolSize(), dataSource.getMinimumIdle(),
				TimeUnit.MILLISECONDS.toNanos(dataSource.getConnectionTimeout()), state.openNanos, opened,
				(bound != null) ? bound.limit() : null);
		state.totals = totals;
		state.remote = remote;
		SizingDecision decision = state.policy.decide(sample);
		if (bound != null) {
			decision = name(decision, pool, bound);
		}
		if (logger.isDebugEnabled()) {
			logger.debug(String.format(Locale.ROOT,
					"%s - %.1f acquisitions/s, mean hold %.1f ms, %d timeouts, "
							+ "%d active + %d idle of %d, %d waiting: %s %d (%s)",
					pool.name(), sample.acquireRate(), sample.meanHoldNanos() / 1e6, sample.timeouts(), sample.active(),
					sample.idle(), sample.maximumPoolSize(), sample.pending(), decision.direction(),
					decision.maximumPoolSize(), decision.reason()));
		}
		state.lastSample = sample;
		state.lastDecision = decision;
		state.failing = false;
		if (decision.direction() != Direction.HOLD) {
			if (apply) {
				resize(dataSource.getHikariConfigMXBean(), decision);
			}
			state.changed(sample, decision, apply);
		}
		if (apply) {
			state.evictedFor = retireSurplus(pool.name(), dataSource, poolBean, state.evictedFor);
		}
	}

	/**
	 * Return the most connections a pool may hold in this sample, and its name: the
	 * budget's limit, or the application's own maximum when that is lower and the pool is
	 * resized.
	 * @param pool the pool
	 * @param apply whether the pool is resized
	 * @return the bound, or {@code null} when nothing bounds the pool but its starting
	 * size
	 */
	private @Nullable UpperBound upperBound(ManagedPool pool, boolean apply) {
		Integer limit = this.budget.limit(pool);
		ConfiguredMaximum configured = apply ? pool.configuredMaximum() : null;
		if (configured != null && (limit == null || configured.size() <= limit)) {
			return new UpperBound(configured.size(), configured);
		}
		return (limit != null) ? new UpperBound(limit, null) : null;
	}

	/**
	 * Name the bound in a decision's reason that it caps: the policy calls every budget
	 * the database's, whether it is that, a fleet share or the application's maximum.
	 * @param decision the policy's decision
	 * @param pool the pool
	 * @param bound the bound the policy was given
	 * @return the decision, its reason naming the bound
	 */
	private SizingDecision name(SizingDecision decision, ManagedPool pool, UpperBound bound) {
		String generic = SizingReasons.budget(bound.limit());
		if (!decision.reason().contains(generic)) {
			return decision;
		}
		ConfiguredMaximum configured = bound.configured();
		String description = (configured != null)
				? SizingReasons.configuredMaximum(configured.property(), configured.size())
				: this.budget.describe(pool, bound.limit());
		if (description.equals(generic)) {
			return decision;
		}
		return new SizingDecision(decision.maximumPoolSize(), decision.minimumIdle(), decision.direction(),
				decision.state(), decision.demand(), decision.reason().replace(generic, description));
	}

	private static void resize(HikariConfigMXBean config, SizingDecision decision) {
		// keep minimumIdle <= maximumPoolSize at every moment
		if (decision.maximumPoolSize() >= config.getMaximumPoolSize()) {
			config.setMaximumPoolSize(decision.maximumPoolSize());
			config.setMinimumIdle(decision.minimumIdle());
		}
		else {
			config.setMinimumIdle(decision.minimumIdle());
			config.setMaximumPoolSize(decision.maximumPoolSize());
		}
	}

	/**
	 * Retire the connections beyond the pool's {@code maximumPoolSize}. While a
	 * connection is idle and nobody waits, one is borrowed and evicted at a time. While
	 * callers queue, no connection is ever idle (each one returned goes to a waiting
	 * caller), so the surplus would stay open for as long as the load lasts: that is when
	 * the saturation brake steps back. Then every connection is soft-evicted, once per
	 * size: HikariCP closes each one when it is returned, never in use, and reopens only
	 * up to the new maximum.
	 * @param name the pool name, for the log
	 * @param dataSource the pool
	 * @param poolBean the pool's MXBean
	 * @param evictedFor the {@code maximumPoolSize} the pool was last soft-evicted for,
	 * or {@code -1}
	 * @return the {@code maximumPoolSize} the pool is now soft-evicted for, or {@code -1}
	 * without a surplus
	 */
	public static int retireSurplus(String name, HikariDataSource dataSource, HikariPoolMXBean poolBean,
			int evictedFor) {
		int maximum = dataSource.getMaximumPoolSize();
		int surplus = poolBean.getTotalConnections() - maximum;
		if (surplus <= 0) {
			return -1;
		}
		// borrow only when a connection is idle and nobody waits, so the borrow neither
		// blocks nor competes
		while (surplus-- > 0 && poolBean.getIdleConnections() > 0 && poolBean.getThreadsAwaitingConnection() == 0) {
			try {
				Connection connection = dataSource.getConnection();
				// return it first: HikariCP reports no release for a connection evicted
				// while borrowed, which
				// would leave a lease open in every listener; evicting it once idle
				// retires it the same way
				connection.close();
				dataSource.evictConnection(connection);
			}
			catch (SQLException ex) {
				logger.debug(name + " - could not retire a surplus connection", ex);
				return evictedFor;
			}
		}
		if (evictedFor != maximum && poolBean.getThreadsAwaitingConnection() > 0
				&& poolBean.getTotalConnections() > maximum) {
			poolBean.softEvictConnections();
			if (logger.isInfoEnabled()) {
				logger.info(name + " - callers wait, so no connection is idle to retire: every connection will be "
						+ "closed when it is returned and the pool reopens up to " + maximum);
			}
			return maximum;
		}
		return evictedFor;
	}

	private void log(ManagedPool pool, SizingEvent event) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		if (event.applied()) {
			logger.info(pool.name() + " - maximumPoolSize " + event.fromMaximumPoolSize() + " -> "
					+ event.toMaximumPoolSize() + ", minimumIdle " + event.fromMinimumIdle() + " -> "
					+ event.toMinimumIdle() + ": " + event.reason());
		}
		else {
			HikariDataSource dataSource = pool.dataSource();
			logger.info(pool.name() + " - recommends maximumPoolSize " + event.toMaximumPoolSize() + " (pool has "
					+ dataSource.getMaximumPoolSize() + "), minimumIdle " + event.toMinimumIdle() + " (pool has "
					+ dataSource.getMinimumIdle() + "): " + event.reason()
					+ ". Set poolpilot.sizing.mode=auto to apply it.");
		}
	}

	/**
	 * The controller's memory of one pool. Written by the controller's thread only; read
	 * by others through volatile fields and the synchronized history.
	 */
	private final class PoolState {

		private final ManagedPool pool;

		private final SizingPolicy policy;

		private final ArrayDeque<SizingEvent> history = new ArrayDeque<>();

		private final AtomicLong grown = new AtomicLong();

		private final AtomicLong shrunk = new AtomicLong();

		private LoadTotals totals;

		private long remote;

		private volatile @Nullable PoolSample lastSample;

		private volatile @Nullable SizingDecision lastDecision;

		private volatile boolean failing;

		private int recommendedMaximum;

		private int evictedFor = -1;

		private int recommendedMinimum;

		private final AtomicBoolean watching = new AtomicBoolean();

		// how often the close watch samples while callers wait
		private final WatchPace pace;

		private long opened;

		private long openMillis;

		private long openNanos;

		PoolState(ManagedPool pool, SizingPolicy policy, LoadTotals totals, long remote) {
			this.pool = pool;
			this.policy = policy;
			this.totals = totals;
			this.remote = remote;
			this.recommendedMaximum = pool.dataSource().getMaximumPoolSize();
			this.recommendedMinimum = pool.dataSource().getMinimumIdle();
			this.pace = new WatchPace(WAKE_NANOS, SizingController.this.settings.interval().toNanos());
		}

		void changed(PoolSample sample, SizingDecision decision, boolean applied) {
			// in recommend mode the pool never moves: report the change from the previous
			// recommendation
			int fromMaximum = applied ? sample.maximumPoolSize() : this.recommendedMaximum;
			int fromMinimum = applied ? sample.minimumIdle() : this.recommendedMinimum;
			this.recommendedMaximum = decision.maximumPoolSize();
			this.recommendedMinimum = decision.minimumIdle();
			SizingEvent event = new SizingEvent(SizingController.this.clock.instant(), fromMaximum,
					decision.maximumPoolSize(), fromMinimum, decision.minimumIdle(), decision.direction(), applied,
					decision.reason());
			synchronized (this.history) {
				if (this.history.size() == HISTORY) {
					this.history.removeFirst();
				}
				this.history.addLast(event);
			}
			((decision.direction() == Direction.GROW) ? this.grown : this.shrunk).incrementAndGet();
			if (FlightRecorderEvents.AVAILABLE) {
				SizingDecisionEvent.commit(this.pool.name(), event);
			}
			log(this.pool, event);
		}

		PoolSizingState snapshot() {
			List<SizingEvent> recent;
			synchronized (this.history) {
				recent = List.copyOf(this.history);
			}
			HikariDataSource dataSource = this.pool.dataSource();
			SizingDecision decision = this.lastDecision;
			int targetMaximum = (decision != null) ? decision.maximumPoolSize() : dataSource.getMaximumPoolSize();
			int targetMinimum = (decision != null) ? decision.minimumIdle() : dataSource.getMinimumIdle();
			return new PoolSizingState(this.pool.name(), SizingController.this.modes.mode(this.pool),
					dataSource.getMaximumPoolSize(), dataSource.getMinimumIdle(), targetMaximum, targetMinimum,
					this.policy.saturationCeiling(), this.lastSample, decision, recent);
		}

	}

	/**
	 * A pool's upper bound in one sample: the budget's limit, or the application's own
	 * maximum when that is the lower one.
	 *
	 * @param limit the most connections the pool may hold
	 * @param configured the application's maximum when it is the bound, or {@code null}
	 */
	private record UpperBound(int limit, @Nullable ConfiguredMaximum configured) {

	}

}
