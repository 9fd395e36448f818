package io.github.poolpilot.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Response of {@code GET /actuator/pool}: a summary of every managed pool, sorted by
 * name.
 *
 * @param pools the pool summaries
 * @author Pool Pilot contributors
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
	 * One pool in brief: where it connects, how full it is, and what size is recommended
	 * for it.
	 *
	 * @param name the pool name
	 * @param bean the data source bean name
	 * @param jdbcUrl the JDBC URL with credentials masked
	 * @param state the live state
	 * @param recommendedSize the recommended maximum pool size, or {@code null} before
	 * there is load to size by
	 * @param recommendedBy who recommends it: the sizing controller
	 * ({@code sizing-controller}) or, when sizing is off, Little's law over the recent
	 * window ({@code littles-law}); {@code null} when load is not measured
	 * @param advice how many startup findings the pool has
	 */
	public record Summary(String name, String bean, String jdbcUrl, PoolDescriptor.State state,
			@Nullable Integer recommendedSize, @Nullable String recommendedBy, int advice) {

	}

}
