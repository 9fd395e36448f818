package io.github.poolpilot.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;
import picocli.CommandLine.ParameterException;

/**
 * Runs the connection and statement cycles for every {@link Variant}, and the
 * real-database transaction ({@link DatabaseCycleBench}) for plain HikariCP and Pool
 * Pilot, in one JMH run, with the GC profiler, and prints one table of the results with
 * the ratios to plain HikariCP and the verdicts on Pool Pilot's overhead targets
 * ({@link ResultTable}). {@code --quick} (the default) takes a few minutes on two cores;
 * {@code --full} is for published figures. The table, a CSV file, JMH's JSON results and
 * its full log are written next to the jar ({@code benchmarks/target}) or to
 * {@code --out=DIR}. Options: {@code --variants=hikari,poolpilot,...} and
 * {@code --benchmarks=REGEX} narrow the run; {@code --database} runs only the
 * real-database cycle; {@code --guard} runs the guard's per-call check instead
 * ({@link GuardCheckReport}). {@link BenchmarkOptions} parses them.
 *
 * @author Pool Pilot contributors
 */
public final class BenchmarkRunner {

	private BenchmarkRunner() {
	}

	/**
	 * Run the benchmarks.
	 * @param args {@code --quick} or {@code --full}, and optionally {@code --variants=},
	 * {@code --benchmarks=}, {@code --out=}
	 * @throws Exception if a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args, new PrintWriter(System.out, true));
		}
		catch (ParameterException ex) {
			System.err.println("benchmarks: " + ex.getMessage() + " (--help lists the options)");
			System.exit(2);
			return;
		}
		if (options == null) {
			return;
		}
		Settings settings = options.full() ? Settings.FULL : Settings.QUICK;
		boolean guard = options.guard();
		List<String> variants = options.variants();
		List<String> benchmarks = options.benchmarks();
		Path out = (options.out() != null) ? options.out() : defaultOutputDirectory();
		Integer rounds = options.rounds();
		if (rounds != null) {
			settings = settings.withRounds(rounds);
		}
		Files.createDirectories(out);
		if (guard) {
			GuardCheckReport.run(out, options.full() ? 4 : 2);
			return;
		}
		run(settings, variants, benchmarks, out, String.join(" ", args));
	}

	private static void run(Settings settings, List<String> variants, List<String> benchmarks, Path out,
			String arguments) throws IOException, RunnerException {
		ClassLoader classLoader = BenchmarkRunner.class.getClassLoader();
		List<String> autoConfigurations = PoolPilotApplication.poolPilotAutoConfigurations(classLoader);
		boolean registered = PoolPilotApplication.isRegistered(classLoader);
		ChainedOptionsBuilder options = new OptionsBuilder().forks(1)
			.warmupIterations(settings.warmupIterations())
			.warmupTime(settings.iterationTime())
			.measurementIterations(settings.measurementIterations())
			.measurementTime(settings.iterationTime())
			.addProfiler(GCProfiler.class)
			.addProfiler(CpuTimeProfiler.class)
			.jvmArgsAppend("-Xms1g", "-Xmx1g")
			.shouldFailOnError(true);
		if (benchmarks.isEmpty()) {
			options.include(ConnectionBench.class.getName())
				.include(StatementBench.class.getName())
				.include(DatabaseCycleBench.class.getName());
		}
		benchmarks.forEach(options::include);
		if (!variants.isEmpty()) {
			options.param("variant", variants.toArray(String[]::new));
		}
		String header = header(settings, arguments, autoConfigurations, registered);
		System.out.print(header);
		System.out.println("JMH's full output: " + out.resolve("jmh-output.txt"));
		Collection<RunResult> results;
		try (PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("jmh-output.txt")), true,
				StandardCharsets.UTF_8)) {
			results = runRounds(settings.rounds(), options, log);
		}
		ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve("jmh-result.json").toString())
			.writeOut(results);
		ResultTable table = ResultTable.of(results);
		String report = header + "\n" + table.toMarkdown() + "\n" + legend();
		Files.writeString(out.resolve("benchmarks.md"), report);
		Files.writeString(out.resolve("benchmarks.csv"), table.toCsv());
		System.out.println();
		System.out.println(table.toMarkdown());
		System.out.println(legend());
		System.out.println("Written: " + out.resolve("benchmarks.md") + ", " + out.resolve("benchmarks.csv") + ", "
				+ out.resolve("jmh-result.json"));
	}

	/*
	 * Run every benchmark once per round, one fork each, and merge the forks of each
	 * benchmark. Rounds rather than consecutive forks spread a disturbance of a shared
	 * machine over all variants instead of one.
	 */
	private static Collection<RunResult> runRounds(int rounds, ChainedOptionsBuilder options, PrintStream log)
			throws RunnerException {
		Map<String, BenchmarkParams> params = new LinkedHashMap<>();
		Map<String, List<BenchmarkResult>> forks = new LinkedHashMap<>();
		long started = System.nanoTime();
		for (int round = 1; round <= rounds; round++) {
			System.out.printf(Locale.ROOT, "Round %d of %d%n", round, rounds);
			ProgressOutput output = new ProgressOutput(
					OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL), System.out, started);
			for (RunResult result : new Runner(options.build(), output).run()) {
				String key = result.getParams().id();
				params.putIfAbsent(key, result.getParams());
				forks.computeIfAbsent(key, (k) -> new ArrayList<>()).addAll(result.getBenchmarkResults());
			}
		}
		List<RunResult> results = new ArrayList<>();
		forks.forEach((key, benchmarkResults) -> results.add(new RunResult(params.get(key), benchmarkResults)));
		return results;
	}

	private static String header(Settings settings, String arguments, List<String> autoConfigurations,
			boolean registered) {
		StringBuilder header = new StringBuilder();
		header.append("Pool Pilot overhead benchmarks, ").append(settings.name()).append(" mode\n\n");
		header.append("- Date: ")
			.append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
			.append('\n');
		header.append("- Machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.arch"))
			.append('\n');
		header.append("- JDK: ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append('\n');
		header.append("- JMH ")
			.append(Version.getPlainVersion())
			.append(": ")
			.append(settings.describe())
			.append(", -prof gc, pool size ")
			.append(Variant.POOL_SIZE)
			.append('\n');
		header.append("- Command: `java -jar benchmarks/target/benchmarks.jar")
			.append(arguments.isEmpty() ? "" : " " + arguments)
			.append("`\n");
		header.append("- Pool Pilot auto-configurations: ").append(String.join(", ", autoConfigurations));
		if (!registered) {
			header.append(" (Pool Pilot's AutoConfiguration.imports was not found on the class path: only "
					+ "PoolPilotAutoConfiguration is measured)");
		}
		header.append('\n');
		return header.toString();
	}

	private static String legend() {
		return String.format(Locale.ROOT, """
				ops/ms: wall-clock throughput of all threads together, ± its 99.9%% confidence interval. \
				CPU ns/op: the benchmark JVM's CPU time per operation (CpuTimeProfiler), which other processes \
				on the machine do not inflate. B/op: -prof gc's gc.alloc.rate.norm. vs HikariCP: relative to \
				plain HikariCP with the same metrics (none, or Micrometer's tracker), as the median of the \
				rounds' paired ratios with their range in brackets; "CPU" is the throughput ratio at equal CPU \
				time (the baseline's CPU ns/op over the variant's), "wall clock" the ratio of measured \
				throughput. Targets (Pool Pilot only): throughput at equal CPU ≥ %.0f%% of HikariCP's; B/op no \
				more than HikariCP's + %.0f B (an object per operation costs at least 16 B). "within noise": \
				the rounds, or the allocation's error, do not agree on the verdict.
				""", 100 * ResultTable.THROUGHPUT_TARGET, ResultTable.ALLOCATION_TOLERANCE);
	}

	private static Path defaultOutputDirectory() {
		try {
			Path jar = Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return Files.isRegularFile(jar) ? jar.getParent() : Path.of("target");
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("target");
		}
	}

	/**
	 * How long a run measures.
	 *
	 * @param name the mode's name
	 * @param rounds how many rounds, each with one fork of every benchmark
	 * @param warmupIterations warm-up iterations per fork
	 * @param measurementIterations measurement iterations per fork
	 * @param iterationTime the length of an iteration
	 */
	private record Settings(String name, int rounds, int warmupIterations, int measurementIterations,
			TimeValue iterationTime) {

		static final Settings QUICK = new Settings("quick", 3, 2, 3, TimeValue.seconds(1));

		static final Settings FULL = new Settings("full", 6, 3, 5, TimeValue.seconds(2));

		Settings withRounds(int rounds) {
			return new Settings(this.name, rounds, this.warmupIterations, this.measurementIterations,
					this.iterationTime);
		}

		String describe() {
			return String.format(Locale.ROOT,
					"%d forks per benchmark, run as %d interleaved rounds of one fork; "
							+ "%d warm-up and %d measurement iterations of %s",
					this.rounds, this.rounds, this.warmupIterations, this.measurementIterations, this.iterationTime);
		}

	}

}
