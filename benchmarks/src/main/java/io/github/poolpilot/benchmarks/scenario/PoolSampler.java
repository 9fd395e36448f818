package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.sizing.PoolSizingState;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingEvent;

/**
 * Reads the pool's counts every {@link #PERIOD_MS} ms on its own thread while a run lasts
 * and, for Pool Pilot, collects every sizing change the controller made (its history
 * keeps only the latest 32).
 *
 * @author Pool Pilot contributors
 */
final class PoolSampler implements AutoCloseable {

	/**
	 * Sampling period.
	 */
	static final long PERIOD_MS = 100;

	private final PoolUnderLoad pool;

	private final OpenLoad load;

	private final List<Sample> samples = new ArrayList<>();

	private final Set<SizingEvent> events = new LinkedHashSet<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "scenario-sampler");
		thread.setDaemon(true);
		return thread;
	});

	PoolSampler(PoolUnderLoad pool, OpenLoad load, long start) {
		this.pool = pool;
		this.load = load;
		long delay = Math.max(0, start - System.nanoTime());
		this.scheduler.scheduleAtFixedRate(() -> sample(start), delay, TimeUnit.MILLISECONDS.toNanos(PERIOD_MS),
				TimeUnit.NANOSECONDS);
	}

	private void sample(long start) {
		HikariPoolMXBean bean = this.pool.poolBean();
		Sample sample = new Sample(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), bean.getTotalConnections(),
				bean.getActiveConnections(), bean.getIdleConnections(), bean.getThreadsAwaitingConnection(),
				this.pool.pool().getMaximumPoolSize(), this.load.arrived(), this.load.finished(), this.load.served());
		SizingController controller = this.pool.controller();
		PoolSizingState state = (controller != null) ? controller.state(this.pool.pool().getPoolName()) : null;
		synchronized (this) {
			this.samples.add(sample);
			if (state != null) {
				this.events.addAll(state.recentChanges());
			}
		}
	}

	/**
	 * Return the samples so far.
	 * @return a copy, oldest first
	 */
	synchronized List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	/**
	 * Return every sizing change seen so far.
	 * @return a copy, oldest first; empty for contenders other than Pool Pilot
	 */
	synchronized List<SizingEvent> events() {
		return List.copyOf(this.events);
	}

	@Override
	public void close() throws InterruptedException {
		this.scheduler.shutdown();
		this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
	}

}
