package io.github.poolpilot.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Response of {@code GET /actuator/pool}: a summary of every managed pool, sorted by name.
 *
 * @param pools the pool summaries
 */
public record PoolsDescriptor(List<Summary> pools) {

	/**
	 * Creates a descriptor.
	 * @param pools the pool summaries
	 */
	public PoolsDescriptor {
		pools = List.copyOf(pools);
	}

	/**
	 * One pool in brief: where it connects, how full it is, and what size its load calls for.
	 *
	 * @param name the pool name
	 * @param bean the data source bean name
	 * @param jdbcUrl the JDBC URL with credentials masked
	 * @param state the live state
	 * @param recommendedSize the maximum size the measured load calls for, or {@code null} without load
	 * @param advice how many startup findings the pool has
	 */
	public record Summary(String name, String bean, String jdbcUrl, PoolDescriptor.State state,
			@Nullable Integer recommendedSize, int advice) {

	}

}
