package io.github.poolpilot.guard;

import java.time.Duration;
import java.time.Instant;

/**
 * What the guard knows about one call site: how often it held a connection across a
 * remote call, for how long at most, when it did so last, and the last violation itself.
 *
 * @param callSite the call site ({@code BuildService.build(BuildService.java:42)}, or
 * {@code (unknown call site)})
 * @param count how many violations it caused
 * @param maxHeld the longest time a connection had been held when one of its calls was
 * seen
 * @param lastSeen when it was seen last
 * @param last its last violation
 * @author Pool Pilot contributors
 */
public record CallSiteSummary(String callSite, long count, Duration maxHeld, Instant lastSeen, Violation last) {

}
