package io.github.poolpilot.benchmarks.scenario;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.fleet.FleetCoordinator;
import io.github.poolpilot.fleet.FleetMember;
import io.github.poolpilot.fleet.FleetReplica;
import io.github.poolpilot.fleet.FleetView;
import io.github.poolpilot.sizing.PoolSizingState;
import io.github.poolpilot.sizing.SizingController;
import io.github.poolpilot.sizing.SizingDecision;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One replica of the fleet scenario's service, run by {@link FleetScenario} in a JVM of
 * its own: a Spring application with Boot's data source (and Pool Pilot, for the fleet
 * contender) under its own open-model load. It tells the driver what it measures through
 * its standard output (a sample of its pool every {@link #PERIOD_MS} ms, and each
 * request's outcome); the replicas themselves coordinate only through the database.
 * Arguments are {@code key=value}: {@code t0} (the scenario's start, epoch milliseconds),
 * {@code id}, {@code contender} ({@code poolpilot}, {@code boot} or {@code split}),
 * {@code url}, {@code user}, {@code rate}, {@code sql}, {@code end} (milliseconds after
 * {@code t0}) and {@code size} (the split's pool size).
 *
 * @author Pool Pilot contributors
 */
public final class Replica {

	/**
	 * How often a replica samples its pool.
	 */
	static final long PERIOD_MS = 200;

	/**
	 * The service's {@code spring.application.name}, the same in every replica.
	 */
	static final String APPLICATION = "orders";

	private static final String AUTO_CONFIGURATION_PACKAGE = "io.github.poolpilot.";

	private Replica() {
	}

	/**
	 * Run the replica until its end, then exit.
	 * @param args the arguments
	 * @throws Exception if it fails to start
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			options.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		long t0 = Long.parseLong(options.get("t0"));
		// nanoTime of the scenario's start, so that every instant is on the driver's
		// scale
		long origin = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - t0);
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
		ConfigurableApplicationContext context = PoolPilotContext.start(properties(options));
		DataSource dataSource = context.getBean(DataSource.class);
		HikariDataSource pool = DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class);
		FleetCoordinator coordinator = context.getBeanProvider(FleetCoordinator.class).getIfAvailable();
		SizingController sizing = context.getBeanProvider(SizingController.class).getIfAvailable();
		// Boot's pool starts on the first borrow; a stock pool refused by the server
		// stays unstarted and every request tries again, as in production
		try (Connection connection = dataSource.getConnection()) {
			connection.isValid(1);
		}
		catch (SQLException | RuntimeException ex) {
			System.err.println("first connection failed: " + ex);
		}
		long ready = System.nanoTime();
		print(out, ReplicaTrace.READY + " " + TimeUnit.NANOSECONDS.toMillis(ready - origin));
		ReplicaLoad load = new ReplicaLoad(dataSource, Work.query(options.get("sql")),
				Double.parseDouble(options.get("rate")));
		ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
		DecisionLog decisions = new DecisionLog(sizing, pool);
		reporter.scheduleAtFixedRate(() -> {
			report(out, origin, pool, coordinator, load);
			decisions.print(origin);
		}, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
		long end = origin + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(options.get("end")));
		load.run(ready, end, 10);
		reporter.shutdown();
		reporter.awaitTermination(5, TimeUnit.SECONDS);
		report(out, origin, pool, coordinator, load);
		print(out, "DONE");
		context.close();
		System.exit(0);
	}

	private static Map<String, Object> properties(Map<String, String> options) {
		String id = options.get("id");
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.application.name", APPLICATION);
		properties.put("spring.datasource.url", options.get("url"));
		properties.put("spring.datasource.username", options.get("user"));
		// every contender gives up waiting for a connection alike (Pool Pilot's tuned
		// default; HikariCP's own is 30 s)
		properties.put("spring.datasource.hikari.connection-timeout", Contender.CONNECTION_TIMEOUT_MS);
		switch (options.get("contender")) {
			case "poolpilot" -> {
				properties.put("poolpilot.sizing.mode", "auto");
				properties.put("poolpilot.fleet.replica-id", id);
			}
			case "boot" -> withoutPoolPilot(properties, id);
			case "split" -> {
				withoutPoolPilot(properties, id);
				properties.put("spring.datasource.hikari.maximum-pool-size", Integer.parseInt(options.get("size")));
			}
			default -> throw new IllegalArgumentException("Unknown contender " + options.get("contender"));
		}
		return properties;
	}

	private static void withoutPoolPilot(Map<String, Object> properties, String id) {
		List<String> poolPilot = ImportCandidates.load(AutoConfiguration.class, Replica.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith(AUTO_CONFIGURATION_PACKAGE))
			.toList();
		properties.put("spring.autoconfigure.exclude", String.join(",", poolPilot));
		// the fleet names the sessions of its replicas; here the driver does, to tell
		// them apart in pg_stat_activity
		properties.put("spring.datasource.hikari.data-source-properties.ApplicationName", APPLICATION + " " + id);
	}

	private static void report(PrintStream out, long origin, @Nullable HikariDataSource pool,
			@Nullable FleetCoordinator coordinator, ReplicaLoad load) {
		long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin);
		HikariPoolMXBean bean = (pool != null) ? pool.getHikariPoolMXBean() : null;
		FleetMember member = (coordinator != null && pool != null) ? coordinator.member(pool.getPoolName()) : null;
		FleetView view = (member != null) ? member.view() : null;
		int demand = -1;
		if (view != null) {
			demand = view.replicas()
				.stream()
				.filter((replica) -> replica.replica().equals(member.replica()))
				.mapToInt(FleetReplica::demand)
				.findFirst()
				.orElse(-1);
		}
		ReplicaSample sample = new ReplicaSample(now, (bean != null) ? bean.getTotalConnections() : 0,
				(bean != null) ? bean.getActiveConnections() : 0,
				(bean != null) ? bean.getThreadsAwaitingConnection() : 0,
				(pool != null) ? pool.getMaximumPoolSize() : 0, (view != null) ? view.share() : -1,
				(view != null) ? view.fairShare() : -1, demand, (view != null) ? view.budget() : -1,
				(view != null) ? view.replicas().size() : -1);
		String requests = load.drain()
			.stream()
			.map((outcome) -> new ReplicaTrace.Request(TimeUnit.NANOSECONDS.toMillis(outcome.due() - origin),
					outcome.latencyNanos() / 1e6, outcome.kind())
				.line())
			.collect(Collectors.joining("\n"));
		print(out, requests.isEmpty() ? sample.line() : requests + "\n" + sample.line());
	}

	private static synchronized void print(PrintStream out, String lines) {
		out.println(lines);
		out.flush();
	}

	/**
	 * Writes the sizing controller's decisions to the replica's log (its standard error)
	 * as they change, holds included, so that a run can be read afterwards.
	 */
	private static final class DecisionLog {

		private final @Nullable SizingController sizing;

		private final @Nullable String pool;

		private @Nullable String last;

		DecisionLog(@Nullable SizingController sizing, @Nullable HikariDataSource pool) {
			this.sizing = sizing;
			this.pool = (pool != null) ? pool.getPoolName() : null;
		}

		void print(long origin) {
			PoolSizingState state = (this.sizing != null && this.pool != null) ? this.sizing.state(this.pool) : null;
			SizingDecision decision = (state != null) ? state.lastDecision() : null;
			if (decision == null) {
				return;
			}
			String line = decision.state() + " " + state.maximumPoolSize() + ": " + decision.reason();
			if (!line.equals(this.last)) {
				this.last = line;
				System.err.println(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin) + " ms " + line);
			}
		}

	}

}
