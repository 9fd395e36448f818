package io.github.poolpilot.hikari;

/**
 * Receives a pool's connection events from HikariCP's metrics-tracker hook, on the thread
 * that caused them: {@link #acquired} on the borrowing thread just before
 * {@code getConnection} returns, {@link #released} on the thread that closes the
 * connection. HikariCP reports an attempt that times out as an acquisition too, and
 * follows it at once, on the same thread, with {@link #timedOut}: a listener that counts
 * borrows must undo the preceding {@code acquired} there. These run on the pool's hot
 * path: an implementation must not block, allocate or throw.
 *
 * @author Pool Pilot contributors
 */
public interface PoolEventListener {

	/**
	 * A connection was handed to the current thread.
	 * @param waitNanos how long the thread waited for it
	 */
	default void acquired(long waitNanos) {
	}

	/**
	 * The current thread returned a connection to the pool.
	 * @param heldMillis how long it was borrowed
	 */
	default void released(long heldMillis) {
	}

	/**
	 * The current thread gave up waiting for a connection: the {@link #acquired} reported
	 * just before on this thread was a failed attempt, not a borrow.
	 */
	default void timedOut() {
	}

	/**
	 * HikariCP evicted, as broken, the connection the current thread was using (a
	 * statement on it failed with a disconnection error). HikariCP reports no
	 * {@link #released} for it: a listener that tracks borrows must end the current
	 * thread's latest borrow of the pool here.
	 */
	default void evicted() {
	}

	/**
	 * The pool opened a new physical connection.
	 * @param createMillis how long opening it took
	 */
	default void created(long createMillis) {
	}

}
