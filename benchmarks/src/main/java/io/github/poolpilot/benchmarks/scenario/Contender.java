package io.github.poolpilot.benchmarks.scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import com.vladmihalcea.flexypool.FlexyPoolDataSource;
import com.vladmihalcea.flexypool.adaptor.HikariCPPoolAdapter;
import com.vladmihalcea.flexypool.config.FlexyPoolConfiguration;
import com.vladmihalcea.flexypool.strategy.IncrementPoolOnTimeoutConnectionAcquisitionStrategy;
import com.vladmihalcea.flexypool.strategy.RetryConnectionAcquisitionStrategy;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.sizing.SizingController;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A pool configuration under test, as a user would set it up: Spring Boot's default
 * HikariCP pool (10 connections), a static oversized pool (50), FlexyPool's
 * increment-on-timeout strategy over Boot's default pool, and Pool Pilot in {@code auto}
 * mode. Every contender gives up an acquisition after {@link #CONNECTION_TIMEOUT_MS}
 * (Pool Pilot's tuned default; HikariCP's own is 30 s), so that all requests are bounded
 * in time alike, and tags its connections for {@code pg_stat_activity}.
 *
 * @param id short name used in files
 * @param label name used in tables
 * @param opener what starts it against a server
 * @author Pool Pilot contributors
 */
record Contender(String id, String label, Function<Postgres, PoolUnderLoad> opener) {

	/**
	 * How long every contender lets a caller wait for a connection.
	 */
	static final long CONNECTION_TIMEOUT_MS = 5000;

	/**
	 * Pool Pilot's {@code poolpilot.sizing.max-size}, and FlexyPool's overgrow limit.
	 */
	static final int MAX_SIZE = 50;

	/**
	 * HikariCP's and Spring Boot's default {@code maximumPoolSize}.
	 */
	static final int BOOT_DEFAULT_SIZE = 10;

	/**
	 * Return the four contenders of every scenario.
	 * @return boot's default pool, the oversized pool, FlexyPool and Pool Pilot
	 */
	static List<Contender> compared() {
		return List.of(staticPool(BOOT_DEFAULT_SIZE, "static-10", "Boot default (10)"),
				staticPool(MAX_SIZE, "static-50", "static 50"), flexyPool(), poolPilot());
	}

	/**
	 * Return a fixed-size HikariCP pool.
	 * @param size its {@code maximumPoolSize} (and {@code minimumIdle}, as Boot leaves
	 * it)
	 * @param id short name
	 * @param label table name
	 * @return the contender
	 */
	static Contender staticPool(int size, String id, String label) {
		return new Contender(id, label, (postgres) -> {
			HikariDataSource pool = new HikariDataSource(hikariConfig(postgres, id, size));
			return new PoolUnderLoad(pool, pool, null, pool);
		});
	}

	/**
	 * Return FlexyPool over Boot's default pool, configured as its documentation shows:
	 * the increment-on-timeout strategy (up to {@link #MAX_SIZE} connections) followed by
	 * the retry strategy (2 attempts).
	 * @return the contender
	 */
	static Contender flexyPool() {
		return new Contender("flexypool", "FlexyPool (10, +1 on timeout)", (postgres) -> {
			HikariDataSource pool = new HikariDataSource(hikariConfig(postgres, "flexypool", BOOT_DEFAULT_SIZE));
			FlexyPoolConfiguration<HikariDataSource> configuration = new FlexyPoolConfiguration.Builder<>("flexypool",
					pool, HikariCPPoolAdapter.FACTORY)
				.build();
			FlexyPoolDataSource<HikariDataSource> flexy = new FlexyPoolDataSource<>(configuration,
					new IncrementPoolOnTimeoutConnectionAcquisitionStrategy.Factory<>(MAX_SIZE),
					new RetryConnectionAcquisitionStrategy.Factory<>(2));
			flexy.start();
			return new PoolUnderLoad(flexy, pool, null, () -> {
				flexy.stop();
				pool.close();
			});
		});
	}

	/**
	 * Return Pool Pilot in a Spring application: Boot's pool with the properties a user
	 * would set, {@code poolpilot.sizing.mode=auto} and
	 * {@code poolpilot.sizing.max-size}; everything else is Pool Pilot's default (1 s
	 * interval, 3 s cooldown, 30 s shrink delay, starting size chosen by its tuner).
	 * @return the contender
	 */
	static Contender poolPilot() {
		return poolPilot("poolpilot", "Pool Pilot auto (max 50)",
				Map.of("poolpilot.sizing.mode", "auto", "poolpilot.sizing.max-size", MAX_SIZE));
	}

	/**
	 * Return Pool Pilot as a new user tries it: {@code poolpilot.sizing.mode=auto} and
	 * nothing else, so that the database's connection budget is the only upper bound.
	 * @return the contender
	 */
	static Contender poolPilotAuto() {
		return poolPilot("poolpilot-auto", "Pool Pilot auto", Map.of("poolpilot.sizing.mode", "auto"));
	}

	/**
	 * Return Pool Pilot in a Spring application with a fixed pool and the controller only
	 * recommending: what everything but the resizing costs, against a static pool of the
	 * same size.
	 * @param size the pool's {@code maximumPoolSize}
	 * @return the contender
	 */
	static Contender poolPilotFixed(int size) {
		return poolPilot("poolpilot-fixed", "Pool Pilot recommend (fixed " + size + ")",
				Map.of("poolpilot.sizing.mode", "recommend", "spring.datasource.hikari.maximum-pool-size", size));
	}

	private static Contender poolPilot(String id, String label, Map<String, Object> sizing) {
		return new Contender(id, label, (postgres) -> {
			Map<String, Object> properties = new HashMap<>(sizing);
			properties.putAll(Map.of("spring.datasource.url", postgres.jdbcUrl(), "spring.datasource.username",
					postgres.username(), "spring.datasource.hikari.pool-name", id,
					"spring.datasource.hikari.connection-timeout", CONNECTION_TIMEOUT_MS,
					"spring.datasource.hikari.data-source-properties.ApplicationName", Postgres.APPLICATION_NAME));
			ConfigurableApplicationContext context = PoolPilotContext.start(properties);
			DataSource dataSource = context.getBean(DataSource.class);
			HikariDataSource pool = DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class);
			if (pool == null) {
				context.close();
				throw new IllegalStateException("The application's data source is not a HikariCP pool");
			}
			start(pool);
			return new PoolUnderLoad(dataSource, pool, context.getBean(SizingController.class), context::close);
		});
	}

	/**
	 * Start this contender.
	 * @param postgres the server
	 * @return the started pool
	 */
	PoolUnderLoad open(Postgres postgres) {
		return this.opener.apply(postgres);
	}

	private static HikariConfig hikariConfig(Postgres postgres, String name, int size) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(postgres.jdbcUrl());
		config.setUsername(postgres.username());
		config.setMaximumPoolSize(size);
		config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
		config.addDataSourceProperty("ApplicationName", Postgres.APPLICATION_NAME);
		return config;
	}

	private static void start(HikariDataSource pool) {
		// Boot's pool starts lazily, on the first borrow; the scenario must see it from
		// its first arrival
		try (Connection connection = pool.getConnection()) {
			connection.isValid(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not start " + pool.getPoolName(), ex);
		}
	}

}
