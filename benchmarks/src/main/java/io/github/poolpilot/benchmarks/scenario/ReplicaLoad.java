package io.github.poolpilot.benchmarks.scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * The open-model load of one fleet replica: arrivals evenly spaced at a fixed rate, each
 * handed to a large executor at its planned instant whatever the earlier ones did, and
 * latency measured from that instant, as {@link OpenLoad} does. Unlike {@link OpenLoad},
 * every outcome is handed out as soon as the request ends, because a replica that is
 * killed never reaches the end of its run.
 *
 * @author Pool Pilot contributors
 */
final class ReplicaLoad {

	private static final int MAX_IN_FLIGHT = 1000;

	private final DataSource dataSource;

	private final Work work;

	private final double rate;

	private final Queue<Outcome> ended = new ConcurrentLinkedQueue<>();

	ReplicaLoad(DataSource dataSource, Work work, double rate) {
		this.dataSource = dataSource;
		this.work = work;
		this.rate = rate;
	}

	/**
	 * Run arrivals from {@code start} until {@code end}, then wait for the requests in
	 * flight.
	 * @param start the first arrival, on {@link System#nanoTime()}'s scale
	 * @param end the instant after which nothing arrives, on the same scale
	 * @param drainSeconds how long to wait for requests in flight after the end
	 * @throws InterruptedException if interrupted
	 */
	void run(long start, long end, long drainSeconds) throws InterruptedException {
		ThreadPoolExecutor executor = Arrivals.executor(32, MAX_IN_FLIGHT, "replica-load");
		for (long i = 0;; i++) {
			long due = start + (long) (i * 1e9 / this.rate);
			if (due >= end) {
				break;
			}
			Arrivals.waitUntil(due);
			try {
				executor.execute(() -> execute(due));
			}
			catch (RejectedExecutionException ex) {
				this.ended.add(new Outcome(due, System.nanoTime() - due, Outcome.ERROR));
			}
		}
		executor.shutdown();
		if (!executor.awaitTermination(drainSeconds, TimeUnit.SECONDS)) {
			executor.shutdownNow();
		}
	}

	private void execute(long due) {
		char kind = Outcome.OK;
		try (Connection connection = this.dataSource.getConnection()) {
			this.work.run(connection);
		}
		catch (SQLTransientConnectionException ex) {
			kind = Outcome.TIMEOUT;
		}
		catch (SQLException | RuntimeException ex) {
			kind = Outcome.ERROR;
		}
		this.ended.add(new Outcome(due, System.nanoTime() - due, kind));
	}

	/**
	 * Take the outcomes of the requests that ended since the last call.
	 * @return the outcomes, in the order they ended
	 */
	List<Outcome> drain() {
		List<Outcome> outcomes = new ArrayList<>();
		for (Outcome outcome = this.ended.poll(); outcome != null; outcome = this.ended.poll()) {
			outcomes.add(outcome);
		}
		return outcomes;
	}

	/**
	 * How one request ended.
	 *
	 * @param due its planned start, on {@link System#nanoTime()}'s scale
	 * @param latencyNanos from its planned start to its end
	 * @param kind {@link #OK}, {@link #TIMEOUT} or {@link #ERROR}
	 */
	record Outcome(long due, long latencyNanos, char kind) {

		/** Ran its work. */
		static final char OK = 'o';

		/** Gave up waiting for a connection. */
		static final char TIMEOUT = 't';

		/** Failed otherwise (a connection refused, for one), or was not started. */
		static final char ERROR = 'e';

	}

}
