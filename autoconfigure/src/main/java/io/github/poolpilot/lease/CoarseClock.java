package io.github.poolpilot.lease;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link System#nanoTime()} that a daemon thread reads every {@link #RESOLUTION} and
 * publishes, so that the borrow of a connection costs a field read instead of a clock
 * read (on virtual machines a clock read can cost more than the rest of the borrow). A
 * reading is at most one resolution (plus the ticker's scheduling delay) behind the
 * clock, so a hold time computed from it can only be that much too long.
 * <p>
 * When a whole second passes without any borrow, the ticker stops: the next reader finds
 * the clock asleep, reads {@code System.nanoTime()} itself and wakes the ticker. An idle
 * application is not woken a hundred times a second for nothing. The ticker can run a
 * task with each reading, such as the snapshots of the pools' load windows.
 *
 * @author Pool Pilot contributors
 */
final class CoarseClock implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(CoarseClock.class);

	/** How often the ticker reads the clock. */
	static final Duration RESOLUTION = Duration.ofMillis(10);

	private static final long RESOLUTION_NANOS = RESOLUTION.toNanos();

	private static final int TICKS_PER_IDLE_CHECK = 100;

	private static final long ASLEEP = Long.MIN_VALUE;

	private static final VarHandle TIME;

	static {
		try {
			TIME = MethodHandles.lookup().findVarHandle(CoarseClock.class, "time", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final LongSupplier activity;

	private final Runnable onTick;

	private final Thread ticker;

	private volatile long time = ASLEEP;

	private volatile boolean closed;

	/**
	 * Create a clock; its ticker starts with the first reading.
	 * @param activity a count that changes whenever the clock's users are busy (borrows);
	 * while it stays the same for a second, the ticker sleeps
	 * @param name the ticker thread's name
	 */
	CoarseClock(LongSupplier activity, String name) {
		this(activity, name, () -> {
		});
	}

	/**
	 * Create a clock whose ticker also runs a task after each reading it publishes, such
	 * as work that must happen every few milliseconds while the clock's users are busy
	 * but not on their path.
	 * @param activity a count that changes whenever the clock's users are busy (borrows);
	 * while it stays the same for a second, the ticker sleeps
	 * @param name the ticker thread's name
	 * @param onTick run after each reading, on the ticker; it must return at once
	 */
	CoarseClock(LongSupplier activity, String name, Runnable onTick) {
		this.activity = activity;
		this.onTick = onTick;
		this.ticker = new Thread(this::tick, name);
		this.ticker.setDaemon(true);
	}

	/**
	 * Return a recent {@link System#nanoTime()}, at most about one resolution old.
	 * @return the time in nanoseconds
	 */
	long now() {
		long time = this.time;
		return (time != ASLEEP) ? time : wake();
	}

	private long wake() {
		long now = System.nanoTime();
		// one of the readers that found the clock asleep wakes the ticker; the others use
		// their own reading
		if (!this.closed && TIME.compareAndSet(this, ASLEEP, now)) {
			if (this.ticker.getState() == Thread.State.NEW) {
				synchronized (this) {
					if (this.ticker.getState() == Thread.State.NEW) {
						this.ticker.start();
					}
				}
			}
			LockSupport.unpark(this.ticker);
		}
		return now;
	}

	private void tick() {
		try {
			run();
		}
		finally {
			// after the last reading this thread published (or a failure that ended it):
			// readers read the clock themselves from now on, and none wakes this thread
			this.closed = true;
			this.time = ASLEEP;
		}
	}

	private void run() {
		long lastActivity = this.activity.getAsLong();
		int ticks = 0;
		boolean taskFailed = false;
		while (!this.closed) {
			LockSupport.parkNanos(this, RESOLUTION_NANOS);
			this.time = System.nanoTime();
			try {
				this.onTick.run();
			}
			catch (RuntimeException ex) {
				// the readings go on: a clock that stopped would make every hold look
				// longer. Said once, not a hundred times a second
				if (!taskFailed) {
					taskFailed = true;
					logger.warn("A task of " + this.ticker.getName() + " failed; it runs again on each tick", ex);
				}
			}
			if (++ticks < TICKS_PER_IDLE_CHECK) {
				continue;
			}
			ticks = 0;
			long activity = this.activity.getAsLong();
			if (activity == lastActivity) {
				// a second without a borrow: sleep until a reader finds the clock asleep
				// and wakes this thread
				this.time = ASLEEP;
				while (this.time == ASLEEP && !this.closed) {
					LockSupport.park(this);
				}
			}
			lastActivity = activity;
		}
	}

	/**
	 * Stop the ticker; readers read the clock themselves from now on.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.time = ASLEEP;
		LockSupport.unpark(this.ticker);
	}

}
