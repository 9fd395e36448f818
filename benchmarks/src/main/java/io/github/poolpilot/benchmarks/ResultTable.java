package io.github.poolpilot.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The results of one run as one table: per cycle and thread count, each variant's
 * throughput, time and allocation per operation, its ratio to the plain HikariCP pool
 * with the same metrics, and for Pool Pilot the verdict on its overhead targets
 * (throughput at equal CPU time at least {@link #THROUGHPUT_TARGET} of HikariCP's, no
 * more bytes per operation than HikariCP's plus {@link #ALLOCATION_TOLERANCE}). Ratios
 * are taken per round, between forks that ran one after the other, and summarised by
 * their median and range. The throughput verdict uses the ratio at equal CPU time, which
 * other processes on a shared machine do not distort; it is only "pass" or "miss" when
 * every round agrees, otherwise it says the difference is within the noise of the run.
 *
 * @author Pool Pilot contributors
 */
final class ResultTable {

	/**
	 * Pool Pilot's minimum throughput as a share of plain HikariCP's.
	 */
	static final double THROUGHPUT_TARGET = 0.97;

	/**
	 * Allocation differences below this are measurement noise: an object allocated on
	 * every operation costs at least 16 bytes.
	 */
	static final double ALLOCATION_TOLERANCE = 1.0;

	private static final String GC_NORM = "gc.alloc.rate.norm";

	private final List<Row> rows;

	private ResultTable(List<Row> rows) {
		this.rows = rows;
	}

	/**
	 * Build the table of a run.
	 * @param results the results of JMH
	 * @return the table
	 */
	static ResultTable of(Collection<RunResult> results) {
		List<Measurement> measurements = new ArrayList<>();
		for (RunResult result : results) {
			BenchmarkParams params = result.getParams();
			Result<?> primary = result.getPrimaryResult();
			Result<?> allocation = secondary(result.getSecondaryResults(), GC_NORM);
			Result<?> cpu = secondary(result.getSecondaryResults(), CpuTimeProfiler.RESULT);
			double[] forks = result.getBenchmarkResults()
				.stream()
				.mapToDouble((fork) -> fork.getPrimaryResult().getScore())
				.toArray();
			double[] forkCpu = result.getBenchmarkResults().stream().mapToDouble((fork) -> {
				Result<?> forkResult = secondary(fork.getSecondaryResults(), CpuTimeProfiler.RESULT);
				return (forkResult != null) ? forkResult.getScore() : Double.NaN;
			}).toArray();
			measurements.add(new Measurement(cycle(params.getBenchmark()), params.getThreads(),
					Variant.of(params.getParam("variant")), primary.getScore(), error(primary), forks,
					(cpu != null) ? cpu.getScore() : Double.NaN, forkCpu,
					(allocation != null) ? allocation.getScore() : Double.NaN,
					(allocation != null) ? error(allocation) : Double.NaN));
		}
		measurements.sort(Comparator.comparing(Measurement::cycle)
			.thenComparingInt(Measurement::threads)
			.thenComparing(Measurement::variant));
		List<Row> rows = new ArrayList<>();
		for (Measurement measurement : measurements) {
			Variant baseline = measurement.variant().baseline();
			Measurement base = (baseline != null) ? find(measurements, measurement, baseline) : null;
			rows.add(new Row(measurement, base));
		}
		return new ResultTable(rows);
	}

	/**
	 * Return the rows, ordered by cycle, thread count and variant.
	 * @return the rows
	 */
	List<Row> rows() {
		return this.rows;
	}

	/**
	 * Render the table as Markdown.
	 * @return the table
	 */
	String toMarkdown() {
		StringBuilder out = new StringBuilder();
		out.append(
				"| Cycle | Threads | Variant | ops/ms | CPU ns/op | B/op | vs HikariCP, CPU | vs HikariCP, wall clock "
						+ "| ≥ 97% throughput | B/op ≤ HikariCP |\n");
		out.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
		for (Row row : this.rows) {
			Measurement m = row.measurement();
			out.append("| ").append(m.cycle()).append(m.contended() ? ", contended" : ", uncontended").append(" | ");
			out.append(m.threads()).append(" | ");
			out.append(m.variant().label()).append(" | ");
			out.append(format("%,.0f ± %,.0f", m.opsPerMs(), m.opsPerMsError())).append(" | ");
			out.append(Double.isNaN(m.cpuNanosPerOp()) ? "n/a" : format("%,.0f", m.cpuNanosPerOp())).append(" | ");
			out.append(Double.isNaN(m.bytesPerOp()) ? "n/a" : format("%.1f", m.bytesPerOp())).append(" | ");
			out.append(row.ratioText(row.cpu())).append(" | ").append(row.ratioText(row.wallClock())).append(" | ");
			out.append(row.throughputVerdict()).append(" | ").append(row.allocationVerdict()).append(" |\n");
		}
		return out.toString();
	}

	/**
	 * Render the table as CSV, one line per row with a header line.
	 * @return the CSV text
	 */
	String toCsv() {
		StringBuilder out = new StringBuilder("cycle,threads,variant,ops_per_ms,ops_per_ms_error,cpu_ns_per_op,"
				+ "ns_per_op_per_thread,bytes_per_op,bytes_per_op_error,baseline,cpu_ratio_median,cpu_ratio_min,"
				+ "cpu_ratio_max,wall_ratio_median,wall_ratio_min,wall_ratio_max,throughput_verdict,"
				+ "allocation_verdict\n");
		for (Row row : this.rows) {
			Measurement m = row.measurement();
			Measurement base = row.baseline();
			Ratios cpu = row.cpu();
			Ratios wall = row.wallClock();
			out.append(String.join(",", m.cycle(), Integer.toString(m.threads()), m.variant().id(),
					format("%.3f", m.opsPerMs()), format("%.3f", m.opsPerMsError()), format("%.3f", m.cpuNanosPerOp()),
					format("%.3f", m.nanosPerOp()), format("%.3f", m.bytesPerOp()), format("%.3f", m.bytesPerOpError()),
					(base != null) ? base.variant().id() : "", format("%.4f", cpu.median()), format("%.4f", cpu.min()),
					format("%.4f", cpu.max()), format("%.4f", wall.median()), format("%.4f", wall.min()),
					format("%.4f", wall.max()), row.throughputVerdict(), row.allocationVerdict()));
			out.append('\n');
		}
		return out.toString();
	}

	private static @Nullable Measurement find(List<Measurement> measurements, Measurement of, Variant variant) {
		for (Measurement candidate : measurements) {
			if (candidate.variant() == variant && candidate.cycle().equals(of.cycle())
					&& candidate.threads() == of.threads()) {
				return candidate;
			}
		}
		return null;
	}

	private static @Nullable Result<?> secondary(Map<String, Result> results, String suffix) {
		for (Map.Entry<String, Result> entry : results.entrySet()) {
			if (entry.getKey().endsWith(suffix)) {
				return entry.getValue();
			}
		}
		return null;
	}

	private static double error(Result<?> result) {
		double error = result.getScoreError();
		return Double.isNaN(error) ? 0 : error;
	}

	private static String cycle(String benchmark) {
		String[] parts = benchmark.split("\\.");
		String type = parts[parts.length - 2];
		if (type.startsWith("Database")) {
			return "database select 1";
		}
		return type.startsWith("Connection") ? "connection" : type.startsWith("Statement") ? "statement" : type;
	}

	private static String format(String format, double value) {
		return String.format(Locale.ROOT, format, value);
	}

	private static String format(String format, double value, double error) {
		return String.format(Locale.ROOT, format, value, error);
	}

	/**
	 * One benchmark's figures.
	 *
	 * @param cycle the cycle: connection or statement
	 * @param threads the thread count
	 * @param variant the variant
	 * @param opsPerMs throughput, all threads together
	 * @param opsPerMsError half-width of its 99.9% confidence interval
	 * @param forkOpsPerMs throughput of each fork, in the order of the rounds they ran in
	 * @param cpuNanosPerOp the benchmark JVM's CPU time per operation, or NaN without
	 * {@link CpuTimeProfiler}
	 * @param forkCpuNanosPerOp CPU time per operation of each fork, in the order of the
	 * rounds
	 * @param bytesPerOp allocation per operation, or NaN without the GC profiler
	 * @param bytesPerOpError half-width of its 99.9% confidence interval
	 */
	record Measurement(String cycle, int threads, Variant variant, double opsPerMs, double opsPerMsError,
			double[] forkOpsPerMs, double cpuNanosPerOp, double[] forkCpuNanosPerOp, double bytesPerOp,
			double bytesPerOpError) {

		/**
		 * Return whether more threads than connections competed for the pool.
		 * @return whether the benchmark was contended
		 */
		boolean contended() {
			return this.threads > Variant.POOL_SIZE;
		}

		/**
		 * Return the time one thread spends per operation, as JMH's average-time mode
		 * would report it.
		 * @return nanoseconds
		 */
		double nanosPerOp() {
			return this.threads * 1_000_000.0 / this.opsPerMs;
		}

	}

	/**
	 * One line of the table: a measurement and the plain HikariCP measurement it is
	 * compared with.
	 *
	 * @param measurement the measurement
	 * @param baseline the baseline, or {@code null} for the floor
	 */
	record Row(Measurement measurement, @Nullable Measurement baseline) {

		/**
		 * Return the throughput ratios of the rounds: this fork's wall-clock throughput
		 * over the baseline's fork of the same round, which ran right before or after it.
		 * @return the ratios
		 */
		Ratios wallClock() {
			if (this.baseline == null) {
				return Ratios.NONE;
			}
			return Ratios.of(this.measurement.forkOpsPerMs(), this.baseline.forkOpsPerMs(), false);
		}

		/**
		 * Return the throughput ratios at equal CPU time of the rounds: the baseline's
		 * CPU time per operation over this one's, which is the throughput ratio of a
		 * dedicated machine.
		 * @return the ratios
		 */
		Ratios cpu() {
			if (this.baseline == null) {
				return Ratios.NONE;
			}
			return Ratios.of(this.measurement.forkCpuNanosPerOp(), this.baseline.forkCpuNanosPerOp(), true);
		}

		String ratioText(Ratios ratios) {
			if (this.measurement.variant().baseline() == null) {
				return "baseline";
			}
			return ratios.toString();
		}

		String throughputVerdict() {
			Ratios ratios = cpu();
			if (!this.measurement.variant().isPoolPilot() || ratios.isEmpty()) {
				return "";
			}
			if (ratios.min() >= THROUGHPUT_TARGET) {
				return "pass";
			}
			if (ratios.max() < THROUGHPUT_TARGET) {
				return "miss";
			}
			return (ratios.median() >= THROUGHPUT_TARGET) ? "pass (within noise)" : "miss (within noise)";
		}

		String allocationVerdict() {
			if (!this.measurement.variant().isPoolPilot() || this.baseline == null) {
				return "";
			}
			if (Double.isNaN(this.measurement.bytesPerOp()) || Double.isNaN(this.baseline.bytesPerOp())) {
				return "not measured";
			}
			double extra = this.measurement.bytesPerOp() - this.baseline.bytesPerOp();
			if (extra <= ALLOCATION_TOLERANCE) {
				return "pass";
			}
			double error = this.measurement.bytesPerOpError() + this.baseline.bytesPerOpError();
			String difference = String.format(Locale.ROOT, "+%.1f B", extra);
			return (extra - error <= ALLOCATION_TOLERANCE) ? "pass (within noise, " + difference + ")"
					: "miss (" + difference + ")";
		}

	}

	/**
	 * Per-round ratios of a variant to its baseline, sorted.
	 *
	 * @param values the ratios
	 */
	record Ratios(double[] values) {

		static final Ratios NONE = new Ratios(new double[0]);

		static Ratios of(double[] own, double[] base, boolean inverse) {
			int rounds = Math.min(own.length, base.length);
			double[] values = new double[rounds];
			for (int i = 0; i < rounds; i++) {
				values[i] = inverse ? base[i] / own[i] : own[i] / base[i];
			}
			Arrays.sort(values);
			return new Ratios(values);
		}

		boolean isEmpty() {
			return this.values.length == 0 || Double.isNaN(median());
		}

		double median() {
			if (this.values.length == 0) {
				return Double.NaN;
			}
			int middle = this.values.length / 2;
			return (this.values.length % 2 == 1) ? this.values[middle]
					: (this.values[middle - 1] + this.values[middle]) / 2;
		}

		double min() {
			return (this.values.length > 0) ? this.values[0] : Double.NaN;
		}

		double max() {
			return (this.values.length > 0) ? this.values[this.values.length - 1] : Double.NaN;
		}

		@Override
		public String toString() {
			if (isEmpty()) {
				return "n/a";
			}
			return String.format(Locale.ROOT, "%.1f%% (%.0f–%.0f)", 100 * median(), 100 * min(), 100 * max());
		}

	}

}
