package io.github.poolpilot.actuate;

import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.JdbcUrls;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import io.github.poolpilot.lease.Lease;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.metrics.LoadSampler;
import io.github.poolpilot.metrics.MeasuredLoad;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that answers what each HikariCP pool is doing, who holds its
 * connections and what size it should be: {@code GET /actuator/pool} lists the pools,
 * {@code GET /actuator/pool/{pool}} describes one in full, and {@code POST
 * /actuator/pool/{pool}} resizes it or soft-evicts its idle connections when
 * {@code management.endpoint.pool.access=unrestricted}. Responses never carry a password:
 * the JDBC URL is masked in all its credential forms.
 *
 * @author Pool Pilot contributors
 */
@Endpoint(id = "pool", defaultAccess = Access.READ_ONLY)
public class PoolEndpoint {

	private static final Map<String, Object> DISABLED = Map.of("enabled", false);

	private final PoolRegistry pools;

	private final @Nullable LoadSampler sampler;

	private final @Nullable LeaseRegistry leases;

	private final @Nullable SizingSection sizing;

	private final @Nullable GuardSection guard;

	private final @Nullable FleetSection fleet;

	private final PoolResizer resizer = new PoolResizer();

	/**
	 * Create an endpoint.
	 * @param pools the managed pools
	 * @param sampler the measured load, or {@code null} when not measured
	 * @param leases who holds which connection, or {@code null} when not tracked
	 * @param sizing the sizing section, or {@code null} when adaptive sizing is off
	 * @param guard the guard section, or {@code null} when the guard is off
	 */
	public PoolEndpoint(PoolRegistry pools, @Nullable LoadSampler sampler, @Nullable LeaseRegistry leases,
			@Nullable SizingSection sizing, @Nullable GuardSection guard) {
		this(pools, sampler, leases, sizing, guard, null);
	}

	/**
	 * Create an endpoint.
	 * @param pools the managed pools
	 * @param sampler the measured load, or {@code null} when not measured
	 * @param leases who holds which connection, or {@code null} when not tracked
	 * @param sizing the sizing section, or {@code null} when adaptive sizing is off
	 * @param guard the guard section, or {@code null} when the guard is off
	 * @param fleet the fleet section, or {@code null} when no pool can be in a fleet
	 */
	public PoolEndpoint(PoolRegistry pools, @Nullable LoadSampler sampler, @Nullable LeaseRegistry leases,
			@Nullable SizingSection sizing, @Nullable GuardSection guard, @Nullable FleetSection fleet) {
		this.pools = pools;
		this.sampler = sampler;
		this.leases = leases;
		this.sizing = sizing;
		this.guard = guard;
		this.fleet = fleet;
	}

	/**
	 * Summarize every managed pool.
	 * @return the summaries, sorted by pool name
	 */
	@ReadOperation
	public PoolsDescriptor pools() {
		return new PoolsDescriptor(this.pools.pools().stream().map(this::summarize).toList());
	}

	/**
	 * Describe one pool in full.
	 * @param pool the pool name
	 * @return the description, or {@code null} (HTTP 404) for an unknown pool
	 */
	@ReadOperation
	public @Nullable PoolDescriptor pool(@Selector String pool) {
		ManagedPool managed = this.pools.get(pool);
		return (managed != null) ? describe(managed) : null;
	}

	/**
	 * Resize a pool, soft-evict its idle connections, or both.
	 * @param pool the pool name
	 * @param maximumPoolSize the new maximum pool size, or {@code null} to keep it
	 * @param minimumIdle the new minimum number of idle connections, or {@code null} to
	 * keep it
	 * @param softEvict whether to retire idle connections now
	 * @return what changed, or {@code null} (HTTP 404) for an unknown pool
	 */
	@WriteOperation
	public @Nullable PoolChange update(@Selector String pool, @Nullable Integer maximumPoolSize,
			@Nullable Integer minimumIdle, @Nullable Boolean softEvict) {
		ManagedPool managed = this.pools.get(pool);
		if (managed == null) {
			return null;
		}
		return this.resizer.change(managed, maximumPoolSize, minimumIdle, Boolean.TRUE.equals(softEvict));
	}

	private PoolsDescriptor.Summary summarize(ManagedPool pool) {
		MeasuredLoad load = (this.sampler != null) ? this.sampler.measure(pool) : null;
		return new PoolsDescriptor.Summary(pool.name(), pool.beanName(), maskedUrl(pool.dataSource()), state(pool),
				(load != null) ? load.recommendedSize() : null, (load != null) ? load.recommendedBy() : null,
				pool.advice().size());
	}

	private PoolDescriptor describe(ManagedPool pool) {
		MeasuredLoad load = (this.sampler != null) ? this.sampler.measure(pool) : null;
		List<PoolDescriptor.Holder> holders = (this.leases != null)
				? this.leases.leases(pool).stream().map(PoolEndpoint::holder).toList() : List.of();
		return new PoolDescriptor(pool.name(), pool.beanName(), configuration(pool.dataSource()),
				database(pool.databaseFacts()), state(pool), load, holders, pool.advice(),
				section((this.sizing != null) ? this.sizing.describe(pool) : null),
				section((this.guard != null) ? this.guard.describe(pool) : null),
				(this.fleet != null) ? this.fleet.describe(pool) : null);
	}

	private static PoolDescriptor.Configuration configuration(HikariDataSource dataSource) {
		return new PoolDescriptor.Configuration(maskedUrl(dataSource), dataSource.getUsername(),
				dataSource.getMaximumPoolSize(), PoolResizer.effectiveMinimumIdle(dataSource),
				dataSource.getConnectionTimeout(), dataSource.getValidationTimeout(), dataSource.getIdleTimeout(),
				dataSource.getMaxLifetime(), dataSource.getKeepaliveTime(), dataSource.getLeakDetectionThreshold(),
				dataSource.isAutoCommit(), dataSource.isReadOnly());
	}

	private static PoolDescriptor.Database database(DatabaseFacts facts) {
		return new PoolDescriptor.Database(facts.product(), facts.maxConnections(), facts.reservedConnections(),
				facts.otherConnections(), facts.connectionBudget(), facts.problem());
	}

	private static PoolDescriptor.State state(ManagedPool pool) {
		HikariDataSource dataSource = pool.dataSource();
		int max = dataSource.getMaximumPoolSize();
		int min = PoolResizer.effectiveMinimumIdle(dataSource);
		HikariPoolMXBean live = pool.poolMXBean();
		if (live == null) {
			return new PoolDescriptor.State(false, 0, 0, 0, 0, max, min);
		}
		return new PoolDescriptor.State(true, live.getTotalConnections(), live.getActiveConnections(),
				live.getIdleConnections(), live.getThreadsAwaitingConnection(), max, min);
	}

	private static PoolDescriptor.Holder holder(Lease lease) {
		return new PoolDescriptor.Holder(lease.thread(), lease.threadId(), lease.threadState(), lease.held().toMillis(),
				lease.transaction(), lease.frame());
	}

	private static String maskedUrl(HikariDataSource dataSource) {
		return JdbcUrls.mask(dataSource.getJdbcUrl(), dataSource.getPassword());
	}

	private static Object section(@Nullable Object described) {
		return (described != null) ? described : DISABLED;
	}

}
