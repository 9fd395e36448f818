package io.github.poolpilot.autoconfigure;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for the connection budget that the replicas of a service share
 * through their PostgreSQL database. Every value is checked when the application starts;
 * a bad one fails startup with a report that names it.
 *
 * @author Pool Pilot contributors
 */
@ConfigurationProperties("poolpilot.fleet")
public class FleetProperties implements Validator {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

	private static final Duration MIN_HEARTBEAT = Duration.ofMillis(100);

	/**
	 * Whether the replicas of a service share the database's connection budget. Only
	 * PostgreSQL pools take part.
	 */
	private boolean enabled = true;

	/**
	 * Name of the fleet, shared by every replica of one service. Defaults to
	 * 'spring.application.name' and the pool's name.
	 */
	private @Nullable String name;

	/**
	 * Id of this replica within its fleet, unique among the replicas running at once.
	 * Defaults to the process id and host name.
	 */
	private @Nullable String replicaId;

	/**
	 * Schema of the poolpilot_fleet_member table. Defaults to the first schema of the
	 * role's search_path.
	 */
	private @Nullable String schema;

	/**
	 * Interval at which each replica renews its lease and learns its share.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(2);

	/**
	 * Time after its last renewal at which a replica's share returns to the others.
	 */
	private Duration leaseTimeout = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getReplicaId() {
		return this.replicaId;
	}

	public void setReplicaId(@Nullable String replicaId) {
		this.replicaId = replicaId;
	}

	public @Nullable String getSchema() {
		return this.schema;
	}

	public void setSchema(@Nullable String schema) {
		this.schema = schema;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getLeaseTimeout() {
		return this.leaseTimeout;
	}

	public void setLeaseTimeout(Duration leaseTimeout) {
		this.leaseTimeout = leaseTimeout;
	}

	@Override
	public boolean supports(Class<?> type) {
		return FleetProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		FleetProperties properties = (FleetProperties) target;
		PropertyRules rules = new PropertyRules(errors);
		String schema = properties.schema;
		Duration minLease = properties.heartbeatInterval.multipliedBy(2);
		rules
			.require("schema", schema == null || IDENTIFIER.matcher(schema).matches(),
					"must be a plain SQL identifier (letters, digits, '_' and '$', at most 63)",
					"to the name of an existing schema, such as poolpilot")
			.require("heartbeatInterval", properties.heartbeatInterval.compareTo(MIN_HEARTBEAT) >= 0,
					"must be at least 100ms", "to a duration such as 2s")
			.require("leaseTimeout", properties.leaseTimeout.compareTo(minLease) >= 0,
					"must be at least two heartbeat intervals (" + minLease + ")",
					"to a duration such as 10s, or shorten " + rules.fullName("heartbeatInterval"));
	}

}
