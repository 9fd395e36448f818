package io.github.poolpilot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolEventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LoadSampler}.
 */
class LoadSamplerTests {

	private final AtomicLong clock = new AtomicLong();

	private final LoadSampler sampler = new LoadSampler(Duration.ofMinutes(1), 0.5, this.clock::get);

	@Test
	void poolThatHasNotStartedHasNoMeasuredLoad() {
		assertThat(this.sampler.measure(pool("idle", null))).isNull();
	}

	@Test
	void eventsOfAPoolAreMeasuredAgainstItsBudget() {
		ManagedPool pool = pool("orders", 3);
		PoolEventListener listener = this.sampler.create(pool);
		for (int i = 0; i < 100; i++) {
			listener.acquired(1_000);
			listener.released(99);
		}
		this.clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
		MeasuredLoad load = this.sampler.measure(pool);
		assertThat(load.acquisitions()).isEqualTo(100);
		// 100/s held 99.5 ms: L = 9.95, with utilization 0.5 -> 20, capped by the budget of 3
		assertThat(load.concurrency()).isCloseTo(9.95, within(1e-9));
		assertThat(load.recommendedSize()).isEqualTo(3);
	}

	@Test
	void eachPoolHasItsOwnWindow() {
		ManagedPool first = pool("first", null);
		ManagedPool second = pool("second", null);
		this.sampler.create(first).released(5);
		this.sampler.create(second);
		this.clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
		assertThat(this.sampler.measure(first).releases()).isEqualTo(1);
		assertThat(this.sampler.measure(second).releases()).isZero();
	}

	@Test
	void windowIsTheConfiguredOne() {
		assertThat(this.sampler.window()).isEqualTo(Duration.ofMinutes(1));
	}

	private static ManagedPool pool(String name, Integer maxConnections) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(name);
		DatabaseFacts facts = new DatabaseFacts("PostgreSQL", maxConnections, 0, 0, null, null, null);
		return new ManagedPool(name, dataSource, facts, List.of());
	}

}
