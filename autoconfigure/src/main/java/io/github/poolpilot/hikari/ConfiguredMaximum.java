package io.github.poolpilot.hikari;

/**
 * The {@code maximumPoolSize} an application set on a pool itself, and the name it set it
 * under: in {@code auto} mode the sizing controller never grows the pool above it.
 *
 * @param size the maximum the application set
 * @param property the name it is set under, such as
 * {@code spring.datasource.hikari.maximum-pool-size}
 * @author Pool Pilot contributors
 */
public record ConfiguredMaximum(int size, String property) {

}
