package io.github.poolpilot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolEventListener;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PoolMeterBinder}.
 */
class PoolMeterBinderTests {

	private final AtomicLong clock = new AtomicLong();

	private final LoadSampler sampler = new LoadSampler(Duration.ofMinutes(1), 0.8, this.clock::get);

	private final PoolRegistry pools = new PoolRegistry();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void everyMeterIsTaggedWithThePoolAndDescribed() {
		this.pools.register(pool("orders"));
		this.pools.register(pool("billing"));
		new PoolMeterBinder(this.pools, this.sampler, new LeaseRegistry(Duration.ofMinutes(1), 50), Duration.ofSeconds(5))
			.bindTo(this.registry);
		List<Meter> meters = this.registry.getMeters();
		assertThat(meters).extracting((meter) -> meter.getId().getName())
			.containsOnly("poolpilot.pool.recommended-size", "poolpilot.pool.concurrency", "poolpilot.pool.acquire-rate",
					"poolpilot.connections.hold", "poolpilot.connections.wait", "poolpilot.leases.long-held");
		assertThat(meters).hasSize(2 * 9);
		assertThat(meters).allSatisfy((meter) -> {
			assertThat(meter.getId().getTag("pool")).isIn("orders", "billing");
			assertThat(meter.getId().getDescription()).isNotBlank();
		});
		assertThat(this.registry.find("poolpilot.connections.hold").tag("pool", "orders").gauges())
			.extracting((gauge) -> gauge.getId().getTag("quantile"))
			.containsExactlyInAnyOrder("0.5", "0.95", "0.99");
	}

	@Test
	void gaugesReadTheMeasuredLoad() {
		ManagedPool pool = pool("orders");
		this.pools.register(pool);
		PoolEventListener listener = this.sampler.create(pool);
		new PoolMeterBinder(this.pools, this.sampler, null, Duration.ofSeconds(5)).bindTo(this.registry);
		for (int i = 0; i < 400; i++) {
			listener.acquired(TimeUnit.MILLISECONDS.toNanos(3));
			listener.released(9);
		}
		this.clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
		// 200/s held 9.5 ms: L = 1.9, / 0.8 -> 3
		assertThat(gauge("poolpilot.pool.acquire-rate")).isEqualTo(200.0);
		assertThat(gauge("poolpilot.pool.concurrency")).isCloseTo(1.9, within(1e-9));
		assertThat(gauge("poolpilot.pool.recommended-size")).isEqualTo(3.0);
		double p99Seconds = this.registry.get("poolpilot.connections.hold").tag("quantile", "0.99").timeGauge()
			.value(TimeUnit.SECONDS);
		assertThat(p99Seconds).isEqualTo(0.0095);
		assertThat(this.registry.find("poolpilot.leases.long-held").gauge()).isNull();
	}

	@Test
	void gaugesOfAPoolWithoutLoadAreNaN() {
		this.pools.register(pool("orders"));
		new PoolMeterBinder(this.pools, this.sampler, null, Duration.ofSeconds(5)).bindTo(this.registry);
		assertThat(gauge("poolpilot.pool.recommended-size")).isNaN();
		assertThat(this.registry.get("poolpilot.connections.hold").tag("quantile", "0.5").timeGauge()
			.value(TimeUnit.MILLISECONDS)).isNaN();
	}

	private double gauge(String name) {
		return this.registry.get(name).tag("pool", "orders").gauge().value();
	}

	private static ManagedPool pool(String name) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(name);
		return new ManagedPool(name, dataSource, DatabaseFacts.UNKNOWN, List.of());
	}

}
