package io.github.poolpilot.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds Pool Pilot's meters for every managed pool, tagged {@code pool=<pool name>} like
 * HikariCP's own {@code hikaricp.connections.*}: the measured load and the recommended
 * size (the sizing controller's target when it runs, Little's law otherwise), the
 * hold-time and wait distributions as quantile gauges over the recent window, and how
 * many connections are held longer than a threshold. Gauges read the window when scraped;
 * the connection path is not touched. A gauge without data (an idle or unstarted pool)
 * reads {@code NaN}.
 *
 * @author Pool Pilot contributors
 */
public class PoolMeterBinder implements MeterBinder {

	private final PoolRegistry pools;

	private final LoadSampler sampler;

	private final @Nullable LeaseRegistry leases;

	private final Duration longHeldThreshold;

	/**
	 * Create a binder.
	 * @param pools the pools to bind meters for
	 * @param sampler the measured load
	 * @param leases the lease registry, or {@code null} to bind no lease meter
	 * @param longHeldThreshold the hold time above which a connection counts as long-held
	 */
	public PoolMeterBinder(PoolRegistry pools, LoadSampler sampler, @Nullable LeaseRegistry leases,
			Duration longHeldThreshold) {
		this.pools = pools;
		this.sampler = sampler;
		this.leases = leases;
		this.longHeldThreshold = longHeldThreshold;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ManagedPool pool : this.pools.pools()) {
			bindTo(registry, pool);
		}
	}

	private void bindTo(MeterRegistry registry, ManagedPool pool) {
		Tags tags = Tags.of("pool", pool.name());
		gauge(registry, pool, tags, "poolpilot.pool.recommended-size", MeasuredLoad::recommendedSize,
				"Recommended maximum pool size: the sizing controller's target, or Little's law with headroom over the recent window when sizing is off");
		gauge(registry, pool, tags, "poolpilot.pool.concurrency", MeasuredLoad::concurrency,
				"Connections the measured load keeps busy on average: acquire rate times mean hold time");
		gauge(registry, pool, tags, "poolpilot.pool.acquire-rate", MeasuredLoad::acquireRate,
				"Connections handed out per second over the recent window");
		String hold = "Time a connection was held by its borrower, at the given quantile over the recent window";
		timeGauge(registry, pool, tags.and("quantile", "0.5"), "poolpilot.connections.hold",
				MeasuredLoad::holdP50Millis, hold);
		timeGauge(registry, pool, tags.and("quantile", "0.95"), "poolpilot.connections.hold",
				MeasuredLoad::holdP95Millis, hold);
		timeGauge(registry, pool, tags.and("quantile", "0.99"), "poolpilot.connections.hold",
				MeasuredLoad::holdP99Millis, hold);
		String wait = "Time a caller waited for a connection, served or timed out, at the given quantile over the "
				+ "recent window";
		timeGauge(registry, pool, tags.and("quantile", "0.5"), "poolpilot.connections.wait",
				MeasuredLoad::waitP50Millis, wait);
		timeGauge(registry, pool, tags.and("quantile", "0.99"), "poolpilot.connections.wait",
				MeasuredLoad::waitP99Millis, wait);
		LeaseRegistry leases = this.leases;
		if (leases != null) {
			Gauge
				.builder("poolpilot.leases.long-held", pool,
						(p) -> leases.countHeldLongerThan(p, this.longHeldThreshold))
				.tags(tags)
				.description("Connections held longer than poolpilot.leases.long-held-threshold ("
						+ this.longHeldThreshold.toMillis() + " ms)")
				.register(registry);
		}
	}

	private void gauge(MeterRegistry registry, ManagedPool pool, Tags tags, String name,
			Function<MeasuredLoad, @Nullable Number> value, String description) {
		Gauge.builder(name, pool, (p) -> read(p, value)).tags(tags).description(description).register(registry);
	}

	private void timeGauge(MeterRegistry registry, ManagedPool pool, Tags tags, String name,
			Function<MeasuredLoad, @Nullable Number> millis, String description) {
		TimeGauge.builder(name, pool, TimeUnit.MILLISECONDS, (p) -> read(p, millis))
			.tags(tags)
			.description(description)
			.register(registry);
	}

	private double read(ManagedPool pool, Function<MeasuredLoad, @Nullable Number> value) {
		Number number = value.apply(this.sampler.measure(pool));
		return (number != null) ? number.doubleValue() : Double.NaN;
	}

}
