package io.github.poolpilot.hikari;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The pools Pool Pilot manages in one application context, by pool name.
 *
 * @author Pool Pilot contributors
 */
public class PoolRegistry {

	private final Map<String, ManagedPool> pools = new ConcurrentHashMap<>();

	/**
	 * Add a pool, replacing any earlier one of the same name.
	 * @param pool the pool
	 */
	public void register(ManagedPool pool) {
		this.pools.put(pool.name(), pool);
	}

	/**
	 * Return a pool by name.
	 * @param name the pool name
	 * @return the pool, or {@code null}
	 */
	public @Nullable ManagedPool get(String name) {
		return this.pools.get(name);
	}

	/**
	 * Return every managed pool, sorted by name.
	 * @return the pools
	 */
	public List<ManagedPool> pools() {
		Collection<ManagedPool> all = this.pools.values();
		return all.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
	}

}
