package io.github.poolpilot.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts violations in Micrometer as {@code poolpilot.guard.violations}, tagged with
 * {@code pool} and {@code kind} like {@code hikaricp.connections.*}. The meter registry
 * is looked up at the first violation, so a registry created after the guard is still
 * found.
 *
 * @author Pool Pilot contributors
 */
public class ViolationCounter implements ViolationListener {

	static final String METRIC = "poolpilot.guard.violations";

	private final Supplier<@Nullable MeterRegistry> registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Create a counter.
	 * @param registry supplies the meter registry, or {@code null} when there is none
	 */
	public ViolationCounter(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void violation(Violation violation) {
		String pool = violation.pool();
		String kind = violation.call().kind().tag();
		Counter counter = this.counters.get(pool + '\u0000' + kind);
		if (counter == null) {
			MeterRegistry meterRegistry = this.registry.get();
			if (meterRegistry == null) {
				return;
			}
			counter = this.counters.computeIfAbsent(pool + '\u0000' + kind, (key) -> Counter.builder(METRIC)
				.description("Remote calls and blocking waits made while a transaction held a pooled connection")
				.tag("pool", pool)
				.tag("kind", kind)
				.register(meterRegistry));
		}
		counter.increment();
	}

}
