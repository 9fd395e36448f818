package io.github.poolpilot.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.github.poolpilot.sizing.SizingEvent;

import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Watches the sizing controller and the lease registry of an application's
 * {@code dataSource} pool in fault tests.
 *
 * @author Pool Pilot contributors
 */
public final class SizingWatch {

	private final HikariDataSource dataSource;

	private final ManagedPool pool;

	private final SizingController controller;

	private final LeaseRegistry leases;

	private int largest;

	private int smallest = Integer.MAX_VALUE;

	/**
	 * Watch the {@code dataSource} pool of a context.
	 * @param context a context with Pool Pilot's sizing controller
	 */
	public SizingWatch(ApplicationContext context) {
		this.dataSource = context.getBean(HikariDataSource.class);
		this.pool = context.getBean(PoolRegistry.class).get("dataSource");
		this.controller = context.getBean(SizingController.class);
		this.leases = context.getBean(LeaseRegistry.class);
	}

	/**
	 * Wait until the controller has made its first decisions and the size held for a
	 * second (or 15 seconds passed), then start recording the smallest and largest size
	 * afresh.
	 */
	public void settle() {
		AtomicInteger size = new AtomicInteger(-1);
		AtomicLong stableSince = new AtomicLong(System.nanoTime());
		long deadline = stableSince.get() + Duration.ofSeconds(15).toNanos();
		await("the controller's first decisions").atMost(Duration.ofSeconds(20))
			.pollInterval(Recovery.POLL)
			.until(() -> {
				int now = this.dataSource.getMaximumPoolSize();
				if (size.getAndSet(now) != now) {
					stableSince.set(System.nanoTime());
				}
				boolean stable = System.nanoTime() - stableSince.get() >= Duration.ofSeconds(1).toNanos();
				return this.controller.state(this.pool.name()) != null && (stable || System.nanoTime() - deadline >= 0);
			});
		this.largest = 0;
		this.smallest = Integer.MAX_VALUE;
	}

	/**
	 * Record the smallest and largest size for a while.
	 * @param millis how long
	 */
	public void watch(long millis) {
		await().during(Duration.ofMillis(millis))
			.atMost(Duration.ofMillis(millis).plusSeconds(10))
			.pollInterval(Recovery.POLL)
			.until(() -> {
				this.largest = Math.max(this.largest, this.dataSource.getMaximumPoolSize());
				this.smallest = Math.min(this.smallest, this.dataSource.getMaximumPoolSize());
				return true;
			});
	}

	/**
	 * Return the largest size recorded since {@link #settle()}.
	 * @return the size, 0 before any was recorded
	 */
	public int largest() {
		return this.largest;
	}

	/**
	 * Return the smallest size recorded since {@link #settle()}.
	 * @return the size, {@link Integer#MAX_VALUE} before any was recorded
	 */
	public int smallest() {
		return this.smallest;
	}

	/**
	 * Return how many times the controller has grown the pool.
	 * @return the count of growth decisions
	 */
	public long grown() {
		return this.controller.decisions(this.pool.name(), Direction.GROW);
	}

	/**
	 * Return the reason of the controller's latest change.
	 * @return the reason, or an empty string before any change
	 */
	public String lastReason() {
		List<SizingEvent> changes = this.controller.state(this.pool.name()).recentChanges();
		return changes.isEmpty() ? "" : changes.get(changes.size() - 1).reason();
	}

	/**
	 * Return the connections the lease registry still lists once the load has stopped:
	 * any is a lease that never ended.
	 * @return the count, with the leases of threads that ended holding one
	 */
	public int leases() {
		// a worker that ended with a lease open is counted there, not listed
		return this.leases.leases(this.pool).size() + (int) this.leases.leakedByEndedThreads();
	}

}
