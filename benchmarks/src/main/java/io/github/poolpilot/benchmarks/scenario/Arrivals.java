package io.github.poolpilot.benchmarks.scenario;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What the open-model loads share: an executor that takes each arrival at its planned
 * instant on a thread of its own (and rejects it once the most requests are in flight),
 * and the wait for that instant.
 *
 * @author Pool Pilot contributors
 */
final class Arrivals {

	private Arrivals() {
	}

	/**
	 * Create the executor of a load, its core threads started.
	 * @param coreThreads the threads kept ready
	 * @param maxInFlight the most requests in flight; the executor rejects the next
	 * @param name the prefix of its threads' names
	 * @return the executor
	 */
	static ThreadPoolExecutor executor(int coreThreads, int maxInFlight, String name) {
		AtomicInteger threads = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(coreThreads, maxInFlight, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (task) -> {
					Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.prestartAllCoreThreads();
		return executor;
	}

	/**
	 * Wait until an instant.
	 * @param due the instant, on {@link System#nanoTime()}'s scale
	 */
	static void waitUntil(long due) {
		for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
			LockSupport.parkNanos(wait);
		}
	}

}
