package io.github.poolpilot.sizing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the sizing controller samples and how its policy decides.
 *
 * @param mode whether decisions are applied or only reported
 * @param minSize the smallest {@code maximumPoolSize} the policy sets
 * @param maxSize the largest {@code maximumPoolSize} the policy sets, or {@code null} for
 * the database's connection budget (or, when that is unknown, the size the pool started
 * with)
 * @param interval how often each pool is sampled
 * @param cooldown not used by the policy any more, kept for
 * {@code poolpilot.sizing.cooldown}, which is deprecated: growth steps are judged at the
 * time scale of the measured hold and connection-open times, and steps down while the
 * load is low are a tenth of {@code shrinkDelay} apart
 * @param shrinkDelay how long the need must stay lower before the pool shrinks; the
 * policy shrinks to the highest need seen in that window
 * @param holdTimePercentile the hold-time percentile that Little's law is applied to, in
 * (0, 1)
 * @param headroom connections added above the demand {@code a}, as a multiple of
 * {@code sqrt(a)} (square-root staffing)
 * @param saturationTolerance how much the mean hold time may rise after a growth step, as
 * a ratio, before the policy calls the database saturated
 * @param saturationMemory how long a size found to saturate the database caps growth
 * @author Pool Pilot contributors
 */
public record SizingSettings(SizingMode mode, int minSize, @Nullable Integer maxSize, Duration interval,
		Duration cooldown, Duration shrinkDelay, double holdTimePercentile, double headroom, double saturationTolerance,
		Duration saturationMemory) {

	/**
	 * Defaults: recommend only; sample every second; at least 2 connections; shrink after
	 * 30 s of lower need, in steps 3 s apart; p90 hold time, one {@code sqrt(a)} of
	 * headroom; a 20% rise in hold time on growth is saturation, remembered for 5
	 * minutes.
	 */
	public static final SizingSettings DEFAULTS = new SizingSettings(SizingMode.RECOMMEND, 2, null,
			Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(30), 0.9, 1.0, 0.2, Duration.ofMinutes(5));

}
