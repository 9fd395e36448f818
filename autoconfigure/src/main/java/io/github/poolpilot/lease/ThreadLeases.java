package io.github.poolpilot.lease;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.load.PoolLoad;
import org.jspecify.annotations.Nullable;

/**
 * The connections one thread holds, most recent last. Only the owning thread writes
 * (connections are borrowed and returned on the thread that uses them); other threads
 * read it for diagnostics and may see a lease that is being added or removed at that
 * instant. The arrays grow only when one thread holds more connections at once than ever
 * before, so acquire and release allocate nothing.
 *
 * @author Pool Pilot contributors
 */
public final class ThreadLeases {

	/** What {@link #pop} returns when the thread holds no connection of the pool. */
	static final long NONE = Long.MIN_VALUE;

	private final Thread thread;

	private @Nullable ManagedPool[] pools = new ManagedPool[4];

	private long[] since = new long[4];

	private @Nullable String[] transactions = new String[4];

	// written by the owner with release semantics and read by others with acquire
	// semantics: a lease's fields
	// are visible before the count that covers them, without the full fence of a volatile
	// write on every
	// borrow and return
	private static final VarHandle COUNT;

	static {
		try {
			COUNT = MethodHandles.lookup().findVarHandle(ThreadLeases.class, "count", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private int count;

	private static final VarHandle BORROWS;

	static {
		try {
			BORROWS = MethodHandles.lookup().findVarHandle(ThreadLeases.class, "borrows", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// written by the owner only, read by the clock's ticker to tell a busy application
	// from an idle one
	private long borrows;

	// the wait of the latest borrow, which HikariCP may report next as a timeout; read by
	// the owner only
	private long lastWaitNanos;

	// the thread's own load counters of the pools it used, the latest first; read and
	// written by the owner only
	private PoolLoad.@Nullable ThreadCounters[] counters = new PoolLoad.ThreadCounters[1];

	// a virtual thread records into the loads' shared counters
	private boolean sharedCounters;

	// the new transaction that is beginning on this thread while it holds a connection,
	// and where this thread borrows a second connection of a pool it already holds one
	// of: written by the owner only in those rare cases, read by others for the
	// exhaustion report
	private volatile @Nullable String beginningTransaction;

	private volatile @Nullable String nestedBorrowSite;

	// how many leases this thread held when it began the borrow of a second connection:
	// written before nestedBorrowSite and read after it, so the exhaustion report counts
	// what the thread held while it waited, not a failed attempt that HikariCP records
	// as a borrow for an instant before it reports the timeout
	private int heldBeforeNestedBorrow;

	ThreadLeases(Thread thread) {
		this.thread = thread;
	}

	void push(ManagedPool pool, long nanoTime, long waitNanos, @Nullable String transaction) {
		int n = this.count;
		if (n == this.pools.length) {
			this.pools = Arrays.copyOf(this.pools, n * 2);
			this.since = Arrays.copyOf(this.since, n * 2);
			this.transactions = Arrays.copyOf(this.transactions, n * 2);
		}
		this.pools[n] = pool;
		this.since[n] = nanoTime;
		this.transactions[n] = transaction;
		this.lastWaitNanos = waitNanos;
		COUNT.setRelease(this, n + 1);
		BORROWS.setOpaque(this, this.borrows + 1);
	}

	/**
	 * Return this thread's counters of a pool's load, registering them with the load on
	 * the thread's first event in that pool.
	 * @param load the pool's load
	 * @return the counters, or {@code null} when this thread records into the load's
	 * shared counters
	 */
	PoolLoad.@Nullable ThreadCounters counters(PoolLoad load) {
		PoolLoad.ThreadCounters latest = this.counters[0];
		if (latest != null && latest.load() == load) {
			return latest;
		}
		return (this.sharedCounters) ? null : findCounters(load);
	}

	private PoolLoad.@Nullable ThreadCounters findCounters(PoolLoad load) {
		PoolLoad.@Nullable ThreadCounters[] counters = this.counters;
		int i = 0;
		while (i < counters.length && counters[i] != null && counters[i].load() != load) {
			i++;
		}
		PoolLoad.ThreadCounters found;
		if (i < counters.length && counters[i] != null) {
			found = counters[i];
		}
		else {
			found = load.countersFor(this.thread);
			if (found == null) {
				this.sharedCounters = true;
				return null;
			}
			if (i == counters.length) {
				counters = Arrays.copyOf(counters, i + 1);
				this.counters = counters;
			}
		}
		// the latest pool first: a thread nearly always keeps using the same one
		System.arraycopy(counters, 0, counters, 1, i);
		counters[0] = found;
		return found;
	}

	long borrows() {
		return (long) BORROWS.getOpaque(this);
	}

	/**
	 * Remove the latest lease of a pool.
	 * @param pool the pool
	 * @return the {@link System#nanoTime()} of its borrow, or {@link #NONE} when the
	 * thread holds none
	 */
	long pop(ManagedPool pool) {
		int n = this.count;
		for (int i = n - 1; i >= 0; i--) {
			if (this.pools[i] == pool) {
				long since = this.since[i];
				int moved = n - 1 - i;
				if (moved > 0) {
					// close the gap; connections are nearly always returned last-in
					// first-out, so this is rare
					System.arraycopy(this.pools, i + 1, this.pools, i, moved);
					System.arraycopy(this.since, i + 1, this.since, i, moved);
					System.arraycopy(this.transactions, i + 1, this.transactions, i, moved);
				}
				this.pools[n - 1] = null;
				this.transactions[n - 1] = null;
				COUNT.setRelease(this, n - 1);
				return since;
			}
		}
		return NONE;
	}

	long lastWaitNanos() {
		return this.lastWaitNanos;
	}

	void nameTransaction(@Nullable String name) {
		int top = this.count - 1;
		if (top >= 0 && this.transactions[top] == null) {
			this.transactions[top] = name;
		}
	}

	/**
	 * Return this thread's latest lease of a pool, on the owning thread.
	 * @param dataSource the pool
	 * @return the index of its latest lease of that pool, or -1
	 */
	public int indexOf(HikariDataSource dataSource) {
		for (int i = this.count - 1; i >= 0; i--) {
			ManagedPool pool = this.pools[i];
			if (pool != null && pool.dataSource() == dataSource) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Note, on the owning thread, the new transaction that begins while this thread holds
	 * a connection, so that a second borrow can name it.
	 * @param name the transaction's name, or {@code null} once it began
	 */
	public void beginningTransaction(@Nullable String name) {
		this.beginningTransaction = name;
	}

	/**
	 * Return the new transaction that is beginning on this thread while it holds a
	 * connection.
	 * @return its name, or {@code null}
	 */
	public @Nullable String beginningTransaction() {
		return this.beginningTransaction;
	}

	/**
	 * Note, on the owning thread, that it borrows a second connection of a pool it
	 * already holds one of, and where.
	 * @param site the call site, or {@code null} once the borrow returned
	 */
	public void nestedBorrow(@Nullable String site) {
		if (site != null) {
			this.heldBeforeNestedBorrow = this.count;
		}
		this.nestedBorrowSite = site;
	}

	/**
	 * Return how many leases this thread held when it began borrowing a second
	 * connection, read after {@link #nestedBorrowSite()} returned a site.
	 * @return the number of leases
	 */
	int heldBeforeNestedBorrow() {
		return this.heldBeforeNestedBorrow;
	}

	/**
	 * Return where this thread is borrowing a second connection of a pool it holds one
	 * of.
	 * @return the call site, or {@code null} when it is not doing so now
	 */
	public @Nullable String nestedBorrowSite() {
		return this.nestedBorrowSite;
	}

	/**
	 * Return the thread these leases belong to.
	 * @return the thread
	 */
	public Thread thread() {
		return this.thread;
	}

	/**
	 * Return how many connections the thread holds.
	 * @return the count
	 */
	public int count() {
		return (int) COUNT.getAcquire(this);
	}

	/**
	 * Return the pool of the i-th held connection, oldest first.
	 * @param index from 0 to {@link #count()} - 1
	 * @return the pool
	 */
	public @Nullable ManagedPool pool(int index) {
		return this.pools[index];
	}

	/**
	 * Return when the i-th held connection was borrowed.
	 * @param index from 0 to {@link #count()} - 1
	 * @return the {@link System#nanoTime()} of the borrow
	 */
	public long since(int index) {
		return this.since[index];
	}

	/**
	 * Return the Spring transaction that holds the i-th connection, when known.
	 * @param index from 0 to {@link #count()} - 1
	 * @return the transaction name or {@code null}
	 */
	public @Nullable String transaction(int index) {
		return this.transactions[index];
	}

}
