package io.github.poolpilot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.load.PoolLoad;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PoolMeterBinder}.
 */
class PoolMeterBinderTests {

	private final LoadSampler sampler = new LoadSampler(0.8, null);

	private final PoolRegistry pools = new PoolRegistry();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void everyMeterIsTaggedWithThePoolAndDescribed() {
		this.pools.register(pool("orders"));
		this.pools.register(pool("billing"));
		new PoolMeterBinder(this.pools, this.sampler, new LeaseRegistry(Duration.ofMinutes(1), 50),
				Duration.ofSeconds(5))
			.bindTo(this.registry);
		List<Meter> meters = this.registry.getMeters();
		assertThat(meters).extracting((meter) -> meter.getId().getName())
			.containsOnly("poolpilot.pool.recommended-size", "poolpilot.pool.concurrency",
					"poolpilot.leases.long-held");
		assertThat(meters).hasSize(2 * 3);
		assertThat(meters).allSatisfy((meter) -> {
			assertThat(meter.getId().getTag("pool")).isIn("orders", "billing");
			assertThat(meter.getId().getTag("quantile")).isNull();
			assertThat(meter.getId().getDescription()).isNotBlank();
		});
	}

	@Test
	void aScrapeMeasuresEachPoolOnce() {
		AtomicLong clock = new AtomicLong();
		AtomicInteger measurements = new AtomicInteger();
		LoadSampler counting = new LoadSampler(0.8, null) {

			@Override
			public MeasuredLoad measure(ManagedPool pool) {
				measurements.incrementAndGet();
				return super.measure(pool);
			}

		};
		this.pools.register(pool("orders"));
		new PoolMeterBinder(this.pools, counting, null, Duration.ofSeconds(5), clock::get).bindTo(this.registry);
		gauge("poolpilot.pool.recommended-size");
		gauge("poolpilot.pool.concurrency");
		assertThat(measurements).hasValue(1);
		clock.addAndGet(PoolMeterBinder.FRESHNESS.toNanos());
		gauge("poolpilot.pool.recommended-size");
		gauge("poolpilot.pool.concurrency");
		assertThat(measurements).hasValue(2);
	}

	@Test
	void gaugesReadTheMeasuredLoad() {
		AtomicLong clock = new AtomicLong();
		ManagedPool pool = pool("orders", new PoolLoad(Duration.ofMinutes(1), clock::get));
		this.pools.register(pool);
		new PoolMeterBinder(this.pools, this.sampler, null, Duration.ofSeconds(5)).bindTo(this.registry);
		for (int i = 0; i < 400; i++) {
			pool.load().borrowed(TimeUnit.MILLISECONDS.toNanos(3));
			pool.load().returned(9_500_000);
		}
		clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
		// 200/s held 9.5 ms: L = 1.9, / 0.8 -> 3
		assertThat(gauge("poolpilot.pool.concurrency")).isCloseTo(1.9, within(1e-9));
		assertThat(gauge("poolpilot.pool.recommended-size")).isEqualTo(3.0);
		assertThat(this.registry.find("poolpilot.leases.long-held").gauge()).isNull();
	}

	@Test
	void gaugesOfAPoolWithoutLoadAreNaN() {
		this.pools.register(pool("orders"));
		new PoolMeterBinder(this.pools, this.sampler, null, Duration.ofSeconds(5)).bindTo(this.registry);
		assertThat(gauge("poolpilot.pool.recommended-size")).isNaN();
		assertThat(gauge("poolpilot.pool.concurrency")).isNaN();
	}

	private double gauge(String name) {
		return this.registry.get(name).tag("pool", "orders").gauge().value();
	}

	private static ManagedPool pool(String name) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(name);
		return new ManagedPool(name, dataSource, DatabaseFacts.UNKNOWN, List.of());
	}

	private static ManagedPool pool(String name, PoolLoad load) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(name);
		return new ManagedPool(name, dataSource, DatabaseFacts.UNKNOWN, List.of(), load);
	}

}
