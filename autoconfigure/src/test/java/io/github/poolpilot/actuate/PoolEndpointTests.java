package io.github.poolpilot.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolAdvice;
import io.github.poolpilot.hikari.PoolAdvice.Check;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.metrics.LoadSampler;
import io.github.poolpilot.metrics.MeasuredLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolEndpoint}, on pools that have not started.
 */
class PoolEndpointTests {

	private static final String SECRET = "s3cr3t-Pa55";

	private final PoolRegistry pools = new PoolRegistry();

	private final LoadSampler sampler = new LoadSampler(0.8, null);

	private final LeaseRegistry leases = new LeaseRegistry(Duration.ofMinutes(1), 50);

	@Test
	void poolsAreSummarizedInNameOrder() {
		this.pools.register(pool("orders", "jdbc:postgresql://db/orders"));
		this.pools.register(pool("billing", "jdbc:postgresql://db/billing"));
		PoolsDescriptor descriptor = endpoint(null, null).pools();
		assertThat(descriptor.pools()).extracting(PoolsDescriptor.Summary::name).containsExactly("billing", "orders");
		PoolsDescriptor.Summary orders = descriptor.pools().get(1);
		assertThat(orders.bean()).isEqualTo("ordersDataSource");
		assertThat(orders.jdbcUrl()).isEqualTo("jdbc:postgresql://db/orders");
		assertThat(orders.state()).isEqualTo(new PoolDescriptor.State(false, 0, 0, 0, 0, 10, 4));
		assertThat(orders.recommendedSize()).isNull();
		assertThat(orders.recommendedBy()).isEqualTo(MeasuredLoad.LITTLES_LAW);
		assertThat(orders.advice()).isEqualTo(1);
	}

	@Test
	void unknownPoolIsNotFound() {
		assertThat(endpoint(null, null).pool("missing")).isNull();
		assertThat(endpoint(null, null).update("missing", 5, null, null)).isNull();
	}

	@Test
	void poolIsDescribedInFull() {
		this.pools.register(pool("orders", "jdbc:postgresql://db/orders"));
		PoolDescriptor descriptor = endpoint(null, null).pool("orders");
		assertThat(descriptor.name()).isEqualTo("orders");
		assertThat(descriptor.configuration().maximumPoolSize()).isEqualTo(10);
		assertThat(descriptor.configuration().minimumIdle()).isEqualTo(4);
		assertThat(descriptor.configuration().connectionTimeoutMillis()).isEqualTo(5000);
		assertThat(descriptor.configuration().username()).isEqualTo("app");
		assertThat(descriptor.database()).isEqualTo(new PoolDescriptor.Database("PostgreSQL", 100, 3, 7, 90, null));
		assertThat(descriptor.state().started()).isFalse();
		assertThat(descriptor.load().acquisitions()).isZero();
		assertThat(descriptor.load().recommendedSize()).isNull();
		assertThat(descriptor.holders()).isEmpty();
		assertThat(descriptor.advice()).extracting(PoolAdvice::check).containsExactly(Check.KEEPALIVE_OFF);
		assertThat(descriptor.sizing()).isEqualTo(Map.of("enabled", false));
		assertThat(descriptor.guard()).isEqualTo(Map.of("enabled", false));
	}

	@Test
	void loadIsTheOneThePoolMeasures() {
		ManagedPool pool = pool("orders", "jdbc:postgresql://db/orders");
		this.pools.register(pool);
		pool.load().borrowed(1_000);
		pool.load().returned(3_000_000);
		assertThat(endpoint(null, null).pool("orders").load().releases()).isEqualTo(1);
		// one return within a window of a few milliseconds: a busy pool, but never above
		// the budget of 90
		assertThat(endpoint(null, null).pools().pools().get(0).recommendedSize()).isBetween(1, 90);
	}

	@Test
	void loadIsNotShownWithoutASampler() {
		this.pools.register(pool("orders", "jdbc:postgresql://db/orders"));
		PoolEndpoint endpoint = new PoolEndpoint(this.pools, null, this.leases, null, null);
		assertThat(endpoint.pool("orders").load()).isNull();
		assertThat(endpoint.pools().pools().get(0).recommendedBy()).isNull();
	}

	@Test
	void sizingAndGuardSectionsComeFromTheirFeatures() {
		this.pools.register(pool("orders", "jdbc:postgresql://db/orders"));
		SizingSection sizing = (pool) -> Map.of("target", 12, "pool", pool.name());
		GuardSection guard = (pool) -> null;
		PoolDescriptor descriptor = endpoint(sizing, guard).pool("orders");
		assertThat(descriptor.sizing()).isEqualTo(Map.of("target", 12, "pool", "orders"));
		assertThat(descriptor.guard()).isEqualTo(Map.of("enabled", false));
	}

	@Test
	void updateResizesThePool() {
		ManagedPool pool = pool("orders", "jdbc:postgresql://db/orders");
		this.pools.register(pool);
		PoolChange change = endpoint(null, null).update("orders", 12, 2, null);
		assertThat(change).isEqualTo(new PoolChange("orders", 10, 12, 4, 2, false));
		assertThat(endpoint(null, null).pool("orders").configuration().maximumPoolSize()).isEqualTo(12);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db:5432/orders?user=app&password=" + SECRET + "&ssl=true",
			"jdbc:sqlserver://db:1433;databaseName=orders;user=app;password=" + SECRET + ";encrypt=true",
			"jdbc:mysql://app:" + SECRET + "@db:3306/orders" })
	void credentialsAreMaskedInEveryForm(String url) {
		this.pools.register(pool("orders", url));
		JsonMapper json = JsonMapper.builder().build();
		String summary = json.writeValueAsString(endpoint(null, null).pools());
		String full = json.writeValueAsString(endpoint(null, null).pool("orders"));
		assertThat(summary).doesNotContain(SECRET).contains("****");
		assertThat(full).doesNotContain(SECRET).contains("****").contains("\"jdbcUrl\":\"jdbc:");
	}

	private PoolEndpoint endpoint(SizingSection sizing, GuardSection guard) {
		return new PoolEndpoint(this.pools, this.sampler, this.leases, sizing, guard);
	}

	private static ManagedPool pool(String name, String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName(name);
		dataSource.setJdbcUrl(url);
		dataSource.setUsername("app");
		dataSource.setPassword(SECRET);
		dataSource.setMaximumPoolSize(10);
		dataSource.setMinimumIdle(4);
		dataSource.setConnectionTimeout(5000);
		DatabaseFacts facts = new DatabaseFacts("PostgreSQL", 100, 3, 7, null, null, null);
		PoolAdvice advice = new PoolAdvice(Check.KEEPALIVE_OFF, "spring.datasource.hikari.keepalive-time",
				"keepaliveTime is off");
		return new ManagedPool(name + "DataSource", dataSource, facts, List.of(advice));
	}

}
