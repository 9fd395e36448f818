package io.github.poolpilot.actuate;

import io.github.poolpilot.hikari.ManagedPool;
import org.jspecify.annotations.Nullable;

/**
 * Fills the {@code guard} section of a pool in the {@code pool} endpoint with the
 * transaction-scope guard's findings: its mode, recent violations and per-call-site
 * aggregates of remote calls made while holding one of the pool's connections. The guard
 * feature registers one bean of this type; without it the section reads
 * {@code {"enabled": false}}.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface GuardSection {

	/**
	 * Describe the guard's findings for a pool.
	 * @param pool the pool
	 * @return an immutable record or map that serializes to JSON, or {@code null} when
	 * the guard does not watch the pool (the section then reads {@code {"enabled":
	 * false}})
	 */
	@Nullable Object describe(ManagedPool pool);

}
