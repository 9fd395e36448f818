package io.github.poolpilot.actuate;

import io.github.poolpilot.hikari.ManagedPool;
import org.jspecify.annotations.Nullable;

/**
 * Fills the {@code sizing} section of a pool in the {@code pool} endpoint with the
 * adaptive sizing controller's state: its target size, the sample it last decided on, and
 * its recent decisions. The sizing feature registers one bean of this type; without it
 * the section reads {@code {"enabled": false}}.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface SizingSection {

	/**
	 * Describe the controller's view of a pool.
	 * @param pool the pool
	 * @return an immutable record or map that serializes to JSON, or {@code null} when
	 * the pool is not controlled (the section then reads {@code {"enabled": false}})
	 */
	@Nullable Object describe(ManagedPool pool);

}
