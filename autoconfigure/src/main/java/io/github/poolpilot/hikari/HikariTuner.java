package io.github.poolpilot.hikari;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.github.poolpilot.load.PoolLoad;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tunes one {@link HikariDataSource} before its pool starts: Pool Pilot's defaults where
 * the user set nothing, an initial size from the sizing model capped at the database's
 * connection budget, the composite metrics tracker, and the startup advice. A pool that
 * already started is tuned as far as HikariCP allows at runtime. Logs one INFO line per
 * pool with what it changed, and one WARN line per finding.
 *
 * @author Pool Pilot contributors
 */
public class HikariTuner {

	private static final Log logger = LogFactory.getLog(HikariTuner.class);

	private static final long HIKARI_MIN_LIFETIME = Duration.ofSeconds(30).toMillis();

	private final TuningSettings settings;

	private final DatabaseInspector inspector;

	private final PoolRegistry registry;

	private final Supplier<@Nullable MetricsTrackerFactory> defaultTrackerFactory;

	private final Supplier<List<PoolEventListenerFactory>> listenerFactories;

	private final Duration loadWindow;

	/**
	 * Create a tuner.
	 * @param settings the tuned defaults and expected load
	 * @param inspector reads the database's limits
	 * @param registry where tuned pools are registered
	 * @param defaultTrackerFactory the metrics tracker a pool gets when the user set none
	 * (Micrometer's)
	 * @param listenerFactories the features listening to pool events
	 * @param loadWindow how far back the recent view of each pool's load reaches
	 */
	public HikariTuner(TuningSettings settings, DatabaseInspector inspector, PoolRegistry registry,
			Supplier<@Nullable MetricsTrackerFactory> defaultTrackerFactory,
			Supplier<List<PoolEventListenerFactory>> listenerFactories, Duration loadWindow) {
		this.settings = settings;
		this.inspector = inspector;
		this.registry = registry;
		this.defaultTrackerFactory = defaultTrackerFactory;
		this.listenerFactories = listenerFactories;
		this.loadWindow = loadWindow;
	}

	/**
	 * Tune a pool and register it.
	 * @param beanName the data source's bean name
	 * @param dataSource the pool
	 * @param explicit which properties the user set
	 * @return the registered pool
	 */
	public ManagedPool tune(String beanName, HikariDataSource dataSource, ExplicitSettings explicit) {
		boolean started = dataSource.getHikariPoolMXBean() != null;
		List<String> changes = new ArrayList<>();
		// read before tuning sets a size of its own
		ConfiguredMaximum configuredMaximum = explicit.isSet("maximumPoolSize")
				? new ConfiguredMaximum(dataSource.getMaximumPoolSize(), explicit.nameOf("maximumPoolSize")) : null;
		if (!started && !explicit.isSet("poolName")) {
			// the bean name is what users search their logs for; HikariPool-N says
			// nothing
			dataSource.setPoolName(beanName);
		}
		DatabaseFacts facts = this.settings.inspectDatabase() ? this.inspector.inspect(dataSource)
				: DatabaseFacts.UNKNOWN;
		boolean apply = this.settings.applyDefaults();
		if (apply && !explicit.isSet("connectionTimeout")) {
			dataSource.setConnectionTimeout(this.settings.connectionTimeout().toMillis());
			changes.add("connectionTimeout=" + dataSource.getConnectionTimeout() + "ms");
		}
		if (apply && !started) {
			tuneLifetimes(dataSource, explicit, facts, changes);
		}
		if (apply && !explicit.isSet("maximumPoolSize")) {
			InitialPoolSize size = InitialPoolSize.choose(this.settings, facts.connectionBudget());
			dataSource.setMaximumPoolSize(size.size());
			changes.add("maximumPoolSize=" + size.size() + " (" + size.reason() + ")");
		}
		List<PoolAdvice> advice = new PoolAdvisor(explicit::nameOf).advise(dataSource, facts);
		ManagedPool pool = new ManagedPool(beanName, dataSource, facts, advice, new PoolLoad(this.loadWindow),
				configuredMaximum);
		installTracker(pool, started, changes);
		this.registry.register(pool);
		log(pool, started, changes);
		return pool;
	}

	private void tuneLifetimes(HikariDataSource dataSource, ExplicitSettings explicit, DatabaseFacts facts,
			List<String> changes) {
		Duration serverTimeout = facts.enforcedIdleSessionTimeout();
		if (!explicit.isSet("maxLifetime") && serverTimeout != null) {
			// retire connections 30 s before the server would close them, within
			// HikariCP's 30 s floor
			long lifetime = serverTimeout.toMillis() - HIKARI_MIN_LIFETIME;
			if (lifetime >= HIKARI_MIN_LIFETIME && lifetime < dataSource.getMaxLifetime()) {
				dataSource.setMaxLifetime(lifetime);
				changes.add("maxLifetime=" + lifetime + "ms (below the server's idle timeout of "
						+ serverTimeout.toMillis() + "ms)");
			}
		}
		if (!explicit.isSet("keepaliveTime")) {
			long keepalive = this.settings.keepaliveTime().toMillis();
			long maxLifetime = dataSource.getMaxLifetime();
			if (maxLifetime > 0 && keepalive >= maxLifetime) {
				keepalive = Math.max(HIKARI_MIN_LIFETIME, maxLifetime / 2);
			}
			if (keepalive != dataSource.getKeepaliveTime()) {
				dataSource.setKeepaliveTime(keepalive);
				changes.add("keepaliveTime=" + keepalive + "ms");
			}
		}
	}

	private void installTracker(ManagedPool pool, boolean started, List<String> changes) {
		HikariDataSource dataSource = pool.dataSource();
		MetricsTrackerFactory userFactory = dataSource.getMetricsTrackerFactory();
		if (dataSource.getMetricRegistry() != null || (started && userFactory != null)) {
			changes.add("connection events unavailable (the pool reports to its own metrics registry)");
			return;
		}
		PoolPilotMetricsTrackerFactory factory = new PoolPilotMetricsTrackerFactory(pool, userFactory,
				this.defaultTrackerFactory, this.listenerFactories);
		dataSource.setMetricsTrackerFactory(factory);
		if (!started) {
			// a broken connection's eviction is reported through the exception override,
			// not the tracker
			dataSource.setExceptionOverride(new BrokenConnectionOverride(dataSource.getExceptionOverride(), factory));
		}
	}

	private void log(ManagedPool pool, boolean started, List<String> changes) {
		if (logger.isInfoEnabled()) {
			StringBuilder message = new StringBuilder(pool.name()).append(" - ");
			message.append(started ? "already started; tuned at runtime: " : "tuned by Pool Pilot: ");
			message.append(changes.isEmpty() ? "no change" : String.join(", ", changes));
			message.append(describe(pool.databaseFacts()));
			logger.info(message);
		}
		for (PoolAdvice advice : pool.advice()) {
			logger.warn(pool.name() + " - " + advice.message());
		}
	}

	private static String describe(DatabaseFacts facts) {
		if (facts.product() == null || facts.maxConnections() == null) {
			return "";
		}
		return "; database " + facts.product() + " max_connections=" + facts.maxConnections() + ", reserved="
				+ facts.reservedConnections() + ", other clients=" + facts.otherConnections() + ", budget="
				+ facts.connectionBudget();
	}

}
