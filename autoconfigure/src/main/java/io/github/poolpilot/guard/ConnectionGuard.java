package io.github.poolpilot.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.jfr.FlightRecorderEvents;
import io.github.poolpilot.jfr.GuardViolationEvent;
import io.github.poolpilot.lease.CallSites;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.ThreadLeases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction-scope guard: answers "does the current thread's transaction hold a
 * pooled connection?" for every remote call a detector sees, and turns a yes into a
 * {@link Violation}: recorded in {@link GuardFindings}, handed to
 * {@link ViolationListener listeners}, logged at most once per call site and interval,
 * and in {@link GuardMode#STRICT strict mode} thrown as a
 * {@link ConnectionHeldAcrossRemoteCallException}. A thread holds a connection when
 * HikariCP handed it one ({@link LeaseRegistry}): a transaction that has not fetched its
 * connection yet (lazy fetch) holds none. When the thread holds no connection,
 * {@link #check(RemoteCall)} reads two thread-locals and returns: no allocation, no lock.
 * The guard also names a thread that borrows a second connection from a pool it holds one
 * of ({@link #beforeBorrow}), the pool's self-deadlock in the making.
 *
 * @author Pool Pilot contributors
 */
public class ConnectionGuard {

	private static final Log logger = LogFactory.getLog(ConnectionGuard.class);

	private final LeaseRegistry leaseRegistry;

	private final GuardMode mode;

	private final AllowList allowList;

	private final GuardFindings findings;

	private final List<ViolationListener> listeners;

	// the observation whose call the guard already reported, while its scope is open on
	// this thread
	private final ThreadLocal<@Nullable Object> reportedScope = new ThreadLocal<>();

	// thread -> borrow time of the lease whose reported call is still running, so the
	// stall detector stays quiet
	private final Map<Thread, Long> inFlight = Collections.synchronizedMap(new WeakHashMap<>());

	private final Map<Thread, Violation> lastViolations = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Create a guard.
	 * @param leaseRegistry tells which threads hold connections
	 * @param mode what to do with a violation
	 * @param allowList the calls that are allowed on purpose
	 * @param findings where violations are recorded
	 * @param listeners notified of every violation
	 */
	public ConnectionGuard(LeaseRegistry leaseRegistry, GuardMode mode, AllowList allowList, GuardFindings findings,
			List<ViolationListener> listeners) {
		this.leaseRegistry = leaseRegistry;
		this.mode = mode;
		this.allowList = allowList;
		this.findings = findings;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return whether the current thread is in a Spring transaction and holds a pooled
	 * connection. Two thread-local reads; no allocation, no lock.
	 * @return whether a remote call made now would be a violation, unless allowed
	 */
	public boolean holdsConnectionInTransaction() {
		ThreadLeases leases = this.leaseRegistry.currentThread();
		return leases != null && leases.count() > 0 && TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Check a remote call that the current thread is about to make. Allocation-free and
	 * lock-free when the thread holds no connection in a transaction.
	 * @param call the call
	 * @return the violation, or {@code null} when there is none (no connection held, or
	 * allowed)
	 * @throws ConnectionHeldAcrossRemoteCallException in strict mode, for a violation
	 */
	public @Nullable Violation check(RemoteCall call) {
		ThreadLeases leases = this.leaseRegistry.currentThread();
		if (leases == null || leases.count() == 0 || !TransactionSynchronizationManager.isActualTransactionActive()) {
			return null;
		}
		return violation(leases, call);
	}

	private @Nullable Violation violation(ThreadLeases leases, RemoteCall call) {
		ManagedPool pool = leases.pool(0);
		long since = leases.since(0);
		if (pool == null || this.allowList.allowsHost(call.host())) {
			return null;
		}
		Thread thread = Thread.currentThread();
		StackTraceElement[] stack = thread.getStackTrace();
		ClassLoader loader = thread.getContextClassLoader();
		String current = TransactionSynchronizationManager.getCurrentTransactionName();
		String outermost = leases.transaction(0);
		if (this.allowList.allowsStack(stack, loader) || this.allowList.allowsTransaction(outermost, loader)
				|| this.allowList.allowsTransaction(current, loader)) {
			return null;
		}
		String transaction = describeTransaction((outermost != null) ? outermost : current, stack);
		Violation violation = newViolation(pool, since, transaction, call, stack, thread);
		record(violation, thread);
		if (this.mode == GuardMode.STRICT) {
			throw new ConnectionHeldAcrossRemoteCallException(violation);
		}
		this.inFlight.put(thread, since);
		return violation;
	}

	/**
	 * Return the registry that tells which connections each thread holds.
	 * @return the lease registry
	 */
	LeaseRegistry leaseRegistry() {
		return this.leaseRegistry;
	}

	/**
	 * Check a borrow that the current thread is about to make from a pool, before the
	 * pool can make it wait: a thread whose transaction holds a connection of that pool
	 * and borrows another is a {@link RemoteCallKind#NESTED_ACQUIRE nested acquisition}.
	 * When the thread holds no connection this reads one thread-local and returns: no
	 * allocation, no lock.
	 * @param pool the pool the borrow goes to
	 * @return the thread's leases, marked as borrowing a second connection until the
	 * caller calls {@code nestedBorrow(null)} on them once the borrow returned; or
	 * {@code null} when the borrow is not nested or allowed
	 * @throws NestedConnectionException in strict mode, for a nested acquisition
	 */
	public @Nullable ThreadLeases beforeBorrow(HikariDataSource pool) {
		ThreadLeases leases = this.leaseRegistry.currentThread();
		if (leases == null || leases.count() == 0) {
			return null;
		}
		int held = leases.indexOf(pool);
		return (held >= 0) ? nested(leases, held) : null;
	}

	private @Nullable ThreadLeases nested(ThreadLeases leases, int held) {
		ManagedPool pool = leases.pool(held);
		if (pool == null) {
			return null;
		}
		String outer = leases.transaction(held);
		String inner = leases.beginningTransaction();
		if (outer == null && inner == null && !TransactionSynchronizationManager.isActualTransactionActive()) {
			// code that holds several connections on purpose outside any transaction (a
			// pool warmer, a migration tool) is not a transaction waiting for itself
			return null;
		}
		Thread thread = Thread.currentThread();
		StackTraceElement[] stack = thread.getStackTrace();
		ClassLoader loader = thread.getContextClassLoader();
		if (this.allowList.allowsNestingStack(stack, loader) || this.allowList.allowsNestingTransaction(outer, loader)
				|| this.allowList.allowsNestingTransaction(inner, loader)) {
			return null;
		}
		RemoteCall call = (inner != null)
				? new RemoteCall(RemoteCallKind.NESTED_ACQUIRE, "new transaction " + describeTransaction(inner, stack),
						null, "transaction")
				: new RemoteCall(RemoteCallKind.NESTED_ACQUIRE, "DataSource.getConnection()", null, "datasource");
		Violation violation = newViolation(pool, leases.since(held), describeTransaction(outer, stack), call, stack,
				thread);
		record(violation, thread);
		if (this.mode == GuardMode.STRICT) {
			throw new NestedConnectionException(violation);
		}
		leases.nestedBorrow((violation.callSite() != null) ? violation.callSite() : call.target());
		return leases;
	}

	/**
	 * Report a thread that the stall detector found blocked while holding a connection.
	 * Never throws: the call is already running.
	 * @param leases the thread's leases
	 * @param stack the thread's sampled stack
	 * @param call what it waits on
	 * @return the violation, or {@code null} when allowed or the lease ended meanwhile
	 */
	@Nullable Violation reportStall(ThreadLeases leases, StackTraceElement[] stack, RemoteCall call) {
		ManagedPool pool = (leases.count() > 0) ? leases.pool(0) : null;
		if (pool == null) {
			return null;
		}
		long since = leases.since(0);
		Thread thread = leases.thread();
		ClassLoader loader = thread.getContextClassLoader();
		String named = leases.transaction(0);
		if (this.allowList.allowsStack(stack, loader) || this.allowList.allowsTransaction(named, loader)) {
			return null;
		}
		Violation violation = newViolation(pool, since, describeTransaction(named, stack), call, stack, thread);
		record(violation, thread);
		return violation;
	}

	/**
	 * Note that a reported remote call ended, adding its duration to the pool's remote
	 * wait.
	 * @param violation the violation {@link #check(RemoteCall)} returned for the call
	 * @param durationNanos how long the call took
	 */
	public void callEnded(Violation violation, long durationNanos) {
		this.findings.addRemoteWait(violation.pool(), durationNanos);
		this.inFlight.remove(Thread.currentThread());
	}

	void callEnded(Violation violation, long durationNanos, Thread thread) {
		this.findings.addRemoteWait(violation.pool(), durationNanos);
		this.inFlight.remove(thread);
	}

	/**
	 * Return whether the stall detector should stay quiet about a lease, because a
	 * detector that sees the call end already reported it.
	 * @param thread the thread
	 * @param since the borrow time of its oldest lease
	 * @return whether its call was reported and is still running
	 */
	boolean isReportedInFlight(Thread thread, long since) {
		Long reported = this.inFlight.get(thread);
		return reported != null && reported == since;
	}

	void enterReportedScope(Object token) {
		this.reportedScope.set(token);
	}

	void exitReportedScope(Object token) {
		if (this.reportedScope.get() == token) {
			this.reportedScope.remove();
		}
	}

	/**
	 * Return whether the current thread is inside a call that an observation already
	 * reported, so that a client interceptor seeing the same call stays quiet.
	 * @return whether a reported observation's scope is open on this thread
	 */
	public boolean inReportedScope() {
		return this.reportedScope.get() != null;
	}

	/**
	 * Return the last violation a thread caused, for the database backstop.
	 * @param thread the thread
	 * @return the violation or {@code null}
	 */
	public @Nullable Violation lastViolation(Thread thread) {
		return this.lastViolations.get(thread);
	}

	/**
	 * Return what the guard found so far.
	 * @return the findings
	 */
	public GuardFindings findings() {
		return this.findings;
	}

	/**
	 * Return the guard's mode.
	 * @return the mode
	 */
	public GuardMode mode() {
		return this.mode;
	}

	private void record(Violation violation, Thread thread) {
		boolean log = this.findings.record(violation);
		this.lastViolations.put(thread, violation);
		if (FlightRecorderEvents.AVAILABLE) {
			GuardViolationEvent.commit(violation);
		}
		for (ViolationListener listener : this.listeners) {
			try {
				listener.violation(violation);
			}
			catch (RuntimeException ex) {
				logger.debug("Violation listener " + listener + " failed", ex);
			}
		}
		if (log && this.mode != GuardMode.STRICT || log && "stall".equals(violation.call().detector())) {
			logger.warn(violation.message());
		}
	}

	private static Violation newViolation(ManagedPool pool, long since, String transaction, RemoteCall call,
			StackTraceElement[] stack, Thread thread) {
		Duration held = Duration.ofNanos(Math.max(0, System.nanoTime() - since));
		HikariPoolMXBean state = pool.poolMXBean();
		int active = (state != null) ? state.getActiveConnections() : -1;
		int waiting = (state != null) ? state.getThreadsAwaitingConnection() : -1;
		return new Violation(Instant.now(), pool.name(), transaction, call,
				CallSites.format(CallSites.firstApplicationFrame(stack)), held, active,
				pool.dataSource().getMaximumPoolSize(), waiting, thread.getName());
	}

	/**
	 * Return a transaction as a person reads it: Spring names a declarative transaction
	 * after its method's fully qualified name ({@code com.example.BuildService.build}
	 * becomes {@code BuildService.build()}).
	 * @param name the transaction name, may be {@code null}
	 * @param stack the stack, to name an unnamed transaction
	 * @return the description
	 */
	static String describeTransaction(@Nullable String name, StackTraceElement[] stack) {
		if (name == null || name.isBlank()) {
			String fromStack = StackClassifier.transactionFromStack(stack);
			return (fromStack != null) ? fromStack : "a transaction";
		}
		int method = name.lastIndexOf('.');
		int type = (method > 0) ? name.lastIndexOf('.', method - 1) : -1;
		String simple = name.substring(type + 1);
		return simple.endsWith(")") ? simple : simple + "()";
	}

}
