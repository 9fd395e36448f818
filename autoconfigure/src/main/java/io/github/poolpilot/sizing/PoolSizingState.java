package io.github.poolpilot.sizing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the sizing controller knows about one pool at one moment: its size, the size the
 * policy wants, the last sample and decision, and the recent changes, oldest first.
 * Immutable, for the endpoint.
 *
 * @param pool the pool name
 * @param mode whether the controller resizes the pool or only recommends
 * @param maximumPoolSize the pool's {@code maximumPoolSize}
 * @param minimumIdle the pool's {@code minimumIdle}
 * @param targetMaximumPoolSize the {@code maximumPoolSize} the policy wants
 * @param targetMinimumIdle the {@code minimumIdle} the policy wants
 * @param saturationCeiling the size above which growth saturated the database, while
 * remembered
 * @param lastSample the last interval's measurements, or {@code null} before the first
 * one
 * @param lastDecision the last decision, or {@code null} before the first one
 * @param recentChanges the latest changes, oldest first
 * @author Pool Pilot contributors
 */
public record PoolSizingState(String pool, SizingMode mode, int maximumPoolSize, int minimumIdle,
		int targetMaximumPoolSize, int targetMinimumIdle, @Nullable Integer saturationCeiling,
		@Nullable PoolSample lastSample, @Nullable SizingDecision lastDecision, List<SizingEvent> recentChanges) {

}
