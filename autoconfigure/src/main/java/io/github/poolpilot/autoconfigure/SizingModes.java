package io.github.poolpilot.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.sizing.SizingMode;
import io.github.poolpilot.sizing.SizingModeResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Resolves {@code poolpilot.sizing.mode} for each pool. A mode the application set holds
 * for every pool. Without one, a pool in a fleet is resized ({@code auto}): the fleet
 * keeps its replicas within the database's budget together. Any other pool only gets
 * recommendations, since each replica would read the whole budget as its own, and says so
 * in one INFO line at startup.
 *
 * @author Pool Pilot contributors
 */
class SizingModes implements SizingModeResolver {

	private static final Log logger = LogFactory.getLog(SizingModes.class);

	private final @Nullable SizingMode configured;

	private final boolean fleetEnabled;

	private final ObjectProvider<FleetCoordinator> fleet;

	private final Map<ManagedPool, SizingMode> resolved = new ConcurrentHashMap<>();

	/**
	 * Create a resolver.
	 * @param configured the mode the application set, or {@code null}
	 * @param fleetEnabled whether {@code poolpilot.fleet.enabled} is on
	 * @param fleet the fleet's coordinator, when there is one
	 */
	SizingModes(@Nullable SizingMode configured, boolean fleetEnabled, ObjectProvider<FleetCoordinator> fleet) {
		this.configured = configured;
		this.fleetEnabled = fleetEnabled;
		this.fleet = fleet;
	}

	@Override
	public SizingMode mode(ManagedPool pool) {
		SizingMode configured = this.configured;
		if (configured != null) {
			return configured;
		}
		SizingMode mode = this.resolved.get(pool);
		return (mode != null) ? mode : this.resolved.computeIfAbsent(pool, this::resolve);
	}

	private SizingMode resolve(ManagedPool pool) {
		FleetCoordinator coordinator = this.fleet.getIfAvailable();
		if (coordinator != null && coordinator.member(pool.name()) != null) {
			return SizingMode.AUTO;
		}
		logger.info(pool.name() + " - sizing only recommends a size for this pool: poolpilot.sizing.mode is not set, "
				+ "and " + noFleet(pool) + ", so nothing keeps the replicas of this service within the database's "
				+ "connection budget together. Set poolpilot.sizing.mode=auto to resize it anyway (each replica may "
				+ "grow to the whole budget it sees), or poolpilot.sizing.mode=recommend to keep this.");
		return SizingMode.RECOMMEND;
	}

	private String noFleet(ManagedPool pool) {
		if (!this.fleetEnabled) {
			return "poolpilot.fleet.enabled is false";
		}
		String product = pool.databaseFacts().product();
		String url = pool.dataSource().getJdbcUrl();
		if (product == null && url != null && url.startsWith("jdbc:")) {
			// a database that was not inspected: name it by the JDBC URL's subprotocol
			product = url.substring(5, Math.max(5, url.indexOf(':', 5)));
		}
		if (product != null && !product.isEmpty() && !"PostgreSQL".equalsIgnoreCase(product)) {
			return "only PostgreSQL pools share a fleet budget (this one is on " + product + ")";
		}
		return "the pool is in no fleet";
	}

}
