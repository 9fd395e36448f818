package io.github.poolpilot.jfr;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.ThreadLeases;
import jdk.jfr.FlightRecorder;

/**
 * Commits a {@link LongHeldConnectionEvent} for each borrow that is still held longer
 * than the threshold, once per borrow. It is a periodic JFR hook: the recorder calls it
 * at the event's period, only while a recording has the event enabled, so it costs
 * nothing otherwise and never runs on the connection path. It reads the lease registry
 * the way the {@code poolpilot.leases.long-held} gauge does.
 *
 * @author Pool Pilot contributors
 */
public final class LongHeldConnectionSampler implements AutoCloseable {

	private final LeaseRegistry leases;

	private final long thresholdNanos;

	private final Runnable hook = this::sample;

	// borrows already reported; kept to those still held at the last sample
	private Set<Borrow> reported = new HashSet<>();

	/**
	 * Create a sampler and register it with the flight recorder.
	 * @param leases the lease registry
	 * @param threshold the hold time above which a connection counts as long-held
	 */
	public LongHeldConnectionSampler(LeaseRegistry leases, Duration threshold) {
		this.leases = leases;
		this.thresholdNanos = threshold.toNanos();
		FlightRecorder.addPeriodicEvent(LongHeldConnectionEvent.class, this.hook);
	}

	/**
	 * Look for borrows that crossed the threshold since the last call. Called by the
	 * flight recorder; public for tests.
	 */
	public synchronized void sample() {
		long now = System.nanoTime();
		Set<Borrow> held = new HashSet<>();
		for (ThreadLeases thread : this.leases.threads()) {
			int count = thread.count();
			for (int i = 0; i < count; i++) {
				ManagedPool pool = thread.pool(i);
				long since = thread.since(i);
				if (pool == null || now - since <= this.thresholdNanos) {
					continue;
				}
				Borrow borrow = new Borrow(thread, since);
				held.add(borrow);
				if (!this.reported.contains(borrow)) {
					LongHeldConnectionEvent event = new LongHeldConnectionEvent();
					event.pool = pool.name();
					event.holder = thread.thread().getName();
					event.transaction = thread.transaction(i);
					event.held = now - since;
					event.threshold = this.thresholdNanos;
					event.commit();
				}
			}
		}
		this.reported = held;
	}

	@Override
	public void close() {
		FlightRecorder.removePeriodicEvent(this.hook);
	}

	/**
	 * One borrow: the thread's leases and when it began.
	 */
	private record Borrow(ThreadLeases thread, long since) {

	}

}
