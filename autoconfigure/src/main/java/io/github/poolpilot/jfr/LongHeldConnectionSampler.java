package io.github.poolpilot.jfr;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.ThreadLeases;

/**
 * Commits a {@link LongHeldConnectionEvent} for each borrow that is still held longer
 * than the threshold, once per borrow, from a daemon thread that wakes every half
 * threshold (between {@link #MIN_PERIOD} and {@link #MAX_PERIOD}). While no recording has
 * the event enabled a wake is one check and nothing else; the sampler never runs on the
 * connection path and does not initialize the flight recorder. It reads the lease
 * registry the way the {@code poolpilot.leases.long-held} gauge does.
 *
 * @author Pool Pilot contributors
 */
public final class LongHeldConnectionSampler implements AutoCloseable {

	private final LeaseRegistry leases;

	private final long thresholdNanos;

	static final Duration MIN_PERIOD = Duration.ofMillis(50);

	static final Duration MAX_PERIOD = Duration.ofSeconds(1);

	private final ScheduledExecutorService scheduler;

	// borrows already reported; kept to those still held at the last sample
	private Set<Borrow> reported = new HashSet<>();

	/**
	 * Create a sampler and start its thread.
	 * @param leases the lease registry
	 * @param threshold the hold time above which a connection counts as long-held
	 */
	public LongHeldConnectionSampler(LeaseRegistry leases, Duration threshold) {
		this.leases = leases;
		this.thresholdNanos = threshold.toNanos();
		long period = Math.min(MAX_PERIOD.toNanos(), Math.max(MIN_PERIOD.toNanos(), this.thresholdNanos / 2));
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "poolpilot-jfr-sampler");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::sample, period, period, TimeUnit.NANOSECONDS);
	}

	/**
	 * Look for borrows that crossed the threshold since the last call, when a recording
	 * has the event enabled.
	 */
	synchronized void sample() {
		if (!new LongHeldConnectionEvent().isEnabled()) {
			this.reported.clear();
			return;
		}
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
		this.scheduler.shutdownNow();
	}

	/**
	 * One borrow: the thread's leases and when it began.
	 */
	private record Borrow(ThreadLeases thread, long since) {

	}

}
