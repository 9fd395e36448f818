package io.github.poolpilot.benchmarks.scenario;

/**
 * The pool as seen at one instant of a run, every {@link PoolSampler#PERIOD_MS} ms.
 *
 * @param millis time since the run started
 * @param total open connections ({@code HikariPoolMXBean.getTotalConnections()})
 * @param active connections in use
 * @param idle idle connections
 * @param pending threads waiting for a connection
 * @param maximumPoolSize the pool's {@code maximumPoolSize} at that instant
 * @param arrived requests handed to the executor so far
 * @param finished requests ended so far
 * @param served requests ended so far having run their work
 * @author Pool Pilot contributors
 */
record Sample(long millis, int total, int active, int idle, int pending, int maximumPoolSize, long arrived,
		long finished, long served) {

}
