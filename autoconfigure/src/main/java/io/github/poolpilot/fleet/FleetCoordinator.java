package io.github.poolpilot.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.hikari.JdbcUrls;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.sizing.ConnectionBudget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the heartbeats of every pool's {@link FleetMember} on one daemon thread, and is
 * the {@link ConnectionBudget} of the sizing controller: a pool in a fleet may hold its
 * share, any other pool the budget its database reported at startup. The reasons of the
 * sizing decisions a share caps call it the fleet share. On stop, each member gives up
 * its lease so that the others take its share at once.
 *
 * @author Pool Pilot contributors
 */
public class FleetCoordinator implements ConnectionBudget, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FleetCoordinator.class);

	private final FleetSettings settings;

	private final Map<ManagedPool, FleetMember> members = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a coordinator.
	 * @param settings heartbeat and lease
	 */
	public FleetCoordinator(FleetSettings settings) {
		this.settings = settings;
	}

	/**
	 * Add a pool's member and join its fleet now if the pool has not started.
	 * @param member the member
	 */
	public void join(FleetMember member) {
		this.members.put(member.pool(), member);
		member.joinBeforeStart();
	}

	@Override
	public @Nullable Integer limit(ManagedPool pool) {
		FleetMember member = this.members.get(pool);
		if (member != null) {
			renewEarly(member);
		}
		Integer limit = (member != null) ? member.limit() : null;
		return (limit != null) ? limit : pool.databaseFacts().connectionBudget();
	}

	@Override
	public String describe(ManagedPool pool, int limit) {
		FleetMember member = this.members.get(pool);
		String described = (member != null) ? member.describe(limit) : null;
		return (described != null) ? described : ConnectionBudget.super.describe(pool, limit);
	}

	/**
	 * Return the member of a pool.
	 * @param pool the pool name
	 * @return the member, or {@code null} when the pool is in no fleet
	 */
	public @Nullable FleetMember member(String pool) {
		for (FleetMember member : this.members.values()) {
			if (member.pool().name().equals(pool)) {
				return member;
			}
		}
		return null;
	}

	/**
	 * Describe a pool's place in its fleet, for the endpoint.
	 * @param pool the pool name
	 * @return the report, or {@code null} when the pool is in no fleet
	 */
	public @Nullable PoolFleetReport report(String pool) {
		FleetMember member = member(pool);
		if (member == null) {
			return null;
		}
		FleetView view = member.view();
		Duration sinceRenewal = member.sinceRenewal();
		List<PoolFleetReport.Replica> replicas = new ArrayList<>();
		int others = 0;
		if (view != null) {
			for (FleetReplica replica : view.replicas()) {
				if (!replica.fleet().equals(member.fleet())) {
					others++;
					continue;
				}
				boolean self = replica.replica().equals(member.replica());
				// this replica's own row is the one it just wrote
				Duration leaseAge = (self && sinceRenewal != null) ? sinceRenewal : replica.leaseAge();
				replicas.add(new PoolFleetReport.Replica(replica.replica(), self, replica.demand(), replica.share(),
						replica.connections(), leaseAge.toMillis()));
			}
		}
		String problem = member.problem();
		if (problem != null) {
			problem = JdbcUrls.mask(problem, member.pool().dataSource().getPassword());
		}
		return new PoolFleetReport(member.fleet(), member.replica(), member.status(), problem, this.settings.enforce(),
				(view != null) ? view.budget() : null, (view != null) ? view.outside() : null,
				(view != null) ? view.fairShare() : null, (view != null) ? view.share() : null, member.limit(),
				(sinceRenewal != null) ? sinceRenewal.toMillis() : null, replicas, others);
	}

	/**
	 * Return every member.
	 * @return the members
	 */
	public List<FleetMember> members() {
		return new ArrayList<>(this.members.values());
	}

	/*
	 * Called by the sizing controller as it samples the pool: a load that asks for more
	 * than the share renews the lease now, on the heartbeat thread, at most once a
	 * quarter of the heartbeat interval, so that a surge waits a round trip for free
	 * budget rather than the rest of an interval.
	 */
	private void renewEarly(FleetMember member) {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null || !member.asksForMore(System.nanoTime(), this.settings.heartbeatInterval().toNanos() / 4)
				|| !member.startEarlyRenewal()) {
			return;
		}
		try {
			scheduler.execute(() -> {
				try {
					member.heartbeat();
				}
				catch (RuntimeException ex) {
					logger.warn(member.pool().name() + " - fleet heartbeat failed: " + ex, ex);
				}
				finally {
					member.endEarlyRenewal();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			member.endEarlyRenewal();
		}
	}

	/**
	 * Run one heartbeat of every member.
	 */
	public void heartbeat() {
		for (FleetMember member : this.members.values()) {
			try {
				member.heartbeat();
			}
			catch (RuntimeException ex) {
				logger.warn(member.pool().name() + " - fleet heartbeat failed: " + ex, ex);
			}
		}
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "poolpilot-fleet");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.heartbeatInterval().toNanos();
		scheduler.scheduleWithFixedDelay(this::heartbeat, 0, interval, TimeUnit.NANOSECONDS);
		this.scheduler = scheduler;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			return;
		}
		this.scheduler = null;
		scheduler.shutdownNow();
		try {
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (FleetMember member : this.members.values()) {
			member.leave();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
