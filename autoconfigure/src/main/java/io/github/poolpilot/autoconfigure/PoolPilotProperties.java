package io.github.poolpilot.autoconfigure;

import java.time.Duration;

import io.github.poolpilot.hikari.TuningSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for Pool Pilot and the tuning of HikariCP pools. Boot's binder
 * checks every value with the rules below when the application starts; a bad one fails
 * startup with a report that names it.
 *
 * @author Pool Pilot contributors
 */
@ConfigurationProperties("poolpilot")
public class PoolPilotProperties implements Validator {

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
	public boolean supports(Class<?> type) {
		return PoolPilotProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		PoolPilotProperties properties = (PoolPilotProperties) target;
		PropertyRules rules = new PropertyRules(errors);
		rules.nested("tuning", properties.tuning::validate);
		rules.nested("leases", properties.leases::validate);
		rules.nested("load", properties.load::validate);
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

		void validate(PropertyRules rules) {
			rules.require("window", this.window.compareTo(MINIMUM_WINDOW) >= 0, "must be at least 1s",
					"to a duration such as 1m");
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

		void validate(PropertyRules rules) {
			rules.require("maxListed", this.maxListed >= 1, "must be at least 1", "to a positive number, such as 50")
				.require("exhaustionLogInterval", !this.exhaustionLogInterval.isNegative(), "must not be negative",
						"to a duration such as 1m, or 0 to log every time")
				.require("longHeldThreshold", !this.longHeldThreshold.isNegative(), "must not be negative",
						"to a duration such as 5s");
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

		void validate(PropertyRules rules) {
			rules
				.require("connectionTimeout", this.connectionTimeout.compareTo(HIKARI_TIMEOUT_FLOOR) >= 0,
						"must be at least 250ms (HikariCP replaces anything shorter with 30s)",
						"to a duration between 250ms and 30s, such as 5s")
				.require("keepaliveTime",
						this.keepaliveTime.isZero() || this.keepaliveTime.compareTo(HIKARI_KEEPALIVE_FLOOR) >= 0,
						"must be 0 (off) or at least 30s (HikariCP turns shorter intervals off)",
						"to a duration of at least 30s, such as 2m")
				.require("expectedArrivalRate", this.expectedArrivalRate == null || this.expectedArrivalRate > 0,
						"must be a positive number of transactions per second",
						"to a positive number, such as 200, or remove it")
				.require("expectedHoldTime", this.expectedHoldTime == null || isPositive(this.expectedHoldTime),
						"must be a positive duration", "to a positive duration, such as 20ms, or remove it")
				.require("expectedArrivalRate", this.expectedArrivalRate != null || this.expectedHoldTime == null,
						"expected-arrival-rate and expected-hold-time size the pool together; only one was set",
						"as well, or remove both")
				.require("expectedHoldTime", this.expectedHoldTime != null || this.expectedArrivalRate == null,
						"expected-arrival-rate and expected-hold-time size the pool together; only one was set",
						"as well, or remove both")
				.require("targetUtilization", this.targetUtilization > 0 && this.targetUtilization <= 1,
						"must be a ratio in (0, 1]", "to a ratio above 0 and at most 1, such as 0.8")
				.require("databaseCores", this.databaseCores == null || this.databaseCores >= 1, "must be at least 1",
						"to the database server's CPU core count, or remove it")
				.require("inspectTimeout", isPositive(this.inspectTimeout), "must be a positive duration",
						"to a positive duration, such as 5s");
		}

		private static boolean isPositive(Duration duration) {
			return !duration.isNegative() && !duration.isZero();
		}

	}

}
