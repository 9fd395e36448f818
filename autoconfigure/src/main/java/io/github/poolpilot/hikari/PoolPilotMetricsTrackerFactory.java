package io.github.poolpilot.hikari;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.github.poolpilot.load.PoolLoad;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link MetricsTrackerFactory} a tuned pool gets. HikariCP accepts a single
 * factory, and Spring Boot binds its Micrometer tracker only to a pool that has none, so
 * this one does both jobs: it forwards every event to the tracker the pool would
 * otherwise have had (the user's own factory, or Micrometer's, which keeps
 * {@code hikaricp.connections.*} working) and hands the same events to Pool Pilot's
 * {@link PoolEventListener listeners}: the lease registry, which also feeds the pool's
 * {@link PoolLoad}. The tracker is created when the pool starts, so a meter registry that
 * did not exist when the pool was tuned is still found.
 *
 * @author Pool Pilot contributors
 */
public final class PoolPilotMetricsTrackerFactory implements MetricsTrackerFactory {

	private static final IMetricsTracker NO_TRACKER = new IMetricsTracker() {
	};

	private final ManagedPool pool;

	private final @Nullable MetricsTrackerFactory userFactory;

	private final Supplier<@Nullable MetricsTrackerFactory> defaultFactory;

	private final Supplier<List<PoolEventListenerFactory>> listenerFactories;

	private volatile @Nullable Tracker tracker;

	/**
	 * Create a factory for one pool.
	 * @param pool the pool whose events are tracked
	 * @param userFactory a factory the user had set on the pool, which keeps receiving
	 * every event
	 * @param defaultFactory the factory to forward to when the user set none
	 * (Micrometer's), resolved when the pool starts
	 * @param listenerFactories the features that listen to the pool's events, resolved
	 * when the pool starts
	 */
	public PoolPilotMetricsTrackerFactory(ManagedPool pool, @Nullable MetricsTrackerFactory userFactory,
			Supplier<@Nullable MetricsTrackerFactory> defaultFactory,
			Supplier<List<PoolEventListenerFactory>> listenerFactories) {
		this.pool = pool;
		this.userFactory = userFactory;
		this.defaultFactory = defaultFactory;
		this.listenerFactories = listenerFactories;
	}

	@Override
	public IMetricsTracker create(String poolName, PoolStats poolStats) {
		MetricsTrackerFactory forward = (this.userFactory != null) ? this.userFactory : this.defaultFactory.get();
		IMetricsTracker delegate = (forward != null) ? forward.create(poolName, poolStats) : NO_TRACKER;
		List<PoolEventListener> listeners = new ArrayList<>();
		for (PoolEventListenerFactory factory : this.listenerFactories.get()) {
			PoolEventListener listener = factory.create(this.pool);
			if (listener != null) {
				listeners.add(listener);
			}
		}
		Tracker tracker = new Tracker(delegate, listeners.toArray(new PoolEventListener[0]), this.pool.load());
		this.tracker = tracker;
		return tracker;
	}

	/**
	 * Tell the listeners that the connection the current thread was using was evicted as
	 * broken, which HikariCP does not report as a release.
	 */
	public void connectionEvicted() {
		Tracker tracker = this.tracker;
		if (tracker != null) {
			for (PoolEventListener listener : tracker.listeners) {
				listener.evicted();
			}
		}
	}

	/**
	 * Return the factory the user had set on the pool before Pool Pilot took the slot.
	 * @return the user's factory, or {@code null}
	 */
	public @Nullable MetricsTrackerFactory userFactory() {
		return this.userFactory;
	}

	/**
	 * Fans one pool's events out to the forwarded tracker and the listeners, and counts
	 * opened connections in the pool's load. An array and indexed loops keep the acquire
	 * and release paths free of allocation.
	 */
	static final class Tracker implements IMetricsTracker {

		private final IMetricsTracker delegate;

		private final PoolEventListener[] listeners;

		private final PoolLoad load;

		Tracker(IMetricsTracker delegate, PoolEventListener[] listeners, PoolLoad load) {
			this.delegate = delegate;
			this.listeners = listeners;
			this.load = load;
		}

		@Override
		public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
			this.delegate.recordConnectionCreatedMillis(connectionCreatedMillis);
			this.load.connectionCreated(connectionCreatedMillis);
			for (PoolEventListener listener : this.listeners) {
				listener.created(connectionCreatedMillis);
			}
		}

		@Override
		public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
			this.delegate.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
			for (PoolEventListener listener : this.listeners) {
				listener.acquired(elapsedAcquiredNanos);
			}
		}

		@Override
		public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
			this.delegate.recordConnectionUsageMillis(elapsedBorrowedMillis);
			for (PoolEventListener listener : this.listeners) {
				listener.released(elapsedBorrowedMillis);
			}
		}

		@Override
		public void recordConnectionTimeout() {
			this.delegate.recordConnectionTimeout();
			for (PoolEventListener listener : this.listeners) {
				listener.timedOut();
			}
		}

		@Override
		public void close() {
			this.delegate.close();
		}

		PoolEventListener[] listeners() {
			return this.listeners;
		}

	}

}
