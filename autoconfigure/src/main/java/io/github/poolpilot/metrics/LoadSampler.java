package io.github.poolpilot.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolEventListener;
import io.github.poolpilot.hikari.PoolEventListenerFactory;

/**
 * Measures each pool's load (acquire rate, hold time and wait distributions, timeouts) over a recent window,
 * for the endpoint and the {@code poolpilot.*} meters. It listens to every pool as it starts; recording an
 * event allocates nothing and takes no lock (see {@link LoadWindow}).
 */
public class LoadSampler implements PoolEventListenerFactory {

	static final int SLICES = 12;

	private final Map<ManagedPool, LoadWindow> windows = new ConcurrentHashMap<>();

	private final long windowNanos;

	private final double targetUtilization;

	private final LongSupplier clock;

	/**
	 * Create a sampler.
	 * @param window how far back the measured load reaches
	 * @param targetUtilization share of the pool the load may keep busy, in (0, 1]; the rest is headroom
	 */
	public LoadSampler(Duration window, double targetUtilization) {
		this(window, targetUtilization, System::nanoTime);
	}

	LoadSampler(Duration window, double targetUtilization, LongSupplier clock) {
		this.windowNanos = window.toNanos();
		this.targetUtilization = targetUtilization;
		this.clock = clock;
	}

	@Override
	public PoolEventListener create(ManagedPool pool) {
		return this.windows.computeIfAbsent(pool, (key) -> new LoadWindow(this.windowNanos, SLICES, this.clock));
	}

	/**
	 * Return a pool's load over the window.
	 * @param pool the pool
	 * @return the measured load, or {@code null} when the pool has not started
	 */
	public @Nullable MeasuredLoad measure(ManagedPool pool) {
		LoadWindow window = this.windows.get(pool);
		if (window == null) {
			return null;
		}
		return MeasuredLoad.of(window.totals(), this.targetUtilization, pool.databaseFacts().connectionBudget());
	}

	/**
	 * Return the length of the window.
	 * @return the window
	 */
	public Duration window() {
		return Duration.ofNanos(this.windowNanos);
	}

}
