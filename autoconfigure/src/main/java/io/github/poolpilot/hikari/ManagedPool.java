package io.github.poolpilot.hikari;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.load.PoolLoad;
import org.jspecify.annotations.Nullable;

/**
 * A HikariCP pool that Pool Pilot tuned: its data source, the bean it came from, what its
 * database said at startup, the advice found, and its measured load. The other features
 * (sizing, guard, endpoint) find pools here.
 *
 * @author Pool Pilot contributors
 */
public final class ManagedPool {

	private final String beanName;

	private final HikariDataSource dataSource;

	private final DatabaseFacts databaseFacts;

	private final List<PoolAdvice> advice;

	private final PoolLoad load;

	private final @Nullable ConfiguredMaximum configuredMaximum;

	/**
	 * Create a managed pool whose load is measured over {@link PoolLoad#DEFAULT_WINDOW
	 * the default window}.
	 * @param beanName the name of the data source bean
	 * @param dataSource the pool
	 * @param databaseFacts what its database said at startup
	 * @param advice the startup findings
	 */
	public ManagedPool(String beanName, HikariDataSource dataSource, DatabaseFacts databaseFacts,
			List<PoolAdvice> advice) {
		this(beanName, dataSource, databaseFacts, advice, new PoolLoad(PoolLoad.DEFAULT_WINDOW));
	}

	/**
	 * Create a managed pool.
	 * @param beanName the name of the data source bean
	 * @param dataSource the pool
	 * @param databaseFacts what its database said at startup
	 * @param advice the startup findings
	 * @param load where its load is measured
	 */
	public ManagedPool(String beanName, HikariDataSource dataSource, DatabaseFacts databaseFacts,
			List<PoolAdvice> advice, PoolLoad load) {
		this(beanName, dataSource, databaseFacts, advice, load, null);
	}

	/**
	 * Create a managed pool.
	 * @param beanName the name of the data source bean
	 * @param dataSource the pool
	 * @param databaseFacts what its database said at startup
	 * @param advice the startup findings
	 * @param load where its load is measured
	 * @param configuredMaximum the {@code maximumPoolSize} the application set, or
	 * {@code null} when it set none
	 */
	public ManagedPool(String beanName, HikariDataSource dataSource, DatabaseFacts databaseFacts,
			List<PoolAdvice> advice, PoolLoad load, @Nullable ConfiguredMaximum configuredMaximum) {
		this.beanName = beanName;
		this.dataSource = dataSource;
		this.databaseFacts = databaseFacts;
		this.advice = List.copyOf(advice);
		this.load = load;
		this.configuredMaximum = configuredMaximum;
	}

	/**
	 * Return the pool's name, as HikariCP logs it and as metrics tag it.
	 * @return the pool name
	 */
	public String name() {
		String name = this.dataSource.getPoolName();
		return (name != null) ? name : this.beanName;
	}

	/**
	 * Return the name of the data source bean.
	 * @return the bean name
	 */
	public String beanName() {
		return this.beanName;
	}

	/**
	 * Return the pool itself.
	 * @return the data source
	 */
	public HikariDataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Return the pool's live-state bean, available once the pool has started.
	 * @return the MXBean or {@code null} before the first connection was requested
	 */
	public @Nullable HikariPoolMXBean poolMXBean() {
		return this.dataSource.getHikariPoolMXBean();
	}

	/**
	 * Return what the database said about itself at startup.
	 * @return the facts
	 */
	public DatabaseFacts databaseFacts() {
		return this.databaseFacts;
	}

	/**
	 * Return the configuration mistakes found at startup.
	 * @return the findings, possibly empty
	 */
	public List<PoolAdvice> advice() {
		return this.advice;
	}

	/**
	 * Return the pool's measured load, the one that sizing, the endpoint and the meters
	 * read.
	 * @return the load
	 */
	public PoolLoad load() {
		return this.load;
	}

	/**
	 * Return the {@code maximumPoolSize} the application set on the pool itself, as it
	 * was before anything resized the pool.
	 * @return the maximum and its property, or {@code null} when the application set none
	 */
	public @Nullable ConfiguredMaximum configuredMaximum() {
		return this.configuredMaximum;
	}

}
