package io.github.poolpilot.fleet;

import java.util.List;

/**
 * What one replica learned from the database in its last heartbeat: the budget its fleets
 * share, the connections held by clients outside them, the fair share it was due and the
 * share it holds, and every live replica. Immutable, for the endpoint and the meters.
 *
 * @param budget the connections every fleet on the database may hold together
 * @param outside the connections held by clients that take no part
 * @param fairShare the share this replica is due
 * @param share the share it holds: its fair share, or less while that is not free yet
 * @param replicas every live replica, by fleet and replica id
 * @author Pool Pilot contributors
 */
public record FleetView(int budget, int outside, int fairShare, int share, List<FleetReplica> replicas) {

}
