package io.github.poolpilot.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import io.github.poolpilot.hikari.PoolEventListener;

/**
 * One pool's connection events over a recent window, kept as a ring of time slices. Each slice holds event
 * counts, sums and two log-scale histograms (hold time in milliseconds, acquire wait in nanoseconds) in one
 * preallocated {@link AtomicLongArray}, so recording an event is a clock read and a few atomic adds: no
 * allocation, no lock. A slice is reused once it falls out of the window; the few events that race with its
 * reset may be lost, which a diagnostic window can afford.
 */
final class LoadWindow implements PoolEventListener {

	/** Hold times are whole milliseconds (HikariCP truncates); 2^32 ms is 49 days. */
	static final int HOLD_BUCKETS = LogBuckets.count(32);

	/** Acquire waits are nanoseconds; 2^40 ns is 18 minutes, far above any connection timeout. */
	static final int WAIT_BUCKETS = LogBuckets.count(40);

	private static final int ACQUISITIONS = 0;

	private static final int RELEASES = 1;

	private static final int HELD_MILLIS = 2;

	private static final int WAIT_NANOS = 3;

	private static final int TIMEOUTS = 4;

	private static final int HOLD = 5;

	private static final int WAIT = HOLD + HOLD_BUCKETS;

	private static final int SLOTS = WAIT + WAIT_BUCKETS;

	private final LongSupplier clock;

	private final long start;

	private final long sliceNanos;

	private final AtomicLong[] epochs;

	private final AtomicLongArray[] slices;

	/**
	 * Create a window.
	 * @param windowNanos the window length
	 * @param sliceCount how many slices the window is cut into
	 * @param clock a monotonic clock in nanoseconds ({@code System::nanoTime})
	 */
	LoadWindow(long windowNanos, int sliceCount, LongSupplier clock) {
		this.clock = clock;
		this.start = clock.getAsLong();
		this.sliceNanos = Math.max(1, windowNanos / sliceCount);
		this.epochs = new AtomicLong[sliceCount];
		this.slices = new AtomicLongArray[sliceCount];
		for (int i = 0; i < sliceCount; i++) {
			this.epochs[i] = new AtomicLong(-1);
			this.slices[i] = new AtomicLongArray(SLOTS);
		}
	}

	@Override
	public void acquired(long waitNanos) {
		AtomicLongArray slice = currentSlice();
		slice.incrementAndGet(ACQUISITIONS);
		slice.addAndGet(WAIT_NANOS, waitNanos);
		slice.incrementAndGet(WAIT + LogBuckets.index(waitNanos, WAIT_BUCKETS));
	}

	@Override
	public void released(long heldMillis) {
		AtomicLongArray slice = currentSlice();
		slice.incrementAndGet(RELEASES);
		slice.addAndGet(HELD_MILLIS, heldMillis);
		slice.incrementAndGet(HOLD + LogBuckets.index(heldMillis, HOLD_BUCKETS));
	}

	@Override
	public void timedOut() {
		currentSlice().incrementAndGet(TIMEOUTS);
	}

	private AtomicLongArray currentSlice() {
		long epoch = (this.clock.getAsLong() - this.start) / this.sliceNanos;
		int index = (int) (epoch % this.slices.length);
		AtomicLong sliceEpoch = this.epochs[index];
		long seen = sliceEpoch.get();
		if (seen < epoch && sliceEpoch.compareAndSet(seen, epoch)) {
			AtomicLongArray slice = this.slices[index];
			for (int i = 0; i < SLOTS; i++) {
				slice.set(i, 0);
			}
		}
		return this.slices[index];
	}

	/**
	 * Add up the slices still inside the window.
	 * @return the window's totals and histograms
	 */
	Totals totals() {
		long elapsed = this.clock.getAsLong() - this.start;
		long epoch = elapsed / this.sliceNanos;
		Totals totals = new Totals();
		for (int s = 0; s < this.slices.length; s++) {
			long sliceEpoch = this.epochs[s].get();
			if (sliceEpoch < 0 || sliceEpoch > epoch || epoch - sliceEpoch >= this.slices.length) {
				continue;
			}
			AtomicLongArray slice = this.slices[s];
			totals.acquisitions += slice.get(ACQUISITIONS);
			totals.releases += slice.get(RELEASES);
			totals.heldMillis += slice.get(HELD_MILLIS);
			totals.waitNanos += slice.get(WAIT_NANOS);
			totals.timeouts += slice.get(TIMEOUTS);
			for (int i = 0; i < HOLD_BUCKETS; i++) {
				totals.hold[i] += slice.get(HOLD + i);
			}
			for (int i = 0; i < WAIT_BUCKETS; i++) {
				totals.wait[i] += slice.get(WAIT + i);
			}
		}
		// the current slice is partly filled; before the first full turn the window is as old as the pool
		long covered = (this.slices.length - 1) * this.sliceNanos + elapsed % this.sliceNanos;
		totals.coveredNanos = Math.max(1, Math.min(elapsed, covered));
		return totals;
	}

	/**
	 * A window's counts and histograms, added up for one snapshot.
	 */
	static final class Totals {

		long coveredNanos;

		long acquisitions;

		long releases;

		long heldMillis;

		long waitNanos;

		long timeouts;

		final long[] hold = new long[HOLD_BUCKETS];

		final long[] wait = new long[WAIT_BUCKETS];

	}

}
