package io.github.poolpilot.hikari;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.zaxxer.hikari.HikariConfig;
import io.github.poolpilot.hikari.PoolAdvice.Check;

/**
 * Checks a pool's effective configuration, and the database's settings where they were
 * read, against the mistakes that take production pools down. Pure: it reads values and
 * returns findings; the caller logs them.
 *
 * @author Pool Pilot contributors
 */
public final class PoolAdvisor {

	private static final long MAX_REASONABLE_CONNECTION_TIMEOUT = Duration.ofSeconds(30).toMillis();

	private static final long HIKARI_MIN_LEAK_DETECTION = 2000;

	private static final long HIKARI_MIN_KEEPALIVE = Duration.ofSeconds(30).toMillis();

	private final UnaryOperator<String> propertyName;

	/**
	 * Create an advisor.
	 * @param propertyName turns a HikariCP property name ({@code maxLifetime}) into the
	 * name the user writes ({@code spring.datasource.hikari.max-lifetime})
	 */
	public PoolAdvisor(UnaryOperator<String> propertyName) {
		this.propertyName = propertyName;
	}

	/**
	 * Check a pool.
	 * @param config the pool's configuration, as it will start
	 * @param facts what the database said about itself
	 * @return the findings, in a fixed order, empty when all is well
	 */
	public List<PoolAdvice> advise(HikariConfig config, DatabaseFacts facts) {
		List<PoolAdvice> advice = new ArrayList<>();
		checkServerTimeout(config, facts, advice);
		long leak = config.getLeakDetectionThreshold();
		if (leak > 0 && leak < HIKARI_MIN_LEAK_DETECTION) {
			add(advice, Check.LEAK_DETECTION_DISABLED, "leakDetectionThreshold", "%s is %d ms; HikariCP silently "
					+ "disables leak detection below 2000 ms. Set %1$s to 2000 ms or more, or to 0 to turn it off.",
					leak);
		}
		if (config.getMinimumIdle() > config.getMaximumPoolSize()) {
			add(advice, Check.MIN_IDLE_ABOVE_MAX, "minimumIdle",
					"%s (%d) is above maximumPoolSize (%d); HikariCP "
							+ "quietly lowers it to the maximum. Set %1$s to at most %3$d.",
					config.getMinimumIdle(), config.getMaximumPoolSize());
		}
		Integer budget = facts.connectionBudget();
		if (budget != null && config.getMaximumPoolSize() > budget) {
			add(advice, Check.POOL_ABOVE_DATABASE_BUDGET, "maximumPoolSize", "%s (%d) is above what %s can still "
					+ "accept (max_connections=%d, %d reserved, %d held by other clients: budget %d); under load the "
					+ "pool will be refused connections. Set %1$s to at most %7$d or raise max_connections.",
					config.getMaximumPoolSize(), facts.product(), facts.maxConnections(), facts.reservedConnections(),
					facts.otherConnections(), budget);
		}
		long timeout = config.getConnectionTimeout();
		if (timeout == 0 || timeout > MAX_REASONABLE_CONNECTION_TIMEOUT) {
			add(advice, Check.CONNECTION_TIMEOUT_TOO_LONG, "connectionTimeout", "%s is %s; a request thread waits "
					+ "that long for a connection when the pool runs dry, and threads pile up behind it. Set %1$s "
					+ "to 30 s or less (Pool Pilot's default is 5 s).", (timeout == 0) ? "infinite" : timeout + " ms");
		}
		checkKeepalive(config, advice);
		if (facts.problem() != null) {
			advice.add(new PoolAdvice(Check.DATABASE_UNREADABLE, "poolpilot.tuning.inspect-database",
					"could not read the database's limits and timeouts (" + facts.problem() + "); the pool size was "
							+ "not checked against max_connections. Make the database reachable at startup, or set "
							+ "poolpilot.tuning.inspect-database=false to skip the check."));
		}
		return List.copyOf(advice);
	}

	private void checkServerTimeout(HikariConfig config, DatabaseFacts facts, List<PoolAdvice> advice) {
		Duration serverTimeout = facts.enforcedIdleSessionTimeout();
		long maxLifetime = config.getMaxLifetime();
		if (serverTimeout == null || (maxLifetime > 0 && maxLifetime < serverTimeout.toMillis())) {
			return;
		}
		String setting = "PostgreSQL".equals(facts.product()) ? "idle_session_timeout" : "wait_timeout";
		add(advice, Check.MAX_LIFETIME_ABOVE_SERVER_TIMEOUT, "maxLifetime",
				"%s (%s) is not below %s's %s (%d ms); "
						+ "the server closes connections that the pool still counts as usable. Set %1$s below %5$d ms, "
						+ "or raise %4$s.",
				(maxLifetime == 0) ? "infinite" : maxLifetime + " ms", facts.product(), setting,
				serverTimeout.toMillis());
	}

	private void checkKeepalive(HikariConfig config, List<PoolAdvice> advice) {
		long keepalive = config.getKeepaliveTime();
		long maxLifetime = config.getMaxLifetime();
		if (keepalive == 0) {
			add(advice, Check.KEEPALIVE_OFF, "keepaliveTime",
					"%s is 0: idle connections are never tested and die "
							+ "silently behind firewalls and server timeouts. Set %1$s to 2 minutes or another value "
							+ "between 30 s and maxLifetime.");
		}
		else if (keepalive < HIKARI_MIN_KEEPALIVE || (maxLifetime > 0 && keepalive >= maxLifetime)) {
			add(advice, Check.KEEPALIVE_OFF, "keepaliveTime",
					"%s (%d ms) is outside 30 s..maxLifetime and HikariCP "
							+ "will turn keepalive off. Set %1$s between 30 s and maxLifetime (%d ms).",
					keepalive, maxLifetime);
		}
	}

	private void add(List<PoolAdvice> advice, Check check, String hikariProperty, String format, Object... args) {
		String property = this.propertyName.apply(hikariProperty);
		Object[] all = new Object[args.length + 1];
		all[0] = property;
		System.arraycopy(args, 0, all, 1, args.length);
		advice.add(new PoolAdvice(check, property, String.format(format, all)));
	}

}
