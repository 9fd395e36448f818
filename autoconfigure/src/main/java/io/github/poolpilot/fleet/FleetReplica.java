package io.github.poolpilot.fleet;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One live replica of a fleet as the database holds it: what it asked for, the share it
 * holds, and how long ago it renewed its lease. Immutable, for the endpoint.
 *
 * @param fleet the fleet's name
 * @param replica the replica's id
 * @param applicationName the {@code application_name} of its connections
 * @param demand the connections its load needs
 * @param share the connections it may hold
 * @param connections the connections it holds
 * @param ceiling the most connections its fleet may hold, or {@code null}
 * @param leaseAge the time since it last renewed its lease
 * @author Pool Pilot contributors
 */
public record FleetReplica(String fleet, String replica, String applicationName, int demand, int share, int connections,
		@Nullable Integer ceiling, Duration leaseAge) {

}
