package io.github.poolpilot.actuate;

/**
 * Response of {@code POST /actuator/pool/{pool}}: the sizes before and after the change,
 * and whether idle connections were soft-evicted.
 *
 * @param pool the pool name
 * @param previousMaximumPoolSize the maximum pool size before the change
 * @param maximumPoolSize the maximum pool size now
 * @param previousMinimumIdle the minimum number of idle connections before the change
 * @param minimumIdle the minimum number of idle connections now
 * @param softEvicted whether idle connections were retired (HikariCP closes them now, and
 * in-use ones when they are returned)
 * @author Pool Pilot contributors
 */
public record PoolChange(String pool, int previousMaximumPoolSize, int maximumPoolSize, int previousMinimumIdle,
		int minimumIdle, boolean softEvicted) {

}
