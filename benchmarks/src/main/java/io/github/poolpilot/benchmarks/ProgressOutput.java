package io.github.poolpilot.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output for a run that should print one table: everything JMH says, including the
 * forked JVMs' output, goes to a log file, and the console gets one line per benchmark
 * with its score, so that a long run still shows it is alive.
 *
 * @author Pool Pilot contributors
 */
final class ProgressOutput implements OutputFormat {

	private final OutputFormat log;

	private final PrintStream console;

	private final long started;

	private int benchmarks;

	ProgressOutput(OutputFormat log, PrintStream console, long started) {
		this.log = log;
		this.console = console;
		this.started = started;
	}

	@Override
	public void startBenchmark(BenchmarkParams params) {
		this.log.startBenchmark(params);
		this.benchmarks++;
		String benchmark = params.getBenchmark();
		String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
		this.console.printf(Locale.ROOT, "[%3d s] #%d %s, %d threads, %s ... ", elapsedSeconds(), this.benchmarks, name,
				params.getThreads(), params.getParam("variant"));
		this.console.flush();
	}

	@Override
	public void endBenchmark(BenchmarkResult result) {
		this.log.endBenchmark(result);
		if (result == null) {
			this.console.println("failed, see the log");
			return;
		}
		this.console.printf(Locale.ROOT, "%,.0f %s%n", result.getPrimaryResult().getScore(),
				result.getPrimaryResult().getScoreUnit());
	}

	@Override
	public void iteration(BenchmarkParams benchmarkParams, IterationParams params, int iteration) {
		this.log.iteration(benchmarkParams, params, iteration);
	}

	@Override
	public void iterationResult(BenchmarkParams benchmarkParams, IterationParams params, int iteration,
			IterationResult data) {
		this.log.iterationResult(benchmarkParams, params, iteration, data);
	}

	@Override
	public void startRun() {
		this.log.startRun();
	}

	@Override
	public void endRun(Collection<RunResult> result) {
		this.log.endRun(result);
	}

	@Override
	public void print(String s) {
		this.log.print(s);
	}

	@Override
	public void println(String s) {
		this.log.println(s);
	}

	@Override
	public void verbosePrintln(String s) {
		this.log.verbosePrintln(s);
	}

	@Override
	public void write(int b) {
		this.log.write(b);
	}

	@Override
	public void write(byte[] b) throws IOException {
		this.log.write(b);
	}

	@Override
	public void flush() {
		this.log.flush();
		this.console.flush();
	}

	@Override
	public void close() {
		// the log outlives one JMH run; its owner closes it
		this.log.flush();
	}

	private long elapsedSeconds() {
		return (System.nanoTime() - this.started) / 1_000_000_000L;
	}

}
