package io.github.poolpilot.fleet;

import java.time.Duration;

/**
 * How the replicas of a fleet coordinate.
 *
 * @param heartbeatInterval how often each replica renews its lease and learns its share
 * @param leaseTimeout how long a replica's share outlives its last renewal
 * @param enforce whether a replica's share resizes its pool; otherwise it is only
 * published and reported
 * @param minSize the smallest size the sizing controller gives a pool, which yields to a
 * smaller share (with a warning)
 * @author Pool Pilot contributors
 */
public record FleetSettings(Duration heartbeatInterval, Duration leaseTimeout, boolean enforce, int minSize) {

}
