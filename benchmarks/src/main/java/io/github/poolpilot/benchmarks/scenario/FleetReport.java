package io.github.poolpilot.benchmarks.scenario;

import java.util.List;
import java.util.Locale;

/**
 * Writes the fleet scenario's tables: each replica's figures, the server's refusals and
 * sessions, and the targets.
 *
 * @author Pool Pilot contributors
 */
final class FleetReport {

	private FleetReport() {
	}

	/**
	 * Return the report as Markdown.
	 * @param environment where and when it ran
	 * @param timeline when the replicas started and the first was killed
	 * @param runs one run per contender
	 * @param verdicts the targets checked
	 * @return the report
	 */
	static String markdown(String environment, FleetScenario.Timeline timeline, List<FleetRun> runs,
			List<Verdict> verdicts) {
		StringBuilder report = new StringBuilder();
		report.append(environment).append("\n\n");
		report.append(format("Replicas a and b start at 0 s, c at %.0f s, a is killed (`kill -9`) at %.0f s, "
				+ "the loads end at %.0f s. Each replica: %.0f arrivals/s of `%s`, connection timeout %d ms.%n%n",
				timeline.joinAt() / 1e3, timeline.killAt() / 1e3, timeline.end() / 1e3, FleetScenario.RATE,
				FleetScenario.WORK, Contender.CONNECTION_TIMEOUT_MS));
		report.append("| contender | replica | ready at | requests | ok | timeouts | errors | p50 | p99 | "
				+ "p99 from 5 s after ready | peak connections |\n"
				+ "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (FleetRun run : runs) {
			for (ReplicaTrace replica : run.replicas()) {
				FleetRun.Figures figures = FleetRun.figures(replica);
				report.append(format("| %s | %s%s | %.1f s | %d | %d | %d | %d | %.0f ms | %.0f ms | %.0f ms | %d |%n",
						run.label(), replica.id(), (replica.killed() >= 0) ? " (killed)" : "", replica.ready() / 1e3,
						figures.requests(), figures.ok(), figures.timeouts(), figures.errors(), figures.p50Millis(),
						figures.p99Millis(), figures.p99WarmMillis(), figures.peakConnections()));
			}
		}
		report.append("\n| contender | refused: two replicas | three | after the kill | most sessions of the role | "
				+ "load average before, after |\n| --- | --- | --- | --- | --- | --- |\n");
		for (FleetRun run : runs) {
			report.append(format("| %s | %d | %d | %d | %d | %.2f, %.2f |%n", run.label(),
					run.refused(Long.MIN_VALUE, run.joinAt()), run.refused(run.joinAt(), run.killAt()),
					run.refused(run.killAt(), Long.MAX_VALUE),
					run.server().stream().mapToInt(FleetRun.ServerSample::total).max().orElse(0), run.loadBefore(),
					run.loadAfter()));
		}
		report.append("\n| contender | target | measured | verdict |\n| --- | --- | --- | --- |\n");
		for (Verdict verdict : verdicts) {
			report.append(format("| %s | %s | %s | %s |%n", verdict.contender(), verdict.target(), verdict.measured(),
					verdict.word()));
		}
		return report.toString();
	}

	/**
	 * Return the targets as CSV.
	 * @param verdicts the targets checked
	 * @return the CSV, with a header
	 */
	static String csv(List<Verdict> verdicts) {
		StringBuilder csv = new StringBuilder("contender,target,measured,verdict\n");
		for (Verdict verdict : verdicts) {
			csv.append(quote(verdict.contender()))
				.append(',')
				.append(quote(verdict.target()))
				.append(',')
				.append(quote(verdict.measured()))
				.append(',')
				.append(verdict.word())
				.append('\n');
		}
		return csv.toString();
	}

	/**
	 * Return every replica's samples as CSV.
	 * @param run the run
	 * @return the CSV, with a header
	 */
	static String samples(FleetRun run) {
		StringBuilder csv = new StringBuilder(
				"replica,millis,total,active,pending,maximumPoolSize,share,fairShare,demand,budget,replicas\n");
		for (ReplicaTrace replica : run.replicas()) {
			for (ReplicaSample sample : replica.samples()) {
				csv.append(replica.id())
					.append(sample.line().substring(ReplicaSample.TAG.length()).replace(' ', ','))
					.append('\n');
			}
		}
		return csv.toString();
	}

	private static String quote(String value) {
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
