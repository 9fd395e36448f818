package io.github.poolpilot.sizing;

import java.util.Locale;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.sizing.SizingDecision.Direction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes, for each managed pool, the number of resizing decisions by direction
 * ({@code poolpilot.sizing.decisions}), tagged {@code pool} like HikariCP's own
 * {@code hikaricp.connections.*}. The size the policy wants is
 * {@code poolpilot.pool.recommended-size}, the one recommendation users see. Spring Boot
 * binds meter binders after every singleton exists, so the pools are registered by then.
 *
 * @author Pool Pilot contributors
 */
public class SizingMeterBinder implements MeterBinder {

	private final PoolRegistry registry;

	private final SizingController controller;

	/**
	 * Create a binder.
	 * @param registry the managed pools
	 * @param controller the controller whose state is published
	 */
	public SizingMeterBinder(PoolRegistry registry, SizingController controller) {
		this.registry = registry;
		this.controller = controller;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		for (ManagedPool pool : this.registry.pools()) {
			String name = pool.name();
			for (Direction direction : new Direction[] { Direction.GROW, Direction.SHRINK }) {
				FunctionCounter
					.builder("poolpilot.sizing.decisions", this.controller,
							(controller) -> controller.decisions(name, direction))
					.description("Sizing decisions that grew or shrank the pool, or recommended it")
					.tag("pool", name)
					.tag("direction", direction.name().toLowerCase(Locale.ROOT))
					.register(meterRegistry);
			}
		}
	}

}
