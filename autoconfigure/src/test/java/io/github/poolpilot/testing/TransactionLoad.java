package io.github.poolpilot.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Worker threads that run one transaction after another until stopped (a closed-loop
 * load), counting successes and failures and recording how long the slowest failure took
 * to surface.
 */
public final class TransactionLoad implements AutoCloseable {

	private final List<Thread> workers = new ArrayList<>();

	private final AtomicLong successes = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong lastSuccessNanos = new AtomicLong();

	private final LongAccumulator slowestFailureNanos = new LongAccumulator(Math::max, 0);

	private final Map<String, AtomicLong> failureKinds = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	/**
	 * Start the workers.
	 * @param threads how many
	 * @param transaction the transaction template
	 * @param work what each transaction does
	 */
	public TransactionLoad(int threads, TransactionTemplate transaction, Runnable work) {
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				while (this.running) {
					long start = System.nanoTime();
					try {
						transaction.executeWithoutResult((status) -> work.run());
						this.successes.incrementAndGet();
						this.lastSuccessNanos.set(System.nanoTime());
					}
					catch (RuntimeException ex) {
						this.failures.incrementAndGet();
						this.slowestFailureNanos.accumulate(System.nanoTime() - start);
						this.failureKinds.computeIfAbsent(rootCause(ex), (key) -> new AtomicLong()).incrementAndGet();
					}
				}
			}, "load-" + i);
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	public long successes() {
		return this.successes.get();
	}

	public long failures() {
		return this.failures.get();
	}

	public long lastSuccessNanos() {
		return this.lastSuccessNanos.get();
	}

	public long slowestFailureMillis() {
		return this.slowestFailureNanos.get() / 1_000_000;
	}

	public Map<String, AtomicLong> failureKinds() {
		return this.failureKinds;
	}

	/**
	 * Wait until the workers have completed at least the given number of transactions in
	 * total.
	 * @param count the number
	 * @param timeoutMillis how long to wait
	 * @return whether the count was reached
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitSuccesses(long count, long timeoutMillis) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
		while (this.successes.get() < count) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(10);
		}
		return true;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread worker : this.workers) {
			worker.join(10_000);
		}
	}

}
