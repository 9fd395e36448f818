package io.github.poolpilot.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.sizing.RemoteWaitSource;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoadSampler}.
 */
class LoadSamplerTests {

	@Test
	void loadOfAPoolIsMeasuredAgainstItsBudget() {
		ManagedPool pool = pool("orders", 3);
		for (int i = 0; i < 100; i++) {
			pool.load().borrowed(1_000);
			pool.load().returned(Duration.ofSeconds(10).toNanos());
		}
		MeasuredLoad load = new LoadSampler(0.5, null).measure(pool);
		assertThat(load.acquisitions()).isEqualTo(100);
		// 100 connections held 10 s each within a window shorter than that: far above the
		// budget of 3
		assertThat(load.concurrency()).isGreaterThan(6);
		assertThat(load.recommendedSize()).isEqualTo(3);
		assertThat(load.recommendedBy()).isEqualTo(MeasuredLoad.LITTLES_LAW);
	}

	@Test
	void eachPoolHasItsOwnLoad() {
		ManagedPool first = pool("first", null);
		ManagedPool second = pool("second", null);
		first.load().returned(5_000_000);
		LoadSampler sampler = new LoadSampler(0.8, null);
		assertThat(sampler.measure(first).releases()).isEqualTo(1);
		assertThat(sampler.measure(second).releases()).isZero();
	}

	@Test
	void whenSizingRunsItsTargetIsTheRecommendedSize() {
		ManagedPool pool = pool("orders", 30);
		pool.dataSource().setMaximumPoolSize(12);
		PoolRegistry registry = new PoolRegistry();
		registry.register(pool);
		SizingController controller = new SizingController(registry, RemoteWaitSource.NONE, SizingSettings.DEFAULTS,
				Clock.systemUTC());
		MeasuredLoad load = new LoadSampler(0.8, controller).measure(pool);
		assertThat(load.recommendedSize()).isEqualTo(12).isEqualTo((int) controller.target("orders"));
		assertThat(load.recommendedBy()).isEqualTo(MeasuredLoad.SIZING_CONTROLLER);
	}

	private static ManagedPool pool(String name, Integer maxConnections) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(name);
		DatabaseFacts facts = new DatabaseFacts("PostgreSQL", maxConnections, 0, 0, null, null, null);
		return new ManagedPool(name, dataSource, facts, List.of());
	}

}
