package io.github.poolpilot.autoconfigure;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.fleet.FleetDemand;
import io.github.poolpilot.fleet.FleetIdentity;
import io.github.poolpilot.fleet.FleetMember;
import io.github.poolpilot.fleet.FleetSettings;
import io.github.poolpilot.fleet.PostgresFleetStore;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Puts each tuned PostgreSQL pool in its fleet before the pool starts: names the fleet
 * and the replica, sets the JDBC {@code ApplicationName} unless the application set one,
 * and joins, so that the pool opens no more than its share.
 *
 * @author Pool Pilot contributors
 */
class FleetMembership {

	private static final Log logger = LogFactory.getLog(FleetMembership.class);

	private static final String APPLICATION_NAME = "ApplicationName";

	private static final Pattern URL_APPLICATION_NAME = Pattern.compile("[?&]ApplicationName=([^&]*)",
			Pattern.CASE_INSENSITIVE);

	private final FleetProperties properties;

	private final FleetSettings settings;

	private final @Nullable String applicationName;

	private final boolean sized;

	private final FleetCoordinator coordinator;

	private final PoolRegistry registry;

	private final FleetDemand demand;

	FleetMembership(FleetProperties properties, FleetSettings settings, @Nullable String applicationName, boolean sized,
			FleetCoordinator coordinator, PoolRegistry registry, FleetDemand demand) {
		this.properties = properties;
		this.settings = settings;
		this.applicationName = applicationName;
		this.sized = sized;
		this.coordinator = coordinator;
		this.registry = registry;
		this.demand = demand;
	}

	void join(String beanName, HikariDataSource dataSource) {
		String url = dataSource.getJdbcUrl();
		if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
			return;
		}
		ManagedPool pool = this.registry.get(dataSource.getPoolName());
		if (pool == null || pool.dataSource() != dataSource) {
			return;
		}
		String fleet = this.properties.getName();
		if (fleet == null) {
			fleet = FleetIdentity.fleetName(this.applicationName, pool.name(), url, dataSource.getUsername(), beanName);
			if (this.applicationName == null) {
				logger.warn(pool.name() + " - fleet named " + fleet + " after its JDBC URL, user and bean name, since "
						+ "spring.application.name is not set: another service with the same three would share its "
						+ "budget as one fleet. Set spring.application.name, or poolpilot.fleet.name.");
			}
		}
		String replica = this.properties.getReplicaId();
		if (replica == null) {
			replica = FleetIdentity.localReplica();
		}
		String connectionName = connectionName(dataSource);
		if (connectionName == null) {
			connectionName = FleetIdentity.applicationName(fleet, replica);
			if (dataSource.getHikariPoolMXBean() == null) {
				dataSource.addDataSourceProperty(APPLICATION_NAME, connectionName);
			}
		}
		this.coordinator.join(new FleetMember(pool, fleet, replica, connectionName,
				new PostgresFleetStore(this.properties.getSchema()), this.settings, this.demand, this.sized));
	}

	/**
	 * Return the {@code ApplicationName} the application set itself.
	 * @param dataSource the pool
	 * @return the name, or {@code null}
	 */
	private static @Nullable String connectionName(HikariDataSource dataSource) {
		for (Map.Entry<Object, Object> property : dataSource.getDataSourceProperties().entrySet()) {
			if (APPLICATION_NAME.equalsIgnoreCase(String.valueOf(property.getKey()))) {
				return String.valueOf(property.getValue());
			}
		}
		Matcher matcher = URL_APPLICATION_NAME.matcher(dataSource.getJdbcUrl());
		return matcher.find() ? matcher.group(1) : null;
	}

}
