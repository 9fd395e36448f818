package io.github.poolpilot.fleet;

import java.util.List;

import io.github.poolpilot.fleet.FleetMember.Status;
import org.jspecify.annotations.Nullable;

/**
 * What one pool's fleet member knows, for the {@code pool} endpoint: its fleet and
 * replica, how it shares the budget, the budget and its share from the last heartbeat,
 * and the live replicas of its fleet with their demand, share and lease age. Figures read
 * {@code null} before the first heartbeat. Nothing in it names a password or a URL.
 *
 * @param fleet the fleet's name
 * @param replica this replica's id
 * @param status how the budget is shared: {@code COORDINATED} through the lease table,
 * {@code FALLBACK} as an even part of the budget for every replica seen connected (no
 * table), or {@code JOINING} before the database answered
 * @param problem why the budget cannot be shared through the table, and what to grant or
 * run, or {@code null}
 * @param enforced whether the share resizes the pool ({@code auto} mode); otherwise it is
 * only published
 * @param budget the connections every fleet on the database may hold together
 * @param outside the connections held by clients that take no part
 * @param fairShare the share this replica is due
 * @param share the share it holds: its fair share, or less while that is not free yet
 * @param limit the most connections its pool may hold: the share less the heartbeat's
 * connection, or 1 once the lease ran out unrenewed
 * @param sinceRenewalMillis the time since this replica last renewed its lease
 * @param replicas the live replicas of this fleet, by replica id
 * @param otherFleetReplicas the live replicas of other fleets that share the budget
 * @author Pool Pilot contributors
 */
public record PoolFleetReport(String fleet, String replica, Status status, @Nullable String problem, boolean enforced,
		@Nullable Integer budget, @Nullable Integer outside, @Nullable Integer fairShare, @Nullable Integer share,
		@Nullable Integer limit, @Nullable Long sinceRenewalMillis, List<Replica> replicas, int otherFleetReplicas) {

	/**
	 * Creates a report.
	 */
	public PoolFleetReport {
		replicas = List.copyOf(replicas);
	}

	/**
	 * One live replica of the fleet, as the database holds it.
	 *
	 * @param replica the replica's id
	 * @param self whether it is this replica
	 * @param demand the connections its load asks for, the heartbeat's included
	 * @param share the connections it may hold, the heartbeat's included
	 * @param connections the connections it holds, as counted by the database
	 * @param leaseAgeMillis the time since it last renewed its lease
	 */
	public record Replica(String replica, boolean self, int demand, int share, int connections, long leaseAgeMillis) {

	}

}
