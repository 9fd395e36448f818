package io.github.poolpilot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link GuardCheckBench} with the GC and CPU-time profilers and prints one table:
 * the check's cost in each situation (wall clock and CPU time per call), its allocation,
 * and the verdict on the target for a call made while no transaction holds a connection
 * (at most 50 ns of CPU and 0 B/op).
 *
 * @author Pool Pilot contributors
 */
final class GuardCheckReport {

	static final double TARGET_NANOS = 50;

	private GuardCheckReport() {
	}

	static void run(Path out, int forks) throws IOException, RunnerException {
		OptionsBuilder options = new OptionsBuilder();
		options.include(GuardCheckBench.class.getName())
			.forks(forks)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.addProfiler(GCProfiler.class)
			.addProfiler(CpuTimeProfiler.class)
			.jvmArgsAppend("-Xms512m", "-Xmx512m")
			.shouldFailOnError(true);
		Collection<RunResult> results = new Runner(options.build()).run();
		ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve("guard-result.json").toString())
			.writeOut(results);
		StringBuilder table = new StringBuilder();
		table.append(
				"| Situation of the calling thread | ns/op | CPU ns/op | B/op | Target: ≤ 50 ns (CPU) and 0 B/op when no "
						+ "transaction holds a connection |\n");
		table.append("| --- | ---: | ---: | ---: | --- |\n");
		for (RunResult result : results) {
			String situation = result.getParams().getParam("situation");
			Result<?> time = result.getPrimaryResult();
			Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
			double bytes = (allocation != null) ? allocation.getScore() : Double.NaN;
			Result<?> cpu = result.getSecondaryResults().get(CpuTimeProfiler.RESULT);
			double cpuNanos = (cpu != null) ? cpu.getScore() : Double.NaN;
			String verdict = "";
			if (!situation.equals("transaction-with-connection")) {
				// -prof gc reports a few hundredths of a byte per operation of JMH's own
				// bookkeeping
				// CPU time per call: on a shared machine the wall-clock average includes
				// time other processes took
				boolean pass = cpuNanos <= TARGET_NANOS && bytes < 1;
				verdict = pass ? "pass" : "miss";
			}
			else {
				verdict = "(a violation: stack walk and record; not a target)";
			}
			table.append(String.format(Locale.ROOT, "| %s | %.1f ± %.1f | %.1f | %.2f | %s |%n", situation,
					time.getScore(), time.getScoreError(), cpuNanos, bytes, verdict));
		}
		System.out.println();
		System.out.print(table);
		Files.writeString(out.resolve("guard.md"), table.toString());
		System.out.println("Written: " + out.resolve("guard.md") + ", " + out.resolve("guard-result.json"));
	}

}
