package io.github.poolpilot.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.sizing.ConnectionBudget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the heartbeats of every pool's {@link FleetMember} on one daemon thread, and is
 * the {@link ConnectionBudget} of the sizing controller: a pool in a fleet may hold its
 * share, any other pool the budget its database reported at startup. On stop, each member
 * gives up its lease so that the others take its share at once.
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
		Integer limit = (member != null) ? member.limit() : null;
		return (limit != null) ? limit : pool.databaseFacts().connectionBudget();
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
	 * Return every member.
	 * @return the members
	 */
	public List<FleetMember> members() {
		return new ArrayList<>(this.members.values());
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
