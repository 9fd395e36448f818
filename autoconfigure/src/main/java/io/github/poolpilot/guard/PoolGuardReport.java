package io.github.poolpilot.guard;

import java.util.List;

/**
 * What the guard found for one pool, for the {@code pool} endpoint: how often its
 * connections were held across remote calls, the latest such calls, each call site's
 * aggregate, and the total time connections sat idle across those calls.
 *
 * @param mode the guard's mode
 * @param violations violations recorded for the pool
 * @param remoteWaitMillis total time the pool's connections were held across remote calls
 * that ended
 * @param recent the latest violations, oldest first
 * @param callSites one aggregate per call site, the most frequent first
 * @author Pool Pilot contributors
 */
public record PoolGuardReport(GuardMode mode, long violations, long remoteWaitMillis, List<Violation> recent,
		List<CallSiteSummary> callSites) {

}
