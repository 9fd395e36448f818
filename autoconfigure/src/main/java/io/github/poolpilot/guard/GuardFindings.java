package io.github.poolpilot.guard;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * What the guard found since the application started, for the {@code pool} endpoint and
 * the sizing controller: the most recent violations, one aggregate per call site, and per
 * pool the time connections were held across remote calls. Also decides, per call site,
 * when the next warning may be logged. Only violations reach this class, so it may lock
 * and allocate; the number of call sites it tracks is bounded.
 *
 * @author Pool Pilot contributors
 */
public class GuardFindings {

	static final String OTHER_CALL_SITES = "(other call sites)";

	static final String UNKNOWN_CALL_SITE = "(unknown call site)";

	private final int maxRecent;

	private final int maxCallSites;

	private final long logIntervalNanos;

	private final ArrayDeque<Violation> recent;

	private final Map<String, Site> sites = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> remoteWait = new ConcurrentHashMap<>();

	/**
	 * Create an empty record of findings.
	 * @param maxRecent how many recent violations to keep
	 * @param maxCallSites how many call sites to aggregate before the rest are merged
	 * into one entry
	 * @param logInterval minimum time between two warnings of one call site
	 */
	public GuardFindings(int maxRecent, int maxCallSites, Duration logInterval) {
		this.maxRecent = maxRecent;
		this.maxCallSites = maxCallSites;
		this.logIntervalNanos = logInterval.toNanos();
		this.recent = new ArrayDeque<>(maxRecent);
	}

	/**
	 * Record a violation.
	 * @param violation the violation
	 * @return whether its call site may log a warning now (at most once per log interval)
	 */
	public boolean record(Violation violation) {
		synchronized (this.recent) {
			if (this.recent.size() == this.maxRecent) {
				this.recent.removeFirst();
			}
			this.recent.addLast(violation);
		}
		String key = (violation.callSite() != null) ? violation.callSite() : UNKNOWN_CALL_SITE;
		Site site = this.sites.get(key);
		if (site == null) {
			key = (this.sites.size() < this.maxCallSites) ? key : OTHER_CALL_SITES;
			site = this.sites.computeIfAbsent(key, Site::new);
		}
		return site.record(violation, System.nanoTime(), this.logIntervalNanos);
	}

	/**
	 * Add the time a pool's connection was held across a remote call that has now ended.
	 * @param pool the pool name
	 * @param nanos how long the call took
	 */
	public void addRemoteWait(String pool, long nanos) {
		this.remoteWait.computeIfAbsent(pool, (name) -> new LongAdder()).add(nanos);
	}

	/**
	 * Return the total time connections of a pool were held across remote calls that were
	 * reported and have ended (observation and interceptor paths: the stall detector
	 * cannot see a call end).
	 * @param pool the pool name
	 * @return nanoseconds, 0 for a pool with none
	 */
	public long remoteWaitNanos(String pool) {
		LongAdder nanos = this.remoteWait.get(pool);
		return (nanos != null) ? nanos.sum() : 0;
	}

	/**
	 * Return the most recent violations, oldest first.
	 * @return an immutable list
	 */
	public List<Violation> recentViolations() {
		synchronized (this.recent) {
			return List.copyOf(this.recent);
		}
	}

	/**
	 * Return one summary per call site, the most frequent first, then by name.
	 * @return an immutable list
	 */
	public List<CallSiteSummary> callSites() {
		List<CallSiteSummary> summaries = new ArrayList<>();
		for (Site site : this.sites.values()) {
			CallSiteSummary summary = site.summary();
			if (summary != null) {
				summaries.add(summary);
			}
		}
		summaries
			.sort(Comparator.comparingLong(CallSiteSummary::count).reversed().thenComparing(CallSiteSummary::callSite));
		return List.copyOf(summaries);
	}

	/**
	 * Return what was found for one pool.
	 * @param pool the pool name
	 * @param mode the guard's mode, for the report
	 * @return the report
	 */
	public PoolGuardReport report(String pool, GuardMode mode) {
		List<Violation> recent = recentViolations().stream()
			.filter((violation) -> pool.equals(violation.pool()))
			.toList();
		List<CallSiteSummary> sites = callSites().stream().filter((site) -> pool.equals(site.last().pool())).toList();
		long count = sites.stream().mapToLong(CallSiteSummary::count).sum();
		return new PoolGuardReport(mode, count, remoteWaitNanos(pool) / 1_000_000, recent, sites);
	}

	/**
	 * Return how many violations were recorded.
	 * @return the count
	 */
	public long violationCount() {
		long total = 0;
		for (Site site : this.sites.values()) {
			total += site.count.get();
		}
		return total;
	}

	/**
	 * One call site's aggregate and its warning schedule.
	 */
	private static final class Site {

		private final String callSite;

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong nextLog = new AtomicLong(Long.MIN_VALUE);

		private long maxHeldNanos;

		private @Nullable Violation last;

		Site(String callSite) {
			this.callSite = callSite;
		}

		boolean record(Violation violation, long now, long intervalNanos) {
			this.count.incrementAndGet();
			synchronized (this) {
				this.maxHeldNanos = Math.max(this.maxHeldNanos, violation.held().toNanos());
				this.last = violation;
			}
			long next = this.nextLog.get();
			return (next == Long.MIN_VALUE || now - next >= 0) && this.nextLog.compareAndSet(next, now + intervalNanos);
		}

		synchronized @Nullable CallSiteSummary summary() {
			Violation violation = this.last;
			return (violation != null) ? new CallSiteSummary(this.callSite, this.count.get(),
					Duration.ofNanos(this.maxHeldNanos), violation.time(), violation) : null;
		}

	}

}
