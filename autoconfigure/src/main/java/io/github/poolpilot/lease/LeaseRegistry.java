package io.github.poolpilot.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolEventListener;
import io.github.poolpilot.hikari.PoolEventListenerFactory;
import io.github.poolpilot.jfr.FlightRecorderEvents;
import io.github.poolpilot.jfr.PoolExhaustedEvent;
import io.github.poolpilot.load.PoolLoad;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records which thread holds which pooled connection, from HikariCP's acquire and release
 * events, so that the guard can ask "does this thread hold a connection?" in a few
 * nanoseconds and the endpoint can list holders. As the one listener on the connection
 * path, it also feeds the pool's {@link PoolLoad} (waits in nanoseconds, holds in
 * HikariCP's whole milliseconds). Per acquire and release it does a thread-local lookup,
 * a few array writes and two plain additions to the thread's own load counters: no clock
 * read (a borrow's time comes from a {@link CoarseClock} accurate to
 * {@link CoarseClock#RESOLUTION}), no atomic instruction, no allocation, no lock. When a
 * pool times out a caller, it logs once (then at most once per
 * {@link #exhaustionLogInterval interval}) who holds that pool's connections.
 *
 * @author Pool Pilot contributors
 */
public class LeaseRegistry implements PoolEventListenerFactory, AutoCloseable {

	private static final Log logger = LogFactory.getLog(LeaseRegistry.class);

	private static final long HALF_MILLI = 500_000;

	private final ThreadLocal<@Nullable ThreadLeases> current = new ThreadLocal<>();

	private final Set<ThreadLeases> threads = ConcurrentHashMap.newKeySet();

	private final AtomicLong unmatchedReleases = new AtomicLong();

	private final AtomicLong leakedByEndedThreads = new AtomicLong();

	// registrations happen once per thread; sweeping ended threads whenever the set
	// doubles keeps it bounded
	// by twice the live threads that ever used a pool, at a cost spread over those
	// registrations
	private volatile int sweepAt = 64;

	// the loads of the pools this registry listens to, whose window snapshots the clock's
	// ticker takes, so that the connection path never does
	private final CopyOnWriteArrayList<PoolLoad> loads = new CopyOnWriteArrayList<>();

	private final CoarseClock clock = new CoarseClock(this::borrows, "poolpilot-lease-clock", this::tickLoads);

	private final Duration exhaustionLogInterval;

	private final int maxListed;

	private volatile WorkerThreads workerThreads = WorkerThreads.NONE;

	/**
	 * Create a registry.
	 * @param exhaustionLogInterval minimum time between two "who holds the connections"
	 * warnings of a pool
	 * @param maxListed maximum number of holders listed in a snapshot
	 */
	public LeaseRegistry(Duration exhaustionLogInterval, int maxListed) {
		this.exhaustionLogInterval = exhaustionLogInterval;
		this.maxListed = maxListed;
	}

	/**
	 * Tell the exhaustion report how many threads of a kind can run at once, so that a
	 * deadlock's bound counts every thread that can nest.
	 * @param workerThreads the limits the application's configuration sets
	 */
	public void setWorkerThreads(WorkerThreads workerThreads) {
		this.workerThreads = workerThreads;
	}

	@Override
	public PoolEventListener create(ManagedPool pool) {
		this.loads.addIfAbsent(pool.load());
		return new PoolLeases(pool);
	}

	private void tickLoads() {
		for (PoolLoad load : this.loads) {
			load.tick();
		}
	}

	/**
	 * Return the connections the current thread holds, without allocating.
	 * @return the current thread's leases, or {@code null} when it never held a
	 * connection
	 */
	public @Nullable ThreadLeases currentThread() {
		return this.current.get();
	}

	/**
	 * Return the leases of every live thread that ever borrowed a connection, for
	 * samplers such as the guard's stall detector. An entry may hold no connection at the
	 * moment it is read.
	 * @return an unmodifiable, concurrently updated view
	 */
	public Collection<ThreadLeases> threads() {
		return Collections.unmodifiableSet(this.threads);
	}

	/**
	 * Name the transaction that holds the connection the current thread borrowed last,
	 * when the transaction manager names it only after it has borrowed the connection.
	 * @param transactionName the transaction's name
	 */
	public void transactionBegan(@Nullable String transactionName) {
		ThreadLeases leases = this.current.get();
		if (leases != null && transactionName != null) {
			leases.nameTransaction(transactionName);
		}
	}

	/**
	 * Return a snapshot of the connections of a pool in use, longest held first.
	 * @param pool the pool
	 * @return the leases, at most the configured number
	 */
	public List<Lease> leases(ManagedPool pool) {
		long now = System.nanoTime();
		List<Lease> leases = new ArrayList<>();
		for (Iterator<ThreadLeases> iterator = this.threads.iterator(); iterator.hasNext();) {
			ThreadLeases thread = iterator.next();
			if (!thread.thread().isAlive()) {
				iterator.remove();
				reportEnded(thread);
				continue;
			}
			int count = thread.count();
			String frame = null;
			for (int i = 0; i < count; i++) {
				if (thread.pool(i) == pool) {
					if (frame == null) {
						frame = CallSites.format(CallSites.firstApplicationFrame(thread.thread().getStackTrace()));
					}
					Thread t = thread.thread();
					leases.add(new Lease(pool.name(), t.getName(), t.getId(), t.getState(),
							Duration.ofNanos(now - thread.since(i)), thread.transaction(i), frame));
				}
			}
		}
		leases.sort(Comparator.comparing(Lease::held).reversed());
		return (leases.size() > this.maxListed) ? List.copyOf(leases.subList(0, this.maxListed)) : leases;
	}

	/**
	 * Return how many connections of a pool have been held longer than a threshold,
	 * without the cap of {@link #leases} and without reading any stack.
	 * @param pool the pool
	 * @param threshold the hold time above which a connection counts
	 * @return the count
	 */
	public int countHeldLongerThan(ManagedPool pool, Duration threshold) {
		long now = System.nanoTime();
		long limit = threshold.toNanos();
		int held = 0;
		for (ThreadLeases thread : this.threads) {
			int count = thread.count();
			for (int i = 0; i < count; i++) {
				if (thread.pool(i) == pool && now - thread.since(i) > limit) {
					held++;
				}
			}
		}
		return held;
	}

	/**
	 * Return how many releases came from a thread that did not borrow the connection (and
	 * so could not be matched to a lease).
	 * @return the count
	 */
	public long unmatchedReleases() {
		return this.unmatchedReleases.get();
	}

	/**
	 * Return how many connections were still held by threads that had ended (leaked
	 * connections).
	 * @return the count
	 */
	public long leakedByEndedThreads() {
		return this.leakedByEndedThreads.get();
	}

	/**
	 * Return how many threads are tracked (live ones, and ended ones not yet swept).
	 * @return the count
	 */
	public int trackedThreads() {
		return this.threads.size();
	}

	/**
	 * Stop the thread that keeps the borrow clock; borrows read the system clock from
	 * then on.
	 */
	@Override
	public void close() {
		this.clock.close();
	}

	private long borrows() {
		long borrows = 0;
		for (ThreadLeases thread : this.threads) {
			borrows += thread.borrows();
		}
		return borrows;
	}

	private ThreadLeases leasesOfCurrentThread() {
		ThreadLeases leases = this.current.get();
		if (leases == null) {
			// once per thread
			leases = new ThreadLeases(Thread.currentThread());
			this.current.set(leases);
			this.threads.add(leases);
			if (this.threads.size() > this.sweepAt) {
				sweepEndedThreads();
			}
		}
		return leases;
	}

	private synchronized void sweepEndedThreads() {
		this.threads.removeIf((thread) -> {
			if (thread.thread().isAlive()) {
				return false;
			}
			reportEnded(thread);
			return true;
		});
		this.sweepAt = Math.max(64, this.threads.size() * 2);
	}

	private void reportEnded(ThreadLeases thread) {
		int count = thread.count();
		for (int i = 0; i < count; i++) {
			ManagedPool pool = thread.pool(i);
			if (pool != null) {
				this.leakedByEndedThreads.incrementAndGet();
				String transaction = thread.transaction(i);
				logger.warn(pool.name() + " - thread " + thread.thread().getName() + " ended holding a connection "
						+ ((transaction != null) ? "of transaction " + transaction + " " : "") + "borrowed "
						+ Duration.ofNanos(System.nanoTime() - thread.since(i)).toMillis() + " ms ago and never "
						+ "returned; the pool will not get it back. Close connections with try-with-resources or "
						+ "let Spring manage them.");
			}
		}
	}

	private void logExhaustion(ManagedPool pool) {
		// the pool's state and the nesting holders first: a holder that waits for a
		// second connection stops waiting as soon as it times out too, while the stacks
		// of the holders are being read
		HikariPoolMXBean state = pool.poolMXBean();
		int waiting = (state != null) ? state.getThreadsAwaitingConnection() : 0;
		StringBuilder message = new StringBuilder(pool.name()).append(" - pool exhausted: a caller waited ")
			.append(pool.dataSource().getConnectionTimeout())
			.append(" ms and got no connection");
		if (state != null) {
			message.append(" (total=")
				.append(state.getTotalConnections())
				.append(", active=")
				.append(state.getActiveConnections())
				.append(", idle=")
				.append(state.getIdleConnections())
				.append(", waiting=")
				.append(waiting)
				.append(')');
		}
		Nesting nesting = nesting(pool);
		List<Lease> leases = leases(pool);
		message.append(". Connections are held by:");
		for (Lease lease : leases) {
			message.append(System.lineSeparator()).append("    ").append(lease.describe());
		}
		if (leases.isEmpty()) {
			message.append(
					" no live thread (connections were leaked by threads that ended, or returned by another thread)");
		}
		if (nesting.threads > 0) {
			message.append(System.lineSeparator()).append(nesting.describe(pool, waiting));
		}
		else {
			message.append(System.lineSeparator())
				.append("Shorten what these holders do while they hold a connection; ")
				.append("a larger pool only delays the next exhaustion.");
		}
		logger.warn(message);
	}

	// the holders of a pool that wait for a second connection of it: each waits for a
	// connection that only another holder can return
	private Nesting nesting(ManagedPool pool) {
		Nesting nesting = new Nesting();
		for (ThreadLeases thread : this.threads) {
			String site = thread.nestedBorrowSite();
			// a thread seen borrowing a second connection counts what it held when it
			// began: its own timeout is recorded as a borrow for an instant first
			int count = (site != null) ? Math.min(thread.count(), thread.heldBeforeNestedBorrow()) : thread.count();
			int held = 0;
			boolean otherPools = false;
			for (int i = 0; i < count; i++) {
				if (thread.pool(i) == pool) {
					held++;
				}
				else {
					otherPools = true;
				}
			}
			if (held == 0) {
				continue;
			}
			if (site == null && !otherPools) {
				// a borrow the guard did not see (a data source it does not wrap): the
				// stack tells
				StackTraceElement[] stack = thread.thread().getStackTrace();
				if (isBorrowing(stack)) {
					site = CallSites.format(CallSites.firstApplicationFrame(stack));
				}
			}
			if (site != null) {
				nesting.add(site, thread.beginningTransaction(), held + 1, this.workerThreads.of(thread.thread()));
			}
		}
		return nesting;
	}

	private static boolean isBorrowing(StackTraceElement[] stack) {
		for (StackTraceElement frame : stack) {
			if ("com.zaxxer.hikari.pool.HikariPool".equals(frame.getClassName())
					&& "getConnection".equals(frame.getMethodName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What the exhaustion report says about holders that wait for a second connection:
	 * how many, where, and the pool size that their nesting needs.
	 */
	private static final class Nesting {

		private final Map<String, Integer> sites = new LinkedHashMap<>();

		private int threads;

		private int connectionsEach;

		// the most that can run at once of the nesting threads' kind, while every
		// nesting thread is of a kind whose limit is known
		private WorkerThreads.@Nullable Limit limit;

		private boolean unknownKind;

		void add(String site, @Nullable String innerTransaction, int connections, WorkerThreads.@Nullable Limit limit) {
			if (limit == null) {
				this.unknownKind = true;
			}
			else if (this.limit == null || limit.threads() > this.limit.threads()) {
				this.limit = limit;
			}
			String key = (innerTransaction != null)
					? site + " (new transaction "
							+ innerTransaction.substring(
									innerTransaction.lastIndexOf('.', innerTransaction.lastIndexOf('.') - 1) + 1)
							+ ")"
					: site;
			this.sites.merge(key, 1, Integer::sum);
			this.threads++;
			this.connectionsEach = Math.max(this.connectionsEach, connections);
		}

		String describe(ManagedPool pool, int waiting) {
			// waiting: the pool's waiters when the report began, the caller that timed
			// out
			// no longer among them
			// Tn: the threads that can nest at once; the waiters (and the caller that
			// just
			// timed out) run the same code as the holders that nest, so they count when
			// there are more of them
			int threads = Math.max(this.threads, waiting + 1);
			String counted = (threads > this.threads)
					? ": the " + waiting + " threads waiting for this pool and the caller that timed out"
					: ": the threads seen nesting";
			WorkerThreads.Limit limit = this.unknownKind ? null : this.limit;
			boolean bounded = limit != null && limit.threads() >= threads;
			if (bounded) {
				threads = limit.threads();
				counted = ": " + limit.source();
			}
			int needed = threads * (this.connectionsEach - 1) + 1;
			StringBuilder text = new StringBuilder("This is a deadlock, not slowness: ").append(this.threads)
				.append((this.threads == 1) ? " holder waits" : " holders wait")
				.append(" for a second connection of this pool while holding one, and only another holder can ")
				.append("return one. Nesting at ")
				.append(String.join(", ", this.sites.keySet()))
				.append(". Threads that each need ")
				.append(this.connectionsEach)
				.append(" connections at once need a pool of at least Tn x (Cm - 1) + 1 = ")
				.append(threads)
				.append(" x (")
				.append(this.connectionsEach)
				.append(" - 1) + 1 = ")
				.append(needed)
				.append(" (Tn = ")
				.append(threads)
				.append(counted)
				.append(bounded ? "" : "; with a bounded executor or web server, its thread count")
				.append("), not ")
				.append(pool.dataSource().getMaximumPoolSize())
				.append(". Do the inner work outside the outer transaction, or size the pool for it.");
			return text.toString();
		}

	}

	/**
	 * One pool's view: records its borrows and returns in the borrowing thread's leases,
	 * and in the pool's load.
	 */
	private final class PoolLeases implements PoolEventListener {

		private final ManagedPool pool;

		private final PoolLoad load;

		private final AtomicLong nextExhaustionLog = new AtomicLong(Long.MIN_VALUE);

		PoolLeases(ManagedPool pool) {
			this.pool = pool;
			this.load = pool.load();
		}

		@Override
		public void acquired(long waitNanos) {
			long now = LeaseRegistry.this.clock.now();
			ThreadLeases leases = leasesOfCurrentThread();
			leases.push(this.pool, now, waitNanos, TransactionSynchronizationManager.getCurrentTransactionName());
			this.load.borrowed(leases.counters(this.load), waitNanos);
		}

		@Override
		public void released(long heldMillis) {
			ThreadLeases leases = LeaseRegistry.this.current.get();
			// HikariCP truncates to whole milliseconds: the middle of that millisecond is
			// its best figure. A clock read of our own would give nanoseconds, but costs
			// as much as the rest of this listener on some virtual machines, on every
			// release
			long hold = heldMillis * 1_000_000 + HALF_MILLI;
			if (leases != null && leases.pop(this.pool) != ThreadLeases.NONE) {
				this.load.returned(leases.counters(this.load), hold);
			}
			else {
				LeaseRegistry.this.unmatchedReleases.incrementAndGet();
				this.load.returned(null, hold);
			}
		}

		@Override
		public void evicted() {
			// HikariCP closed the proxy of a broken connection: no release will come for
			// it
			released(0);
		}

		@Override
		public void timedOut() {
			// HikariCP reported the failed attempt as an acquisition first: take back the
			// lease and the borrow
			long now = System.nanoTime();
			ThreadLeases leases = LeaseRegistry.this.current.get();
			if (leases != null && leases.pop(this.pool) != ThreadLeases.NONE) {
				this.load.timedOut(leases.counters(this.load), leases.lastWaitNanos());
			}
			if (FlightRecorderEvents.AVAILABLE) {
				PoolExhaustedEvent.commit(this.pool, LeaseRegistry.this);
			}
			long next = this.nextExhaustionLog.get();
			if ((next == Long.MIN_VALUE || now - next >= 0) && this.nextExhaustionLog.compareAndSet(next,
					now + LeaseRegistry.this.exhaustionLogInterval.toNanos())) {
				logExhaustion(this.pool);
			}
		}

	}

}
