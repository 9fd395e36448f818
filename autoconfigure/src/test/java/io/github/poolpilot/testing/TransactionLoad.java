package io.github.poolpilot.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

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
	 * total, failing the test if they do not within the given time.
	 * @param count the number
	 * @param timeout how long to wait
	 */
	public void awaitSuccesses(long count, Duration timeout) {
		await(count + " transactions").atMost(timeout)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.successes.get() >= count);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread worker : this.workers) {
			worker.join(10_000);
		}
	}

}
