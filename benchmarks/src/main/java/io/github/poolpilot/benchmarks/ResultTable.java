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
 * The results of one run as one table: per cycle and thread count, each variant's throughput, time and
 * allocation per operation, its ratio to the plain HikariCP pool with the same metrics, and for Pool Pilot the
 * verdict on issue 7's targets. Throughput ratios are taken per round, between forks that ran one after the
 * other, and summarised by their median and range; a verdict is only "pass" or "miss" when every round agrees,
 * otherwise it says the difference is within the noise of the run.
 */
final class ResultTable {

	/**
	 * Pool Pilot's minimum throughput as a share of plain HikariCP's.
	 */
	static final double THROUGHPUT_TARGET = 0.97;

	/**
	 * Allocation differences below this are measurement noise: an object allocated on every operation costs at
	 * least 16 bytes.
	 */
	static final double ALLOCATION_TOLERANCE = 1.0;

	private static final String GC_NORM = "gc.alloc.rate.norm";

	private final List<Row> rows;

	private ResultTable(List<Row> rows) {
		this.rows = rows;
	}

	/**
	 * Build the table of a run.
	 * @param results JMH's results
	 * @return the table
	 */
	static ResultTable of(Collection<RunResult> results) {
		List<Measurement> measurements = new ArrayList<>();
		for (RunResult result : results) {
			BenchmarkParams params = result.getParams();
			Result<?> primary = result.getPrimaryResult();
			Result<?> allocation = secondary(result.getSecondaryResults(), GC_NORM);
			double[] forks = result.getBenchmarkResults()
				.stream()
				.mapToDouble((fork) -> fork.getPrimaryResult().getScore())
				.toArray();
			measurements.add(new Measurement(cycle(params.getBenchmark()), params.getThreads(),
					Variant.of(params.getParam("variant")), primary.getScore(), error(primary), forks,
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
		out.append("| Cycle | Threads | Variant | ops/ms | ns/op | B/op | vs HikariCP | ≥ 97% throughput | B/op ≤ HikariCP |\n");
		out.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
		for (Row row : this.rows) {
			Measurement m = row.measurement();
			out.append("| ").append(m.cycle()).append(m.contended() ? ", contended" : ", uncontended").append(" | ");
			out.append(m.threads()).append(" | ");
			out.append(m.variant().label()).append(" | ");
			out.append(format("%,.0f ± %,.0f", m.opsPerMs(), m.opsPerMsError())).append(" | ");
			out.append(format("%,.0f", m.nanosPerOp())).append(" | ");
			out.append(Double.isNaN(m.bytesPerOp()) ? "n/a" : format("%.1f", m.bytesPerOp())).append(" | ");
			out.append(row.ratioText()).append(" | ");
			out.append(row.throughputVerdict()).append(" | ").append(row.allocationVerdict()).append(" |\n");
		}
		return out.toString();
	}

	/**
	 * Render the table as CSV, one line per row with a header line.
	 * @return the CSV text
	 */
	String toCsv() {
		StringBuilder out = new StringBuilder("cycle,threads,variant,ops_per_ms,ops_per_ms_error,ns_per_op,"
				+ "bytes_per_op,bytes_per_op_error,baseline,ratio_median,ratio_min,ratio_max,throughput_verdict,"
				+ "allocation_verdict\n");
		for (Row row : this.rows) {
			Measurement m = row.measurement();
			Measurement base = row.baseline();
			out.append(String.join(",", m.cycle(), Integer.toString(m.threads()), m.variant().id(),
					format("%.3f", m.opsPerMs()), format("%.3f", m.opsPerMsError()), format("%.3f", m.nanosPerOp()),
					format("%.3f", m.bytesPerOp()), format("%.3f", m.bytesPerOpError()),
					(base != null) ? base.variant().id() : "", format("%.4f", row.ratio()),
					format("%.4f", row.minRatio()), format("%.4f", row.maxRatio()), row.throughputVerdict(),
					row.allocationVerdict()));
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
	 * @param bytesPerOp allocation per operation, or NaN without the GC profiler
	 * @param bytesPerOpError half-width of its 99.9% confidence interval
	 */
	record Measurement(String cycle, int threads, Variant variant, double opsPerMs, double opsPerMsError,
			double[] forkOpsPerMs, double bytesPerOp, double bytesPerOpError) {

		/**
		 * Return whether more threads than connections competed for the pool.
		 * @return whether the benchmark was contended
		 */
		boolean contended() {
			return this.threads > Variant.POOL_SIZE;
		}

		/**
		 * Return the time one thread spends per operation, as JMH's average-time mode would report it.
		 * @return nanoseconds
		 */
		double nanosPerOp() {
			return this.threads * 1_000_000.0 / this.opsPerMs;
		}

	}

	/**
	 * One line of the table: a measurement and the plain HikariCP measurement it is compared with.
	 *
	 * @param measurement the measurement
	 * @param baseline the baseline, or {@code null} for the floor
	 */
	record Row(Measurement measurement, @Nullable Measurement baseline) {

		/**
		 * Return the throughput ratio of each round: this fork's over the baseline's fork of the same round,
		 * which ran right before or after it, so that a slow phase of a shared machine hits both.
		 * @return the ratios, sorted
		 */
		double[] roundRatios() {
			if (this.baseline == null) {
				return new double[0];
			}
			int rounds = Math.min(this.measurement.forkOpsPerMs().length, this.baseline.forkOpsPerMs().length);
			double[] ratios = new double[rounds];
			for (int i = 0; i < rounds; i++) {
				ratios[i] = this.measurement.forkOpsPerMs()[i] / this.baseline.forkOpsPerMs()[i];
			}
			Arrays.sort(ratios);
			return ratios;
		}

		/**
		 * Return the median of the per-round ratios.
		 * @return the ratio, NaN without a baseline
		 */
		double ratio() {
			double[] ratios = roundRatios();
			if (ratios.length == 0) {
				return Double.NaN;
			}
			int middle = ratios.length / 2;
			return (ratios.length % 2 == 1) ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
		}

		double minRatio() {
			double[] ratios = roundRatios();
			return (ratios.length > 0) ? ratios[0] : Double.NaN;
		}

		double maxRatio() {
			double[] ratios = roundRatios();
			return (ratios.length > 0) ? ratios[ratios.length - 1] : Double.NaN;
		}

		String ratioText() {
			if (this.measurement.variant().baseline() == null) {
				return "baseline";
			}
			double[] ratios = roundRatios();
			if (ratios.length == 0) {
				return "n/a";
			}
			return String.format(Locale.ROOT, "%.1f%% (%.0f–%.0f)", 100 * ratio(), 100 * ratios[0],
					100 * ratios[ratios.length - 1]);
		}

		String throughputVerdict() {
			double[] ratios = roundRatios();
			if (!this.measurement.variant().isPoolPilot() || ratios.length == 0) {
				return "";
			}
			if (ratios[0] >= THROUGHPUT_TARGET) {
				return "pass";
			}
			if (ratios[ratios.length - 1] < THROUGHPUT_TARGET) {
				return "miss";
			}
			return (ratio() >= THROUGHPUT_TARGET) ? "pass (within noise)" : "miss (within noise)";
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

}
