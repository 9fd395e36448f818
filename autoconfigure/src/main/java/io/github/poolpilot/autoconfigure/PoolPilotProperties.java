package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import io.github.poolpilot.hikari.TuningSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Pool Pilot and the tuning of HikariCP pools. Every value
 * is checked when the application starts; a bad one fails startup with a report that
 * names it.
 *
 * @author Pool Pilot contributors
 */
@ConfigurationProperties("poolpilot")
public class PoolPilotProperties implements InitializingBean {

	/**
	 * Whether Pool Pilot is enabled.
	 */
	private boolean enabled = true;

	private final Tuning tuning = new Tuning();

	private final Leases leases = new Leases();

	private final Load load = new Load();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Tuning getTuning() {
		return this.tuning;
	}

	public Leases getLeases() {
		return this.leases;
	}

	public Load getLoad() {
		return this.load;
	}

	@Override
	public void afterPropertiesSet() {
		this.tuning.validate();
		this.leases.validate();
		this.load.validate();
	}

	/**
	 * Measurement of each pool's load (acquire rate, hold and wait times) for the
	 * endpoint and the metrics.
	 */
	public static class Load {

		private static final Duration MINIMUM_WINDOW = Duration.ofSeconds(1);

		/**
		 * How far back the endpoint's and the meters' view of the measured load reaches.
		 */
		private Duration window = Duration.ofMinutes(1);

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		void validate() {
			if (this.window.compareTo(MINIMUM_WINDOW) < 0) {
				throw new InvalidPoolPilotPropertyException("poolpilot.load.window", this.window, "must be at least 1s",
						"Set poolpilot.load.window to a duration such as 1m.");
			}
		}

	}

	/**
	 * Tracking of who holds each pool's connections.
	 */
	public static class Leases {

		/**
		 * Maximum number of holders listed in a snapshot (endpoint, exhaustion warning).
		 */
		private int maxListed = 50;

		/**
		 * Minimum time between two "who holds the connections" warnings of a pool that
		 * times callers out.
		 */
		private Duration exhaustionLogInterval = Duration.ofMinutes(1);

		/**
		 * Hold time above which a connection counts as long-held in the
		 * poolpilot.leases.long-held metric.
		 */
		private Duration longHeldThreshold = Duration.ofSeconds(5);

		public int getMaxListed() {
			return this.maxListed;
		}

		public void setMaxListed(int maxListed) {
			this.maxListed = maxListed;
		}

		public Duration getExhaustionLogInterval() {
			return this.exhaustionLogInterval;
		}

		public void setExhaustionLogInterval(Duration exhaustionLogInterval) {
			this.exhaustionLogInterval = exhaustionLogInterval;
		}

		public Duration getLongHeldThreshold() {
			return this.longHeldThreshold;
		}

		public void setLongHeldThreshold(Duration longHeldThreshold) {
			this.longHeldThreshold = longHeldThreshold;
		}

		void validate() {
			if (this.maxListed < 1) {
				throw new InvalidPoolPilotPropertyException("poolpilot.leases.max-listed", this.maxListed,
						"must be at least 1", "Set poolpilot.leases.max-listed to a positive number, such as 50.");
			}
			if (this.exhaustionLogInterval.isNegative()) {
				throw new InvalidPoolPilotPropertyException("poolpilot.leases.exhaustion-log-interval",
						this.exhaustionLogInterval, "must not be negative",
						"Set poolpilot.leases.exhaustion-log-interval to a duration such as 1m, or 0 to log every time.");
			}
			if (this.longHeldThreshold.isNegative()) {
				throw new InvalidPoolPilotPropertyException("poolpilot.leases.long-held-threshold",
						this.longHeldThreshold, "must not be negative",
						"Set poolpilot.leases.long-held-threshold to a duration such as 5s.");
			}
		}

	}

	/**
	 * Tuning of each HikariCP pool before it starts.
	 */
	public static class Tuning {

		private static final Duration HIKARI_TIMEOUT_FLOOR = Duration.ofMillis(250);

		private static final Duration HIKARI_KEEPALIVE_FLOOR = Duration.ofSeconds(30);

		/**
		 * Whether to apply Pool Pilot's defaults to properties the application did not
		 * set. Pools are still checked and reported on when this is off.
		 */
		private boolean enabled = true;

		/**
		 * Maximum time a caller waits for a connection before failing, applied when the
		 * application did not set one.
		 */
		private Duration connectionTimeout = Duration.ofSeconds(5);

		/**
		 * Interval at which idle connections are tested, applied when the application did
		 * not set one.
		 */
		private Duration keepaliveTime = Duration.ofMinutes(2);

		/**
		 * Transactions per second each pool is expected to serve, used with
		 * expected-hold-time to size it by Little's law.
		 */
		private @Nullable Double expectedArrivalRate;

		/**
		 * Time each transaction is expected to hold its connection.
		 */
		private @Nullable Duration expectedHoldTime;

		/**
		 * Share of the pool that the expected load may keep busy, in (0, 1]; the rest is
		 * headroom. Also the headroom of the Little's-law size the endpoint recommends
		 * when sizing is off.
		 */
		private double targetUtilization = 0.8;

		/**
		 * CPU cores of the database server, used for HikariCP's sizing formula when no
		 * expected load is set.
		 */
		private @Nullable Integer databaseCores;

