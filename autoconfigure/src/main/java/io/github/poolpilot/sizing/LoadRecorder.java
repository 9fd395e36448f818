package io.github.poolpilot.sizing;

import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import io.github.poolpilot.hikari.PoolEventListener;

/**
 * Records the load of one pool for the sizing controller: acquisitions, acquire waits, timeouts, and hold times
 * in nanoseconds. HikariCP reports hold times in whole milliseconds, which rounds a 0.9 ms transaction to 0, so
 * the borrowing thread's acquire time is kept in a small per-thread stack and matched on release; when the
 * release happens on another thread, or the match disagrees with HikariCP's figure, HikariCP's figure is used.
 * Events on the sizing controller's own thread (its borrows to evict surplus connections) are not load and are
 * ignored. No lock, and no allocation once a thread has its stack.
 */
final class LoadRecorder implements PoolEventListener {

	private static final long NO_START = Long.MIN_VALUE;

	private static final long MATCH_TOLERANCE_NANOS = 2_000_000;

	private final LongAdder acquisitions = new LongAdder();

	private final LongAdder acquireWaitNanos = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder releases = new LongAdder();

	private final LongAdder holdNanos = new LongAdder();

	private final HoldTimeHistogram holds = new HoldTimeHistogram();

	private final ThreadLocal<Borrows> borrows = ThreadLocal.withInitial(Borrows::new);

	private volatile @Nullable Thread ignored;

	@Override
	public void acquired(long waitNanos) {
		if (Thread.currentThread() == this.ignored) {
			return;
		}
		this.acquisitions.increment();
		this.acquireWaitNanos.add(waitNanos);
		this.borrows.get().push(System.nanoTime());
	}

	@Override
	public void released(long heldMillis) {
		if (Thread.currentThread() == this.ignored) {
			return;
		}
		long hold = heldMillis * 1_000_000;
		Borrows borrows = this.borrows.get();
		long start = borrows.pop();
		if (start != NO_START) {
			long measured = System.nanoTime() - start;
			if (Math.abs(measured - hold) <= MATCH_TOLERANCE_NANOS) {
				hold = measured;
			}
			else {
				// a connection borrowed here was returned by another thread: the stack no longer matches
				borrows.clear();
			}
		}
		this.releases.increment();
		this.holdNanos.add(hold);
		this.holds.record(hold);
	}

	@Override
	public void timedOut() {
		if (Thread.currentThread() != this.ignored) {
			this.timeouts.increment();
		}
	}

	/**
	 * Ignore the events of one thread from now on.
	 * @param thread the thread, or {@code null} for none
	 */
	void ignore(@Nullable Thread thread) {
		this.ignored = thread;
	}

	/**
	 * Return the totals since the pool started.
	 * @return a snapshot
	 */
	Totals totals() {
		long[] histogram = new long[HoldTimeHistogram.BUCKETS];
		this.holds.snapshot(histogram);
		return new Totals(this.acquisitions.sum(), this.acquireWaitNanos.sum(), this.timeouts.sum(),
				this.releases.sum(), this.holdNanos.sum(), histogram);
	}

	/**
	 * A pool's load totals at one moment; subtracting two gives an interval.
	 *
	 * @param acquisitions connections handed out
	 * @param acquireWaitNanos total wait for them
	 * @param timeouts callers that gave up
	 * @param releases connections returned
	 * @param holdNanos total hold time of the returned connections
	 * @param holds hold-time histogram counts
	 */
	record Totals(long acquisitions, long acquireWaitNanos, long timeouts, long releases, long holdNanos,
			long[] holds) {

		static final Totals ZERO = new Totals(0, 0, 0, 0, 0, new long[HoldTimeHistogram.BUCKETS]);

	}

	/**
	 * The acquire times of the connections one thread holds, innermost last. Deeper nesting than the array is
	 * counted but not timed.
	 */
	private static final class Borrows {

		private final long[] starts = new long[8];

		private int depth;

		void push(long start) {
			if (this.depth < this.starts.length) {
				this.starts[this.depth] = start;
			}
			this.depth++;
		}

		long pop() {
			if (this.depth == 0) {
				return NO_START;
			}
			this.depth--;
			return (this.depth < this.starts.length) ? this.starts[this.depth] : NO_START;
		}

		void clear() {
			this.depth = 0;
		}

	}

}
