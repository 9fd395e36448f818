package io.github.poolpilot.benchmarks.scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * An open-model load driver. Every request's start is planned before the run (evenly
 * spaced at each phase's rate, steady or moving linearly, plus the phase's burst); one
 * thread hands each to a large executor at its planned instant, whether or not earlier
 * requests finished, and latency is measured from the planned instant, so that a slow
 * pool shows as latency instead of fewer arrivals. Requests are bounded in count
 * ({@link #MAX_IN_FLIGHT} at once, the rest rejected and counted) and in time (the pool's
 * connection timeout, and a final wait after the last arrival).
 *
 * @author Pool Pilot contributors
 */
final class OpenLoad {

	/**
	 * Most requests in flight at once: enough for 5 s of waiting at 200 arrivals per
	 * second, with the retries FlexyPool adds.
	 */
	static final int MAX_IN_FLIGHT = 2500;

	private static final long START_DELAY = TimeUnit.MILLISECONDS.toNanos(50);

	private final DataSource dataSource;

	private final Work work;

	private final Requests requests;

	private final LongAdder arrived = new LongAdder();

	private final LongAdder finished = new LongAdder();

	private final LongAdder served = new LongAdder();

	private final long[] phaseStarts;

	private final AtomicReference<@Nullable String> firstError = new AtomicReference<>();

	private volatile long start;

	OpenLoad(DataSource dataSource, Work work, List<Phase> phases) {
		this.dataSource = dataSource;
		this.work = work;
		this.requests = new Requests(phases.stream().mapToInt(Phase::arrivals).sum());
		this.phaseStarts = new long[phases.size() + 1];
		plan(phases);
	}

	private void plan(List<Phase> phases) {
		int i = 0;
		long offset = 0;
		for (int p = 0; p < phases.size(); p++) {
			Phase phase = phases.get(p);
			this.phaseStarts[p] = offset;
			for (int b = 0; b < phase.burst(); b++, i++) {
				this.requests.intended[i] = offset;
				this.requests.phase[i] = p;
			}
			long count = phase.arrivals() - phase.burst();
			for (long k = 0; k < count; k++, i++) {
				this.requests.intended[i] = offset + phase.offsetNanos(k);
				this.requests.phase[i] = p;
			}
			offset += phase.nanos();
		}
		this.phaseStarts[phases.size()] = offset;
	}

	/**
	 * Return the instant the run starts, on {@link System#nanoTime()}'s scale.
	 * @return the start, once {@link #run} was called
	 */
	long start() {
		return this.start;
	}

	/**
	 * Return where each phase starts, and the end of the last, in nanoseconds since the
	 * start.
	 * @return the offsets
	 */
	long[] phaseStarts() {
		return this.phaseStarts.clone();
	}

	/**
	 * Return how many requests were handed to the executor so far.
	 * @return the count
	 */
	long arrived() {
		return this.arrived.sum();
	}

	/**
	 * Return how many requests ended so far, however they ended.
	 * @return the count
	 */
	long finished() {
		return this.finished.sum();
	}

	/**
	 * Return how many requests ended so far having run their work.
	 * @return the count
	 */
	long served() {
		return this.served.sum();
	}

	/**
	 * Return the first failure that was not an acquire timeout.
	 * @return its description, or {@code null} when none
	 */
	@Nullable String firstError() {
		return this.firstError.get();
	}

	/**
	 * Run every planned request and wait for them.
	 * @param start the instant to start at, on {@link System#nanoTime()}'s scale
	 * @param drainSeconds how long to wait for requests still in flight after the last
	 * arrival
	 * @return what happened to each request
	 * @throws InterruptedException if interrupted
	 */
	Requests run(long start, long drainSeconds) throws InterruptedException {
		this.start = start;
		ThreadPoolExecutor executor = Arrivals.executor(64, MAX_IN_FLIGHT, "scenario");
		Requests requests = this.requests;
		for (int i = 0; i < requests.size(); i++) {
			long due = start + requests.intended[i];
			Arrivals.waitUntil(due);
			this.arrived.increment();
			int request = i;
			try {
				executor.execute(() -> execute(request));
			}
			catch (RejectedExecutionException ex) {
				requests.ended[i] = System.nanoTime() - start;
				requests.outcome[i] = Requests.REJECTED;
				this.finished.increment();
			}
		}
		long last = start + this.phaseStarts[this.phaseStarts.length - 1];
		Arrivals.waitUntil(last);
		executor.shutdown();
		if (!executor.awaitTermination(drainSeconds, TimeUnit.SECONDS)) {
			executor.shutdownNow();
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		return requests;
	}

	/**
	 * Return a start instant a little ahead, so that the first arrivals are not late.
	 * @return the instant on {@link System#nanoTime()}'s scale
	 */
	static long soon() {
		return System.nanoTime() + START_DELAY;
	}

	private void execute(int i) {
		Requests requests = this.requests;
		long start = this.start;
		try (Connection connection = this.dataSource.getConnection()) {
			requests.acquired[i] = System.nanoTime() - start;
			this.work.run(connection);
		}
		catch (SQLException | RuntimeException ex) {
			requests.ended[i] = System.nanoTime() - start;
			boolean timeout = requests.acquired[i] < 0 && isAcquireTimeout(ex);
			requests.outcome[i] = timeout ? Requests.ACQUIRE_TIMEOUT : Requests.ERROR;
			if (!timeout) {
				this.firstError.compareAndSet(null, ex.toString());
			}
			this.finished.increment();
			return;
		}
		requests.ended[i] = System.nanoTime() - start;
		requests.outcome[i] = Requests.OK;
		this.served.increment();
		this.finished.increment();
	}

	private static boolean isAcquireTimeout(Exception ex) {
		// HikariCP's timeout, or FlexyPool's once it may grow no further
		return ex instanceof SQLTransientConnectionException
				|| ex.getClass().getSimpleName().contains("AcquisitionTimeout");
	}

}