		/**
		 * Whether to read the database's connection limit and idle timeouts once at
		 * startup (PostgreSQL, MySQL, MariaDB).
		 */
		private boolean inspectDatabase = true;

		/**
		 * Maximum time to wait for the connection that reads the database's settings.
		 */
		private Duration inspectTimeout = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		public void setConnectionTimeout(Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		public Duration getKeepaliveTime() {
			return this.keepaliveTime;
		}

		public void setKeepaliveTime(Duration keepaliveTime) {
			this.keepaliveTime = keepaliveTime;
		}

		public @Nullable Double getExpectedArrivalRate() {
			return this.expectedArrivalRate;
		}

		public void setExpectedArrivalRate(@Nullable Double expectedArrivalRate) {
			this.expectedArrivalRate = expectedArrivalRate;
		}

		public @Nullable Duration getExpectedHoldTime() {
			return this.expectedHoldTime;
		}

		public void setExpectedHoldTime(@Nullable Duration expectedHoldTime) {
			this.expectedHoldTime = expectedHoldTime;
		}

		public double getTargetUtilization() {
			return this.targetUtilization;
		}

		public void setTargetUtilization(double targetUtilization) {
			this.targetUtilization = targetUtilization;
		}

		public @Nullable Integer getDatabaseCores() {
			return this.databaseCores;
		}

		public void setDatabaseCores(@Nullable Integer databaseCores) {
			this.databaseCores = databaseCores;
		}

		public boolean isInspectDatabase() {
			return this.inspectDatabase;
		}

		public void setInspectDatabase(boolean inspectDatabase) {
			this.inspectDatabase = inspectDatabase;
		}

		public Duration getInspectTimeout() {
			return this.inspectTimeout;
		}

		public void setInspectTimeout(Duration inspectTimeout) {
			this.inspectTimeout = inspectTimeout;
		}

		TuningSettings toSettings() {
			return new TuningSettings(this.enabled, this.connectionTimeout, this.keepaliveTime,
					this.expectedArrivalRate, this.expectedHoldTime, this.targetUtilization, this.databaseCores,
					this.inspectDatabase, this.inspectTimeout);
		}

		void validate() {
			String prefix = "poolpilot.tuning.";
			if (this.connectionTimeout.compareTo(HIKARI_TIMEOUT_FLOOR) < 0) {
				throw new InvalidPoolPilotPropertyException(prefix + "connection-timeout", this.connectionTimeout,
						"must be at least 250ms (HikariCP replaces anything shorter with 30s)",
						"Set poolpilot.tuning.connection-timeout to a duration between 250ms and 30s, such as 5s.");
			}
			if (!this.keepaliveTime.isZero() && this.keepaliveTime.compareTo(HIKARI_KEEPALIVE_FLOOR) < 0) {
				throw new InvalidPoolPilotPropertyException(prefix + "keepalive-time", this.keepaliveTime,
						"must be 0 (off) or at least 30s (HikariCP turns shorter intervals off)",
						"Set poolpilot.tuning.keepalive-time to a duration of at least 30s, such as 2m.");
			}
			if (this.expectedArrivalRate != null && !(this.expectedArrivalRate > 0)) {
				throw new InvalidPoolPilotPropertyException(prefix + "expected-arrival-rate", this.expectedArrivalRate,
						"must be a positive number of transactions per second",
						"Set poolpilot.tuning.expected-arrival-rate to a positive number, such as 200, or remove it.");
			}
			if (this.expectedHoldTime != null
					&& (this.expectedHoldTime.isNegative() || this.expectedHoldTime.isZero())) {
				throw new InvalidPoolPilotPropertyException(prefix + "expected-hold-time", this.expectedHoldTime,
						"must be a positive duration",
						"Set poolpilot.tuning.expected-hold-time to a positive duration, such as 20ms, or remove it.");
			}
			if ((this.expectedArrivalRate == null) != (this.expectedHoldTime == null)) {
				String missing = (this.expectedArrivalRate == null) ? "expected-arrival-rate" : "expected-hold-time";
				throw new InvalidPoolPilotPropertyException(prefix + missing, "(not set)",
						"expected-arrival-rate and expected-hold-time size the pool together; only one was set",
						"Set poolpilot.tuning." + missing + " as well, or remove both.");
			}
			if (!(this.targetUtilization > 0 && this.targetUtilization <= 1)) {
				throw new InvalidPoolPilotPropertyException(prefix + "target-utilization", this.targetUtilization,
						"must be a ratio in (0, 1]",
						"Set poolpilot.tuning.target-utilization to a ratio above 0 and at most 1, such as 0.8.");
			}
			if (this.databaseCores != null && this.databaseCores < 1) {
				throw new InvalidPoolPilotPropertyException(prefix + "database-cores", this.databaseCores,
						"must be at least 1", "Set poolpilot.tuning.database-cores to the database server's CPU "
								+ "core count, or remove it.");
			}
			if (this.inspectTimeout.isNegative() || this.inspectTimeout.isZero()) {
				throw new InvalidPoolPilotPropertyException(prefix + "inspect-timeout", this.inspectTimeout,
						"must be a positive duration",
						"Set poolpilot.tuning.inspect-timeout to a positive " + "duration, such as 5s.");
			}
		}

	}

}
