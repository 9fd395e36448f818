package io.github.poolpilot.sizing;

import java.time.Instant;

import io.github.poolpilot.sizing.SizingDecision.Direction;

/**
 * One change of a pool's size that the sizing controller decided, as the endpoint lists
 * it.
 *
 * @param time when it was decided
 * @param fromMaximumPoolSize {@code maximumPoolSize} before
 * @param toMaximumPoolSize {@code maximumPoolSize} after
 * @param fromMinimumIdle {@code minimumIdle} before
 * @param toMinimumIdle {@code minimumIdle} after
 * @param direction which way it moved the pool
 * @param applied whether the pool was resized ({@code false} when the controller only
 * recommends)
 * @param reason why, for a person to read
 * @author Pool Pilot contributors
 */
public record SizingEvent(Instant time, int fromMaximumPoolSize, int toMaximumPoolSize, int fromMinimumIdle,
		int toMinimumIdle, Direction direction, boolean applied, String reason) {

}
