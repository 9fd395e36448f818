package io.github.poolpilot.load;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The one load measurement of a pool: cumulative counts, sums and log-scale histograms of
 * acquire waits and hold times, both recorded in nanoseconds (holds come from HikariCP in
 * whole milliseconds and are taken as the middle of theirs), from which the sizing
 * controller takes per-interval figures and the endpoint and meters a recent window. The
 * lease registry feeds it; the pool's tracker counts opened connections.
 * <p>
 * A platform thread records into {@link ThreadCounters counters of its own}, which only
 * it writes: two plain additions, no atomic instruction, no allocation, no lock. Readers
 * add up every thread's counters, and fold those of threads that ended into a common
 * total. Virtual threads, which come and go with each task, share striped rows of atomic
 * counters instead. Once per slice of the window, {@link #tick}, called off the
 * connection path by a thread that ticks while the pool is in use, copies the totals into
 * a preallocated ring of snapshots; a window is the totals now minus the oldest snapshot
 * still inside it.
 *
 * @author Pool Pilot contributors
 */
public final class PoolLoad {

	/** How far back the recent window reaches when nothing else is configured. */
	public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

	static final int SLICES = 12;

	/**
	 * Acquire waits in nanoseconds; 2^40 ns is 18 minutes, far above any connection
	 * timeout.
	 */
	static final int WAIT_BUCKETS = LogBuckets.count(40);

	/** Hold times in nanoseconds; 2^44 ns is almost 5 hours. */
	static final int HOLD_BUCKETS = LogBuckets.count(44);

	static final int WAIT_SUM = 0;

	static final int HOLD_SUM = 1;

	static final int TIMEOUTS = 2;

	static final int WAIT = 3;

	static final int HOLD = WAIT + WAIT_BUCKETS;

	static final int FIELDS = HOLD + HOLD_BUCKETS;

	// a multiple of 8 longs (a cache line) with room to spare, so that two rows never
	// share a line
	private static final int ROW = (FIELDS / 8 + 2) * 8;

	private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

	private final AtomicLongArray counts;

	private final ConcurrentLinkedQueue<ThreadCounters> threads = new ConcurrentLinkedQueue<>();

	// the counters of threads that ended; guarded by ringLock
	private final long[] ended = new long[FIELDS];

	private final int stripeMask;

	private final LongAdder created = new LongAdder();

	private final LongAdder createdMillis = new LongAdder();

	// a borrow that waited at least this long tells the listener; no listener, no check
	private volatile long waitedNanos = Long.MAX_VALUE;

	private volatile @Nullable Runnable waitListener;

	private final LongSupplier clock;

	private final long windowNanos;

	private final long sliceNanos;

	private final ReentrantLock ringLock = new ReentrantLock();

	private final long[][] ring = new long[SLICES + 2][FIELDS];

	private final long[] ringTimes = new long[SLICES + 2];

	private final long started;

	// guarded by ringLock, like the ring
	private long snapshots;

	private volatile long nextSnapshot;

	private volatile @Nullable Thread excluded;

	/**
	 * Create a recorder.
	 * @param window how far back {@link #recent()} reaches
	 */
	public PoolLoad(Duration window) {
		this(window, System::nanoTime);
	}

	/**
	 * Create a recorder that reads time from a given clock, such as a test's.
	 * @param window how far back {@link #recent()} reaches
	 * @param clock a monotonic clock in nanoseconds
	 */
	public PoolLoad(Duration window, LongSupplier clock) {
		int stripes = Integer.highestOneBit(Math.min(16, Runtime.getRuntime().availableProcessors()) * 2 - 1);
		this.counts = new AtomicLongArray(stripes * ROW);
		this.stripeMask = stripes - 1;
		this.clock = clock;
		this.windowNanos = window.toNanos();
		this.sliceNanos = Math.max(1, this.windowNanos / SLICES);
		this.started = clock.getAsLong();
		// the first snapshot is the empty pool, so that a young pool's window is as old
		// as the pool
		this.ringTimes[0] = this.started;
		this.snapshots = 1;
		this.nextSnapshot = this.started + this.sliceNanos;
	}

	/**
	 * Record a borrow, on the borrowing thread.
	 * @param waitNanos how long the thread waited for the connection
	 */
	public void borrowed(long waitNanos) {
		borrowed(null, waitNanos);
	}

	/**
	 * Record a return.
	 * @param holdNanos how long the connection was held
	 */
	public void returned(long holdNanos) {
		returned(null, holdNanos);
	}

	/**
	 * Return counters that only the given thread records into, registered with this load,
	 * or {@code null} for a virtual thread, which records with {@link #borrowed(long)}
	 * and the like instead. Call it once per thread and keep the result.
	 * @param thread the recording thread, normally the current one
	 * @return the counters, or {@code null}
	 */
	public @Nullable ThreadCounters countersFor(Thread thread) {
		if (isVirtual(thread)) {
			return null;
		}
		ThreadCounters counters = new ThreadCounters(this, thread);
		this.threads.add(counters);
		return counters;
	}

	/**
	 * Record a borrow on the thread that owns the counters.
	 * @param counters the current thread's counters of this load, or {@code null} to
	 * record in the shared ones
	 * @param waitNanos how long the thread waited for the connection
	 */
	public void borrowed(@Nullable ThreadCounters counters, long waitNanos) {
		record(counters, WAIT_SUM, waitNanos, WAIT + LogBuckets.index(waitNanos, WAIT_BUCKETS));
		if (waitNanos >= this.waitedNanos) {
			waited();
		}
	}

	private void waited() {
		Runnable listener = this.waitListener;
		if (listener != null) {
			listener.run();
		}
	}

	/**
	 * Tell a listener, on the borrowing thread, of every borrow that waited at least a
	 * given time, such as the sizing controller, which then watches the pool closely
	 * while callers wait. A borrow that did not wait that long costs one comparison.
	 * @param waitedNanos the least wait that is told
	 * @param listener the listener, which must return at once, or {@code null} for none
	 */
	public void onWait(long waitedNanos, @Nullable Runnable listener) {
		this.waitListener = listener;
		this.waitedNanos = (listener != null) ? waitedNanos : Long.MAX_VALUE;
	}

	/**
	 * Record a return on the thread that owns the counters.
	 * @param counters the current thread's counters of this load, or {@code null} to
	 * record in the shared ones
	 * @param holdNanos how long the connection was held
	 */
	public void returned(@Nullable ThreadCounters counters, long holdNanos) {
		record(counters, HOLD_SUM, holdNanos, HOLD + LogBuckets.index(holdNanos, HOLD_BUCKETS));
	}

	/**
	 * Turn the borrow just recorded in the counters into a timeout, as
	 * {@link #timedOut(long)} does.
	 * @param counters the current thread's counters of this load, or {@code null} for the
	 * shared ones
	 * @param waitNanos the wait recorded with that borrow
	 */
	public void timedOut(@Nullable ThreadCounters counters, long waitNanos) {
		record(counters, WAIT_SUM, -waitNanos, TIMEOUTS);
	}

	/**
	 * Turn the {@link #borrowed borrow} just recorded on this thread into a timeout: the
	 * caller waited but got no connection. Its wait stays in the wait histogram, which
	 * describes every caller that waited.
	 * @param waitNanos the wait recorded with that borrow
	 */
	public void timedOut(long waitNanos) {
		timedOut(null, waitNanos);
	}

	/**
	 * Count a physical connection the pool opened.
	 */
	public void connectionCreated() {
		this.created.increment();
	}

	/**
	 * Count a physical connection the pool opened, and how long opening it took.
	 * @param createMillis milliseconds to open it
	 */
	public void connectionCreated(long createMillis) {
		this.created.increment();
		this.createdMillis.add(Math.max(0, createMillis));
	}

	/**
	 * Return how long the pool took to open the connections it opened, in all.
	 * @return milliseconds
	 */
	public long connectionCreateMillis() {
		return this.createdMillis.sum();
	}

	/**
	 * Ignore the events of one thread from now on, such as the sizing controller's
	 * borrows of connections it retires: they are not load.
	 * @param thread the thread, or {@code null} for none
	 */
	public void exclude(@Nullable Thread thread) {
		this.excluded = thread;
	}

	/**
	 * Return the totals since the pool started; subtract an earlier reading with
	 * {@link LoadTotals#since} to get an interval.
	 * @return the totals
	 */
	public LoadTotals totals() {
		long now = this.clock.getAsLong();
		this.ringLock.lock();
		try {
			return new LoadTotals(now, now - this.started, sum(new long[FIELDS]));
		}
		finally {
			this.ringLock.unlock();
		}
	}

	/**
	 * Return the load over the recent window: from the oldest snapshot inside it until
	 * now, or since the pool started when it is younger than the window.
	 * @return the window's totals
	 */
	public LoadTotals recent() {
		long now = this.clock.getAsLong();
		this.ringLock.lock();
		try {
			if (now - this.nextSnapshot >= 0) {
				snapshot(now);
			}
			int base = -1;
			long baseAge = -1;
			int taken = (int) Math.min(this.snapshots, this.ring.length);
			for (int i = 0; i < taken; i++) {
				long age = now - this.ringTimes[i];
				if (age <= this.windowNanos && age > baseAge) {
					base = i;
					baseAge = age;
				}
			}
			long[] current = sum(new long[FIELDS]);
			if (base < 0) {
				// a clock that went backwards; nothing sensible to subtract
				return new LoadTotals(now, 0, new long[FIELDS]);
			}
			long[] before = this.ring[base];
			for (int i = 0; i < FIELDS; i++) {
				current[i] -= before[i];
			}
			return new LoadTotals(now, now - this.ringTimes[base], current);
		}
		finally {
			this.ringLock.unlock();
		}
	}

	/**
	 * Return how many physical connections the pool opened.
	 * @return the count
	 */
	public long connectionsCreated() {
		return this.created.sum();
	}

	/**
	 * Return how far back the recent window reaches.
	 * @return the window
	 */
	public Duration window() {
		return Duration.ofNanos(this.windowNanos);
	}

	private void record(int sum, long value, int count) {
		Thread thread = Thread.currentThread();
		if (thread != this.excluded) {
			// thread ids are handed out in sequence, so the threads of a pool spread
			// evenly over the rows
			int row = ((int) thread.getId() & this.stripeMask) * ROW;
			this.counts.getAndAdd(row + sum, value);
			this.counts.getAndIncrement(row + count);
		}
	}

	private void record(@Nullable ThreadCounters counters, int sum, long value, int count) {
		if (counters == null) {
			record(sum, value, count);
		}
		else if (counters.thread != this.excluded) {
			long[] values = counters.values;
			// only this thread writes these counters: opaque stores keep each one whole
			// for the readers
			LONGS.setOpaque(values, sum, values[sum] + value);
			LONGS.setOpaque(values, count, values[count] + 1);
		}
	}

	/**
	 * Take the recent window's snapshot when one is due, without waiting for a reader
	 * that holds the ring. Call it off the connection path, at least once per slice of
	 * the window while the pool is in use, as the lease registry's clock does every few
	 * milliseconds while connections are borrowed; {@link #recent()} takes one too when
	 * it is due. A slice without a tick only makes the next window start later.
	 */
	public void tick() {
		long now = this.clock.getAsLong();
		if (now - this.nextSnapshot >= 0 && this.ringLock.tryLock()) {
			try {
				if (now - this.nextSnapshot >= 0) {
					snapshot(now);
				}
			}
			finally {
				this.ringLock.unlock();
			}
		}
	}

	// guarded by ringLock
	private void snapshot(long now) {
		int slot = (int) (this.snapshots % this.ring.length);
		sum(this.ring[slot]);
		this.ringTimes[slot] = now;
		this.snapshots++;
		this.nextSnapshot = now + this.sliceNanos;
	}

	// guarded by ringLock, which also makes folding the counters of an ended thread
	// happen once
	private long[] sum(long[] into) {
		for (Iterator<ThreadCounters> iterator = this.threads.iterator(); iterator.hasNext();) {
			ThreadCounters counters = iterator.next();
			// a thread seen ended has written its last count (thread termination
			// happens-before isAlive's false)
			if (!counters.thread.isAlive()) {
				iterator.remove();
				for (int i = 0; i < FIELDS; i++) {
					this.ended[i] += (long) LONGS.getOpaque(counters.values, i);
				}
			}
		}
		System.arraycopy(this.ended, 0, into, 0, FIELDS);
		for (int row = 0; row < this.counts.length(); row += ROW) {
			for (int i = 0; i < FIELDS; i++) {
				into[i] += this.counts.get(row + i);
			}
		}
		for (ThreadCounters counters : this.threads) {
			long[] values = counters.values;
			for (int i = 0; i < FIELDS; i++) {
				into[i] += (long) LONGS.getOpaque(values, i);
			}
		}
		return into;
	}

	private static boolean isVirtual(Thread thread) {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(thread);
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static @Nullable MethodHandle isVirtualHandle() {
		try {
			// Thread.isVirtual() exists from Java 21 on; this code is compiled for Java
			// 17
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	/**
	 * One platform thread's counters of one pool's load. Only that thread writes them;
	 * they belong to the load that handed them out.
	 */
	public static final class ThreadCounters {

		private final PoolLoad load;

		private final Thread thread;

		private final long[] values = new long[FIELDS];

		private ThreadCounters(PoolLoad load, Thread thread) {
			this.load = load;
			this.thread = thread;
		}

		/**
		 * Return the load these counters belong to.
		 * @return the load
		 */
		public PoolLoad load() {
			return this.load;
		}

	}

}
