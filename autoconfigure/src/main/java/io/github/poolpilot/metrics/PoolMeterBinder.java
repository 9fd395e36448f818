package io.github.poolpilot.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds Pool Pilot's gauges for every managed pool, tagged {@code pool=<pool name>} like
 * HikariCP's own {@code hikaricp.connections.*}: only what Spring Boot and HikariCP do
 * not publish already. Those are the recommended size (the sizing controller's target
 * when it runs, Little's law otherwise), the concurrency the load needs
 * ({@code L = λ × W}) and how many connections are held longer than a threshold. Hold and
 * wait times are Boot's {@code hikaricp.connections.usage} and
 * {@code hikaricp.connections.acquire} timers, whose histograms the application turns on
 * with a {@code MeterFilter}: a library does not compute percentiles, which cannot be
 * aggregated across instances.
 * <p>
 * Gauges read a pool's measurement when scraped, once per scrape: the measurement is kept
 * for {@link #FRESHNESS} so that the gauges of one scrape share it. The connection path
 * is not touched. A gauge without data (an idle or unstarted pool) reads {@code NaN}.
 *
 * @author Pool Pilot contributors
 */
public class PoolMeterBinder implements MeterBinder {

	/**
	 * How long one measurement of a pool serves its gauges: long enough for one scrape,
	 * short enough that the next scrape measures again.
	 */
	static final Duration FRESHNESS = Duration.ofMillis(50);

	private final PoolRegistry pools;

	private final LoadSampler sampler;

	private final @Nullable LeaseRegistry leases;

	private final Duration longHeldThreshold;

	private final LongSupplier nanoClock;

	/**
	 * Create a binder.
	 * @param pools the pools to bind meters for
	 * @param sampler the measured load
	 * @param leases the lease registry, or {@code null} to bind no lease meter
	 * @param longHeldThreshold the hold time above which a connection counts as long-held
	 */
	public PoolMeterBinder(PoolRegistry pools, LoadSampler sampler, @Nullable LeaseRegistry leases,
			Duration longHeldThreshold) {
		this(pools, sampler, leases, longHeldThreshold, System::nanoTime);
	}

	PoolMeterBinder(PoolRegistry pools, LoadSampler sampler, @Nullable LeaseRegistry leases, Duration longHeldThreshold,
			LongSupplier nanoClock) {
		this.pools = pools;
		this.sampler = sampler;
		this.leases = leases;
		this.longHeldThreshold = longHeldThreshold;
		this.nanoClock = nanoClock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ManagedPool pool : this.pools.pools()) {
			bindTo(registry, pool);
		}
	}

	private void bindTo(MeterRegistry registry, ManagedPool pool) {
		Tags tags = Tags.of("pool", pool.name());
		CachedLoad load = new CachedLoad(pool);
		gauge(registry, load, tags, "poolpilot.pool.recommended-size", (measured) -> value(measured.recommendedSize()),
				"Recommended maximum pool size: the sizing controller's target, or Little's law with headroom over the recent window when sizing is off");
		gauge(registry, load, tags, "poolpilot.pool.concurrency", (measured) -> value(measured.concurrency()),
				"Connections the measured load keeps busy on average: acquire rate times mean hold time");
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
		// the fleet's share of the connection budget (poolpilot.fleet.share) is bound
		// here
		// once the fleet feature publishes it
	}

	private static void gauge(MeterRegistry registry, CachedLoad load, Tags tags, String name,
			ToDoubleFunction<MeasuredLoad> value, String description) {
		// a gauge keeps its object weakly: nothing else holds the cache
		Gauge.builder(name, load, (cached) -> value.applyAsDouble(cached.get()))
			.strongReference(true)
			.tags(tags)
			.description(description)
			.register(registry);
	}

	private static double value(@Nullable Number number) {
		return (number != null) ? number.doubleValue() : Double.NaN;
	}

	/**
	 * One pool's latest measurement, measured again when older than {@link #FRESHNESS}.
	 * Two scrapes racing may both measure; either result is right.
	 */
	private final class CachedLoad {

		private final ManagedPool pool;

		private volatile @Nullable Measurement latest;

		CachedLoad(ManagedPool pool) {
			this.pool = pool;
		}

		MeasuredLoad get() {
			long now = PoolMeterBinder.this.nanoClock.getAsLong();
			Measurement latest = this.latest;
			if (latest == null || now - latest.at >= FRESHNESS.toNanos()) {
				latest = new Measurement(now, PoolMeterBinder.this.sampler.measure(this.pool));
				this.latest = latest;
			}
			return latest.load;
		}

	}

	private record Measurement(long at, MeasuredLoad load) {

	}

}
