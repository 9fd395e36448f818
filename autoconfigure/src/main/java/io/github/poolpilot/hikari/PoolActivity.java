package io.github.poolpilot.hikari;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of a pool's connection events since it started: the raw counts that rates and means are
 * derived from. {@link LongAdder} keeps the hot path free of contention and of allocation once its cells
 * exist.
 */
public final class PoolActivity implements PoolEventListener {

	private final LongAdder acquisitions = new LongAdder();

	private final LongAdder acquireNanos = new LongAdder();

	private final LongAdder releases = new LongAdder();

	private final LongAdder heldMillis = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder created = new LongAdder();

	@Override
	public void acquired(long waitNanos) {
		this.acquisitions.increment();
		this.acquireNanos.add(waitNanos);
	}

	@Override
	public void released(long heldMillis) {
		this.releases.increment();
		this.heldMillis.add(heldMillis);
	}

	@Override
	public void timedOut() {
		// HikariCP reported the failed attempt as an acquisition first
		this.acquisitions.decrement();
		this.timeouts.increment();
	}

	@Override
	public void created(long createMillis) {
		this.created.increment();
	}

	/**
	 * Return how many connections were handed out.
	 * @return the count
	 */
	public long acquisitions() {
		return this.acquisitions.sum();
	}

	/**
	 * Return the total time callers waited for a connection.
	 * @return nanoseconds
	 */
	public long acquireNanos() {
		return this.acquireNanos.sum();
	}

	/**
	 * Return how many connections were returned.
	 * @return the count
	 */
	public long releases() {
		return this.releases.sum();
	}

	/**
	 * Return the total time connections were held by callers.
	 * @return milliseconds
	 */
	public long heldMillis() {
		return this.heldMillis.sum();
	}

	/**
	 * Return how many callers gave up waiting for a connection.
	 * @return the count
	 */
	public long timeouts() {
		return this.timeouts.sum();
	}

	/**
	 * Return how many physical connections the pool opened.
	 * @return the count
	 */
	public long connectionsCreated() {
		return this.created.sum();
	}

}
