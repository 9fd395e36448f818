package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.ThreadLeases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Finds remote calls that report nothing (Apache HttpClient, {@code HttpURLConnection},
 * the JDK {@code HttpClient}, raw sockets) and other blocking waits made while a
 * transaction holds a connection. A daemon thread wakes every interval and looks only at
 * threads whose oldest lease is older than the threshold: threads that hold no connection
 * cost one volatile read. For each, it samples the stack, skips a thread working in the
 * JDBC driver or not waiting at all, classifies the wait and reports it once per stalled
 * lease, naming the first application frame. It cannot stop a call that is already
 * running, so strict mode only reports here.
 *
 * @author Pool Pilot contributors
 */
public class StallDetector implements SmartLifecycle {

	static final String DETECTOR = "stall";

	private static final Log logger = LogFactory.getLog(StallDetector.class);

	private final LeaseRegistry leaseRegistry;

	private final ConnectionGuard guard;

	private final long thresholdNanos;

	private final Duration interval;

	// lease -> borrow time already reported; touched only under this object's lock
	private final Map<ThreadLeases, Long> reported = new HashMap<>();

	private volatile @Nullable ScheduledExecutorService executor;

	/**
	 * Create a detector.
	 * @param leaseRegistry the threads that hold connections
	 * @param guard where stalls are reported
	 * @param threshold how long a connection must have been held before its thread is
	 * sampled
	 * @param interval how often threads are sampled
	 */
	public StallDetector(LeaseRegistry leaseRegistry, ConnectionGuard guard, Duration threshold, Duration interval) {
		this.leaseRegistry = leaseRegistry;
		this.guard = guard;
		this.thresholdNanos = threshold.toNanos();
		this.interval = interval;
	}

	/**
	 * Sample every thread that has held a connection longer than the threshold, now.
	 * @return how many stalls were reported
	 */
	public synchronized int sample() {
		int found = 0;
		long now = System.nanoTime();
		for (ThreadLeases leases : this.leaseRegistry.threads()) {
			if (leases.count() == 0 || !leases.thread().isAlive()) {
				this.reported.remove(leases);
				continue;
			}
			long since = leases.since(0);
			Thread thread = leases.thread();
			if (now - since < this.thresholdNanos || thread == Thread.currentThread()
					|| Long.valueOf(since).equals(this.reported.get(leases))
					|| this.guard.isReportedInFlight(thread, since)) {
				continue;
			}
			Thread.State state = thread.getState();
			StackTraceElement[] stack = thread.getStackTrace();
			if (leases.count() == 0 || leases.since(0) != since) {
				// the connection was returned while the stack was read
				continue;
			}
			StackClassifier.Blocking blocking = StackClassifier.classify(stack, state);
			if (blocking == null
					|| (leases.transaction(0) == null && StackClassifier.transactionFromStack(stack) == null)) {
				// working in the driver, running code, or holding a connection outside
				// any Spring transaction
				continue;
			}
			this.reported.put(leases, since);
			if (this.guard.reportStall(leases, stack,
					new RemoteCall(blocking.kind(), blocking.target(), null, DETECTOR)) != null) {
				found++;
			}
		}
		return found;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "poolpilot-stall-detector");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		scheduler.scheduleWithFixedDelay(this::sampleSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	private void sampleSafely() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			logger.debug("Stall detection failed", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
