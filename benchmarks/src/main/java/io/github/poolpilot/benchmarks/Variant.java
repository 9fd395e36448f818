package io.github.poolpilot.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.vladmihalcea.flexypool.FlexyPoolDataSource;
import com.vladmihalcea.flexypool.adaptor.HikariCPPoolAdapter;
import com.vladmihalcea.flexypool.config.FlexyPoolConfiguration;
import com.vladmihalcea.flexypool.metric.MetricsFactoryResolver;
import com.vladmihalcea.flexypool.strategy.IncrementPoolOnTimeoutConnectionAcquisitionStrategy;
import com.vladmihalcea.flexypool.strategy.RetryConnectionAcquisitionStrategy;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.github.poolpilot.benchmarks.jdbc.StubDriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The data sources compared, all over one HikariCP pool of {@link #POOL_SIZE} connections
 * on the stub driver: plain HikariCP with and without Micrometer's tracker, HikariCP with
 * Pool Pilot fully on (with and without a meter registry), and the decorators users would
 * pick instead, FlexyPool and datasource-proxy, over the pool with Micrometer's tracker.
 * Each is compared with the plain pool that has the same metrics: {@link #baseline()}.
 *
 * @author Pool Pilot contributors
 */
enum Variant {

	/**
	 * Plain HikariCP without any metrics tracker: the floor.
	 */
	HIKARI_NO_METRICS("hikari-nometrics", "HikariCP, no metrics") {

		@Override
		PoolUnderTest open(JdbcTarget target) {
			HikariDataSource pool = new HikariDataSource(hikariConfig(id(), target));
			return new PoolUnderTest(this, pool, pool, pool);
		}

	},

	/**
	 * Plain HikariCP with Micrometer's tracker, as Spring Boot's actuator binds it: the
	 * baseline of the targets.
	 */
	HIKARI("hikari", "HikariCP + Micrometer") {

		@Override
		PoolUnderTest open(JdbcTarget target) {
			HikariConfig config = hikariConfig(id(), target);
			config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(new SimpleMeterRegistry()));
			HikariDataSource pool = new HikariDataSource(config);
			return new PoolUnderTest(this, pool, pool, pool);
		}

	},

	/**
	 * Pool Pilot fully on, in an application without a meter registry.
	 */
	POOLPILOT_NO_METRICS("poolpilot-nometrics", "Pool Pilot, no metrics") {

		@Override
		PoolUnderTest open(JdbcTarget target) {
			return poolPilot(this, target, false);
		}

	},

	/**
	 * Pool Pilot fully on, with a meter registry: its composite tracker forwards to
	 * Micrometer's.
	 */
	POOLPILOT("poolpilot", "Pool Pilot + Micrometer") {

		@Override
		PoolUnderTest open(JdbcTarget target) {
			return poolPilot(this, target, true);
		}

	},

	/**
	 * FlexyPool over HikariCP, configured as its documentation shows: Micrometer metrics
	 * (on the global registry, where Spring Boot also adds its own), increment-on-timeout
	 * and retry strategies.
	 */
	FLEXYPOOL("flexypool", "FlexyPool + Micrometer") {

		@Override
		PoolUnderTest open(JdbcTarget target) {
			MeterRegistry registry = new SimpleMeterRegistry();
			HikariConfig config = hikariConfig(id(), target);
			config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
			HikariDataSource pool = new HikariDataSource(config);
			Metrics.addRegistry(registry);
			FlexyPoolConfiguration<HikariDataSource> configuration = new FlexyPoolConfiguration.Builder<>(id(), pool,
					HikariCPPoolAdapter.FACTORY)
				.setMetricsFactory(MetricsFactoryResolver.INSTANCE.resolve())
				.build();
			// the overgrow limit is above the pool size so that the strategy is live;
			// with HikariCP's timeout far
			// above a stub acquisition it never fires, and the pool size stays the same
			// as the others'
			FlexyPoolDataSource<HikariDataSource> flexy = new FlexyPoolDataSource<>(configuration,
					new IncrementPoolOnTimeoutConnectionAcquisitionStrategy.Factory<>(2 * POOL_SIZE),
					new RetryConnectionAcquisitionStrategy.Factory<>(2));
			flexy.start();
			return new PoolUnderTest(this, flexy, pool, () -> {
				flexy.stop();
				pool.close();
				Metrics.removeRegistry(registry);
			});
		}

	},

	/**
	 * datasource-proxy over HikariCP, with the query counter its documentation starts
	 * with.
	 */
	DATASOURCE_PROXY("datasource-proxy", "datasource-proxy + Micrometer") {

		@Override
		PoolUnderTest open(JdbcTarget target) {
			HikariConfig config = hikariConfig(id(), target);
			config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(new SimpleMeterRegistry()));
			HikariDataSource pool = new HikariDataSource(config);
			DataSource proxy = ProxyDataSourceBuilder.create(id(), pool).countQuery().build();
			return new PoolUnderTest(this, proxy, pool, pool);
		}

	};

	/**
	 * The maximum size of every pool. Uncontended benchmarks run this many threads,
	 * contended ones twice as many.
	 */
	static final int POOL_SIZE = 8;

	/**
	 * The URL of the stub driver's database.
	 */
	static final String JDBC_URL = StubDriver.URL_PREFIX + "benchmark";

	private final String id;

	private final String label;

	Variant(String id, String label) {
		this.id = id;
		this.label = label;
	}

	/**
	 * Start this variant's pool on the stub driver.
	 * @return the pool, which the caller closes
	 */
	PoolUnderTest open() {
		return open(JdbcTarget.STUB);
	}

	/**
	 * Start this variant's pool on the given database.
	 * @param target the database the pool connects to
	 * @return the pool, which the caller closes
	 */
	abstract PoolUnderTest open(JdbcTarget target);

	/**
	 * Return the name used in JMH's {@code variant} parameter.
	 * @return the id
	 */
	String id() {
		return this.id;
	}

	/**
	 * Return the name used in result tables.
	 * @return the label
	 */
	String label() {
		return this.label;
	}

	/**
	 * Return the plain HikariCP variant with the same metrics, which this one is compared
	 * with.
	 * @return the baseline, or {@code null} for the floor itself
	 */
	@Nullable Variant baseline() {
		return switch (this) {
			case HIKARI_NO_METRICS -> null;
			case HIKARI, POOLPILOT_NO_METRICS -> HIKARI_NO_METRICS;
			default -> HIKARI;
		};
	}

	/**
	 * Return whether Pool Pilot's overhead targets (throughput at equal CPU, bytes per
	 * operation; see {@link ResultTable}) apply to this variant.
	 * @return whether this is Pool Pilot
	 */
	boolean isPoolPilot() {
		return this == POOLPILOT || this == POOLPILOT_NO_METRICS;
	}

	/**
	 * Return the variant of the given id.
	 * @param id the id
	 * @return the variant
	 */
	static Variant of(String id) {
		return Arrays.stream(values())
			.filter((variant) -> variant.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown variant '" + id + "'"));
	}

	private static HikariConfig hikariConfig(String poolName, JdbcTarget target) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(poolName);
		config.setJdbcUrl(target.url());
		config.setDriverClassName(target.driverClassName());
		if (!target.username().isEmpty()) {
			config.setUsername(target.username());
		}
		config.setMaximumPoolSize(POOL_SIZE);
		return config;
	}

	/**
	 * Return the configuration of the Pool Pilot application: Spring Boot's HikariCP pool
	 * on the stub driver, of the same size as the others; everything else is left to Pool
	 * Pilot's tuning.
	 * @return the properties
	 */
	static Map<String, Object> poolPilotProperties() {
		return poolPilotProperties(JdbcTarget.STUB);
	}

	private static Map<String, Object> poolPilotProperties(JdbcTarget target) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.type", HikariDataSource.class.getName());
		properties.put("spring.datasource.url", target.url());
		properties.put("spring.datasource.driver-class-name", target.driverClassName());
		if (!target.username().isEmpty()) {
			properties.put("spring.datasource.username", target.username());
		}
		properties.put("spring.datasource.hikari.maximum-pool-size", POOL_SIZE);
		return properties;
	}

	private static PoolUnderTest poolPilot(Variant variant, JdbcTarget target, boolean meterRegistry) {
		ConfigurableApplicationContext context = PoolPilotApplication.start(poolPilotProperties(target), meterRegistry);
		DataSource dataSource = context.getBean(DataSource.class);
		return new PoolUnderTest(variant, dataSource, PoolPilotApplication.hikari(dataSource), context::close);
	}

}
