package io.github.poolpilot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.poolpilot.guard.GuardMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for the transaction-scope guard, which names every remote call
 * made while a transaction holds a pooled connection. Boot's binder checks every value
 * with the rules below when the application starts.
 *
 * @author Pool Pilot contributors
 */
@ConfigurationProperties("poolpilot.guard")
public class GuardProperties implements Validator {

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
	 * Time after which the database ends a session that sits idle inside a transaction:
	 * idle_in_transaction_session_timeout on PostgreSQL (set for each pool's sessions
	 * unless the application sets the driver's options or connectionInitSql),
	 * idle_transaction_timeout on MariaDB (rounded up to whole seconds, set through the
	 * driver's sessionVariables unless the application sets it there). Unset by default.
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
	public boolean supports(Class<?> type) {
		return GuardProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		GuardProperties properties = (GuardProperties) target;
		Duration idleTimeout = properties.idleInTransactionTimeout;
		PropertyRules rules = new PropertyRules(errors);
		rules
			.require("logInterval", !properties.logInterval.isNegative(), "must not be negative",
					"to a duration such as 1m, or 0 to log every violation")
			.require("allowedHosts", properties.allowedHosts.stream().noneMatch(GuardProperties::isBlank),
					"contains an empty host pattern", "without the empty entry, or write a pattern such as *.internal")
			.require("recentViolations", properties.recentViolations >= 1, "must be at least 1",
					"to a positive number, such as 100")
			.require("maxCallSites", properties.maxCallSites >= 1, "must be at least 1",
					"to a positive number, such as 500")
			.require("idleInTransactionTimeout", idleTimeout == null || idleTimeout.toMillis() >= 1,
					"must be at least 1ms (PostgreSQL reads 0 as no timeout)",
					"to a duration such as 30s, or remove it")
			.nested("stallDetection", properties.stallDetection::validate);
	}

	private static boolean isBlank(@Nullable String host) {
		return host == null || host.isBlank();
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

		void validate(PropertyRules rules) {
			rules
				.require("threshold", !this.threshold.isNegative() && !this.threshold.isZero(),
						"must be a positive duration", "to a duration such as 300ms")
				.require("interval", this.interval.toMillis() >= 10,
						"must be at least 10ms: sampling stacks more often costs the application CPU",
						"to a duration such as 250ms");
		}

	}

}
