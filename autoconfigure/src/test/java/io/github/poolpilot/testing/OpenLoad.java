package io.github.poolpilot.testing;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An open-model load driver: transactions arrive at a fixed rate whether or not earlier
 * ones finished, so that a slow pool shows as waiting rather than as fewer arrivals.
 * Arrivals are scheduled on one thread and run on a bounded set of worker threads; every
 * failure is kept.
 */
public final class OpenLoad implements AutoCloseable {

	private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService workers;

	private final Transaction transaction;

	private final LongAdder completed = new LongAdder();

	private final LongAdder shed = new LongAdder();

	private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private ScheduledFuture<?> schedule;

	private OpenLoad(int workers, int maxQueued, Transaction transaction, double ratePerSecond) {
		BlockingQueue<Runnable> queue = (maxQueued < Integer.MAX_VALUE) ? new ArrayBlockingQueue<>(maxQueued)
				: new LinkedBlockingQueue<>();
		this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, queue,
				Executors.defaultThreadFactory(), (arrival, executor) -> this.shed.increment());
		this.transaction = transaction;
		this.schedule = schedule(ratePerSecond);
	}

	/**
	 * Start driving load.
	 * @param ratePerSecond arrivals per second
	 * @param workers the most transactions in flight at once
	 * @param transaction what each arrival runs
	 * @return the running driver
	 */
	public static OpenLoad start(double ratePerSecond, int workers, Transaction transaction) {
		return new OpenLoad(workers, Integer.MAX_VALUE, transaction, ratePerSecond);
	}

	/**
	 * Start driving load that sheds arrivals once a number of them wait for a worker, as
	 * a server with a bounded request queue does.
	 * @param ratePerSecond arrivals per second
	 * @param workers the most transactions in flight at once
	 * @param maxQueued the most arrivals waiting for a worker
	 * @param transaction what each arrival runs
	 * @return the running driver
	 */
	public static OpenLoad start(double ratePerSecond, int workers, int maxQueued, Transaction transaction) {
		return new OpenLoad(workers, maxQueued, transaction, ratePerSecond);
	}

	/**
	 * Change the arrival rate.
	 * @param ratePerSecond arrivals per second
	 */
	public synchronized void rate(double ratePerSecond) {
		this.schedule.cancel(false);
		this.schedule = schedule(ratePerSecond);
	}

	/**
	 * Return how many transactions completed without an exception.
	 * @return the count
	 */
	public long completed() {
		return this.completed.sum();
	}

	/**
	 * Return how many arrivals were shed because too many waited for a worker.
	 * @return the count
	 */
	public long shed() {
		return this.shed.sum();
	}

	/**
	 * Return every failure so far.
	 * @return the failures
	 */
	public List<Throwable> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Stop arrivals and wait for the transactions in flight.
	 */
	@Override
	public void close() throws InterruptedException {
		this.arrivals.shutdownNow();
		this.workers.shutdown();
		this.workers.awaitTermination(30, TimeUnit.SECONDS);
	}

	private ScheduledFuture<?> schedule(double ratePerSecond) {
		long period = (long) (1e9 / ratePerSecond);
		return this.arrivals.scheduleAtFixedRate(() -> this.workers.execute(this::run), 0, period,
				TimeUnit.NANOSECONDS);
	}

	private void run() {
		try {
			this.transaction.run();
			this.completed.increment();
		}
		catch (Throwable ex) {
			this.failures.add(ex);
		}
	}

	/**
	 * One unit of work.
	 */
	@FunctionalInterface
	public interface Transaction {

		/**
		 * Run it.
		 * @throws Exception on failure
		 */
		void run() throws Exception;

	}

}
