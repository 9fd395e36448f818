package io.github.poolpilot.hikari;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The tuned defaults that {@link HikariTuner} applies where the user set nothing, and the
 * expected load that sizes a pool before it has served a request.
 *
 * @param applyDefaults whether to change properties the user did not set; when off, pools
 * are only checked
 * @param connectionTimeout how long a caller waits for a connection before failing
 * @param keepaliveTime how often idle connections are pinged
 * @param expectedArrivalRate transactions per second the pool is expected to serve, or
 * {@code null}
 * @param expectedHoldTime how long each transaction holds its connection, or {@code null}
 * @param targetUtilization share of the pool that the expected load may keep busy, in (0,
 * 1]
 * @param databaseCores CPU cores of the database server, or {@code null} when unknown
 * @param inspectDatabase whether to read the database's limits and timeouts once at
 * startup
 * @param inspectTimeout how long to wait for the inspection connection
 * @author Pool Pilot contributors
 */
public record TuningSettings(boolean applyDefaults, Duration connectionTimeout, Duration keepaliveTime,
		@Nullable Double expectedArrivalRate, @Nullable Duration expectedHoldTime, double targetUtilization,
		@Nullable Integer databaseCores, boolean inspectDatabase, Duration inspectTimeout) {

	/**
	 * Defaults: fail a waiting caller after 5 seconds, keep idle connections alive every
	 * 2 minutes, keep the pool at most 80% busy, and inspect the database.
	 */
	public static final TuningSettings DEFAULTS = new TuningSettings(true, Duration.ofSeconds(5), Duration.ofMinutes(2),
			null, null, 0.8, null, true, Duration.ofSeconds(5));

}
