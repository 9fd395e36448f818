package io.github.poolpilot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.poolpilot.guard.GuardMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the transaction-scope guard, which names every remote call
 * made while a transaction holds a pooled connection. Every value is checked when the
 * application starts.
 *
 * @author Pool Pilot contributors
 */
@ConfigurationProperties("poolpilot.guard")
public class GuardProperties implements InitializingBean {

	private static final String PREFIX = "poolpilot.guard.";

	/**
	 * What to do when a transaction holds a connection across a remote call: warn, strict
	 * (throw before the call leaves the process, for tests and CI) or off.
	 */
	private GuardMode mode = GuardMode.WARN;

	/**
	 * Minimum time between two warnings of one call site. Every violation is still
	 * counted.
	 */
	private Duration logInterval = Duration.ofMinutes(1);

	/**
	 * Hosts that transactions may call while holding a connection, such as localhost or
	 * *.internal.example.com; '*' matches any run of characters.
	 */
	private List<String> allowedHosts = new ArrayList<>();

	/**
	 * Number of recent violations kept for the pool endpoint.
	 */
	private int recentViolations = 100;

	/**
	 * Maximum number of call sites aggregated for the pool endpoint; further call sites
	 * share one entry.
	 */
	private int maxCallSites = 500;

	/**
	 * Time after which PostgreSQL ends a session that sits idle inside a transaction
	 * (idle_in_transaction_session_timeout, set for each pool's sessions unless the
	 * application sets the driver's options or connectionInitSql). Unset by default.
	 */
	private @Nullable Duration idleInTransactionTimeout;

	private final StallDetection stallDetection = new StallDetection();

	private final NestedAcquire nestedAcquire = new NestedAcquire();

	public GuardMode getMode() {
		return this.mode;
	}

	public void setMode(GuardMode mode) {
		this.mode = mode;
	}

	public Duration getLogInterval() {
		return this.logInterval;
	}

	public void setLogInterval(Duration logInterval) {
		this.logInterval = logInterval;
	}

	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	public void setAllowedHosts(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	public int getRecentViolations() {
		return this.recentViolations;
	}

	public void setRecentViolations(int recentViolations) {
		this.recentViolations = recentViolations;
	}

	public int getMaxCallSites() {
		return this.maxCallSites;
	}

	public void setMaxCallSites(int maxCallSites) {
		this.maxCallSites = maxCallSites;
	}

	public @Nullable Duration getIdleInTransactionTimeout() {
		return this.idleInTransactionTimeout;
	}

	public void setIdleInTransactionTimeout(@Nullable Duration idleInTransactionTimeout) {
		this.idleInTransactionTimeout = idleInTransactionTimeout;
	}

	public StallDetection getStallDetection() {
		return this.stallDetection;
	}

	public NestedAcquire getNestedAcquire() {
		return this.nestedAcquire;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.logInterval.isNegative()) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "log-interval", this.logInterval,
					"must not be negative",
					"Set poolpilot.guard.log-interval to a duration such as 1m, or 0 to log " + "every violation.");
		}
		for (String host : this.allowedHosts) {
			if (host == null || host.isBlank()) {
				throw new InvalidPoolPilotPropertyException(PREFIX + "allowed-hosts", this.allowedHosts,
						"contains an empty host pattern",
						"Remove the empty entry from poolpilot.guard.allowed-hosts, or write a pattern such as *.internal.");
			}
		}
		if (this.recentViolations < 1) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "recent-violations", this.recentViolations,
					"must be at least 1", "Set poolpilot.guard.recent-violations to a positive number, such as 100.");
		}
		if (this.maxCallSites < 1) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "max-call-sites", this.maxCallSites,
					"must be at least 1", "Set poolpilot.guard.max-call-sites to a positive number, such as 500.");
		}
		if (this.idleInTransactionTimeout != null && this.idleInTransactionTimeout.toMillis() < 1) {
			throw new InvalidPoolPilotPropertyException(PREFIX + "idle-in-transaction-timeout",
					this.idleInTransactionTimeout, "must be at least 1ms (PostgreSQL reads 0 as no timeout)",
					"Set poolpilot.guard.idle-in-transaction-timeout to a duration such as 30s, or remove it.");
		}
		this.stallDetection.validate();
	}

	/**
	 * The nested-acquisition check, which names a thread that borrows a second connection
	 * of a pool it holds one of.
	 */
	public static class NestedAcquire {

		/**
		 * Whether to wrap each data source bean over a HikariCP pool so that a second
		 * borrow by a thread that holds a connection of the same pool is reported before
		 * it can wait.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The stall detector, which samples threads that hold a connection for remote calls
	 * that report nothing.
	 */
	public static class StallDetection {

		/**
		 * Whether to sample threads that hold a connection in a transaction for blocking
		 * waits.
		 */
		private boolean enabled = true;

		/**
		 * How long a transaction must have held its connection before its thread is
		 * sampled.
		 */
		private Duration threshold = Duration.ofMillis(300);

		/**
		 * Time between two samples.
		 */
		private Duration interval = Duration.ofMillis(250);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		void validate() {
			if (this.threshold.isNegative() || this.threshold.isZero()) {
				throw new InvalidPoolPilotPropertyException(PREFIX + "stall-detection.threshold", this.threshold,
						"must be a positive duration",
						"Set poolpilot.guard.stall-detection.threshold to a duration such as 300ms.");
			}
			if (this.interval.toMillis() < 10) {
				throw new InvalidPoolPilotPropertyException(PREFIX + "stall-detection.interval", this.interval,
						"must be at least 10ms: sampling stacks more often costs the application CPU",
						"Set poolpilot.guard.stall-detection.interval to a duration such as 250ms.");
			}
		}

	}

}
