package io.github.poolpilot.fleet;

import java.util.function.ToDoubleFunction;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes what each pool's fleet member learned in its last heartbeat as
 * {@code poolpilot.fleet.*} gauges, tagged with the pool and the fleet: the share it
 * holds, its fair share, the budget, the live replicas and the connections of outside
 * clients. A gauge reads {@code NaN} before the first heartbeat.
 *
 * @author Pool Pilot contributors
 */
public class FleetMeterBinder implements MeterBinder {

	private final PoolRegistry registry;

	private final FleetCoordinator coordinator;

	/**
	 * Create a binder.
	 * @param registry the managed pools
	 * @param coordinator the fleet members
	 */
	public FleetMeterBinder(PoolRegistry registry, FleetCoordinator coordinator) {
		this.registry = registry;
		this.coordinator = coordinator;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		for (ManagedPool pool : this.registry.pools()) {
			FleetMember member = this.coordinator.member(pool.name());
			if (member == null) {
				continue;
			}
			gauge(meterRegistry, member, "poolpilot.fleet.share", "Connections this replica may hold",
					FleetView::share);
			gauge(meterRegistry, member, "poolpilot.fleet.fair-share", "Connections this replica is due",
					FleetView::fairShare);
			gauge(meterRegistry, member, "poolpilot.fleet.budget", "Connections every fleet on the database may hold",
					FleetView::budget);
			gauge(meterRegistry, member, "poolpilot.fleet.outside", "Connections held by clients outside every fleet",
					FleetView::outside);
			gauge(meterRegistry, member, "poolpilot.fleet.replicas", "Live replicas on the database",
					(view) -> view.replicas().size());
		}
	}

	private static void gauge(MeterRegistry meterRegistry, FleetMember member, String name, String description,
			ToDoubleFunction<FleetView> value) {
		Gauge.builder(name, member, (observed) -> {
			FleetView view = observed.view();
			return (view != null) ? value.applyAsDouble(view) : Double.NaN;
		})
			.description(description)
			.tag("pool", member.pool().name())
			.tag("fleet", member.fleet())
			.register(meterRegistry);
	}

}
