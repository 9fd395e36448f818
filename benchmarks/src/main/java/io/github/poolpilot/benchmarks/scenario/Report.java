package io.github.poolpilot.benchmarks.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.github.poolpilot.sizing.SizingEvent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the results: a plain-text table on standard output, the same tables as Markdown,
 * CSV files (one line per run and phase, one per verdict, and every sample of every run)
 * and one JSON document (written with Jackson).
 *
 * @author Pool Pilot contributors
 */
final class Report {

	private static final String HEADER = "| contender | phase | rate/s | arrivals | ok/s | p50 ms | p99 ms | max ms | timeouts "
			+ "| errors | hold ms | peak conn | mean conn | end size | settle s |";

	private final Path directory;

	private final String environment;

	private final StringBuilder markdown = new StringBuilder();

	private final List<String> phaseCsv = new ArrayList<>();

	private final List<String> verdictCsv = new ArrayList<>();

	private final List<String> medianCsv = new ArrayList<>();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ArrayNode json = this.mapper.createArrayNode();

	Report(Path directory, String environment) throws IOException {
		this.directory = Files.createDirectories(directory);
		this.environment = environment;
		this.phaseCsv.add("scenario,contender,phase,rate,seconds,arrivals,ok,timeouts,errors,throughput,p50_ms,"
				+ "p99_ms,max_ms,mean_hold_ms,peak_connections,mean_connections,end_size,settle_s,load_before,load_after,"
				+ "pg_stat_activity_end");
		this.verdictCsv.add("scenario,contender,target,measured,verdict");
		this.medianCsv.add("scenario,contender,phase,runs,p50_ms,p99_ms,max_ms,timeouts,peak_connections,"
				+ "connection_seconds,throughput");
	}

	/**
	 * Report one scenario's runs and verdicts.
	 * @param scenario the scenario
	 * @param runs its runs
	 * @param verdicts the targets checked against them
	 * @param note what else the reader must know, or an empty string
	 * @throws IOException if a file cannot be written
	 */
	void scenario(Scenario scenario, List<Run> runs, List<Verdict> verdicts, String note) throws IOException {
		this.markdown.append("### ").append(scenario.title()).append("\n\n");
		if (!note.isEmpty()) {
			this.markdown.append(note).append("\n\n");
		}
		this.markdown.append(HEADER)
			.append('\n')
			.append("| - ".repeat(HEADER.split("\\|").length - 1) + "|")
			.append('\n');
		ObjectNode scenarioJson = this.json.addObject()
			.put("scenario", scenario.id())
			.put("title", scenario.title())
			.put("note", note);
		ArrayNode runJson = scenarioJson.putArray("runs");
		for (Run run : runs) {
			List<PhaseStats> stats = new ArrayList<>();
			for (int i = 0; i < run.phases().size(); i++) {
				stats.add(PhaseStats.of(run, i));
			}
			if (run.phases().size() > 1) {
				stats.add(PhaseStats.all(run));
			}
			ObjectNode thisRun = runJson.addObject().put("contender", run.contender().label());
			number(thisRun, "loadAverageBefore", run.loadBefore());
			number(thisRun, "loadAverageAfter", run.loadAfter());
			thisRun.put("pgStatActivityAtEnd", run.serverConnections()).put("firstError", run.firstError());
			ArrayNode phaseJson = thisRun.putArray("phases");
			for (PhaseStats phase : stats) {
				this.markdown.append(row(run, phase)).append('\n');
				this.phaseCsv.add(String.join(",", scenario.id(), csv(run.contender().label()), csv(phase.name()),
						format("%.1f,%.0f,%d,%d,%d,%d,%.2f,%.1f,%.1f,%.1f,%.2f,%d,%.2f,%d,%.1f,%.2f,%.2f,%d",
								phase.rate(), phase.seconds(), phase.arrivals(), phase.ok(), phase.timeouts(),
								phase.errors(), phase.throughput(), phase.p50Millis(), phase.p99Millis(),
								phase.maxMillis(), phase.meanHoldMillis(), phase.peakConnections(),
								phase.meanConnections(), phase.endSize(), phase.settleSeconds(), run.loadBefore(),
								run.loadAfter(), run.serverConnections())));
				ObjectNode thisPhase = phaseJson.addObject().put("phase", phase.name());
				number(thisPhase, "rate", phase.rate());
				number(thisPhase, "seconds", phase.seconds());
				thisPhase.put("arrivals", phase.arrivals())
					.put("ok", phase.ok())
					.put("acquireTimeouts", phase.timeouts())
					.put("errors", phase.errors());
				number(thisPhase, "throughput", phase.throughput());
				number(thisPhase, "p50Millis", phase.p50Millis());
				number(thisPhase, "p99Millis", phase.p99Millis());
				number(thisPhase, "maxMillis", phase.maxMillis());
				number(thisPhase, "meanHoldMillis", phase.meanHoldMillis());
				thisPhase.put("peakConnections", phase.peakConnections());
				number(thisPhase, "meanConnections", phase.meanConnections());
				thisPhase.put("endSize", phase.endSize());
				number(thisPhase, "settleSeconds", phase.settleSeconds());
				thisPhase.put("timeoutsAfterSettling", phase.timeoutsAfterSettling());
			}
			writeSamples(scenario, run);
			ArrayNode events = thisRun.putArray("sizingChanges");
			run.events().forEach((event) -> events.add(event(event)));
		}
		if (!verdicts.isEmpty()) {
			this.markdown.append("\nTargets:\n\n| contender | target | measured | verdict |\n| - | - | - | - |\n");
		}
		ArrayNode verdictJson = scenarioJson.putArray("targets");
		for (Verdict verdict : verdicts) {
			this.markdown.append(format("| %s | %s | %s | **%s** |%n", verdict.contender(), verdict.target(),
					verdict.measured(), verdict.word()));
			this.verdictCsv.add(String.join(",", verdict.scenario(), csv(verdict.contender()), csv(verdict.target()),
					csv(verdict.measured()), verdict.word()));
			verdictJson.addObject()
				.put("contender", verdict.contender())
				.put("target", verdict.target())
				.put("measured", verdict.measured())
				.put("verdict", verdict.word());
		}
		this.markdown.append('\n');
		for (Run run : runs) {
			if (!run.events().isEmpty()) {
				this.markdown.append("Pool Pilot's sizing changes (")
					.append(run.contender().label())
					.append("), from `SizingController.states()`:\n```\n");
				run.events().forEach((event) -> this.markdown.append(event(event)).append('\n'));
				this.markdown.append("```\n\n");
			}
		}
	}

	/**
	 * Report the median of a scenario's rounds: each phase's figures, each the median
	 * over the rounds on its own, the machine's load average at each run's start and end,
	 * and the targets checked on the median.
	 * @param scenario the scenario
	 * @param rounds its rounds
	 * @param medians the median verdict of each target
	 */
	void medians(Scenario scenario, Rounds rounds, List<Verdict> medians) {
		int count = rounds.count();
		this.markdown.append(format("Median of %d runs of each contender:%n%n", count))
			.append("| contender | phase | p50 ms | p99 ms | max ms | timeouts | peak conn | conn-s | ok/s |\n")
			.append("| - | - | - | - | - | - | - | - | - |\n");
		for (int c = 0; c < rounds.contenders().size(); c++) {
			List<Run> runs = rounds.of(c);
			String label = rounds.contenders().get(c).label();
			int phases = runs.get(0).phases().size();
			for (int i = 0; i <= phases; i++) {
				int index = i;
				List<PhaseStats> stats = runs.stream()
					.map((run) -> (index < phases) ? PhaseStats.of(run, index) : PhaseStats.all(run))
					.toList();
				double seconds = (index < phases) ? Double.NaN
						: Rounds.median(runs.stream().map(Surges::connectionSeconds).toList());
				double p50 = median(stats, PhaseStats::p50Millis);
				double p99 = median(stats, PhaseStats::p99Millis);
				double max = median(stats, PhaseStats::maxMillis);
				double timeouts = median(stats, (phase) -> phase.timeouts());
				double peak = median(stats, (phase) -> phase.peakConnections());
				double throughput = median(stats, PhaseStats::throughput);
				this.markdown.append(format("| %s | %s | %.1f | %.1f | %.0f | %.0f | %.0f | %s | %.1f |%n", label,
						stats.get(0).name(), p50, p99, max, timeouts, peak,
						Double.isNaN(seconds) ? "" : format("%.0f", seconds), throughput));
				this.medianCsv.add(String.join(",", scenario.id(), csv(label), csv(stats.get(0).name()),
						Integer.toString(count), format("%.1f,%.1f,%.0f,%.0f,%.0f,%.1f,%.2f", p50, p99, max, timeouts,
								peak, seconds, throughput)));
			}
		}
		List<String> loads = new ArrayList<>();
		for (int round = 0; round < count; round++) {
			for (Run run : rounds.round(round)) {
				loads.add(format("%s run %d %.2f/%.2f", run.contender().label(), round + 1, run.loadBefore(),
						run.loadAfter()));
			}
		}
		this.markdown.append("\nLoad average (1 min) at the start/end of each run: ").append(String.join("; ", loads));
		this.markdown.append(".\n\nTargets on the median of the runs:\n\n| contender | target | measured | verdict |\n"
				+ "| - | - | - | - |\n");
		for (Verdict verdict : medians) {
			this.markdown.append(format("| %s | %s | %s | **%s** |%n", verdict.contender(), verdict.target(),
					verdict.measured(), verdict.word()));
			this.verdictCsv.add(String.join(",", verdict.scenario(), csv(verdict.contender() + " (median)"),
					csv(verdict.target()), csv(verdict.measured()), verdict.word()));
		}
		this.markdown.append('\n');
	}

	private static double median(List<PhaseStats> stats, ToDoubleFunction<PhaseStats> figure) {
		return Rounds.median(stats.stream().map((phase) -> figure.applyAsDouble(phase)).toList());
	}

	/*
	 * Put a measured number, or null for one that could not be measured (NaN or
	 * infinite), which JSON has no number for.
	 */
	private static void number(ObjectNode node, String name, double value) {
		if (Double.isFinite(value)) {
			node.put(name, value);
		}
		else {
			node.putNull(name);
		}
	}

	/**
	 * Write the collected files and print the tables.
	 * @throws IOException if a file cannot be written
	 */
	void finish() throws IOException {
		String text = this.environment + "\n\n" + this.markdown;
		Files.writeString(this.directory.resolve("report.md"), text);
		Files.write(this.directory.resolve("summary.csv"), this.phaseCsv);
		Files.write(this.directory.resolve("targets.csv"), this.verdictCsv);
		if (this.medianCsv.size() > 1) {
			Files.write(this.directory.resolve("summary-medians.csv"), this.medianCsv);
		}
		ObjectNode summary = this.mapper.createObjectNode().put("environment", this.environment);
		summary.set("scenarios", this.json);
		Files.writeString(this.directory.resolve("summary.json"),
				this.mapper.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
		System.out.println(text);
	}

	private void writeSamples(Scenario scenario, Run run) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("millis,total,active,idle,pending,maximum_pool_size,arrived,finished,served");
		for (Sample s : run.samples()) {
			lines.add(format("%d,%d,%d,%d,%d,%d,%d,%d,%d", s.millis(), s.total(), s.active(), s.idle(), s.pending(),
					s.maximumPoolSize(), s.arrived(), s.finished(), s.served()));
		}
		Files.write(this.directory.resolve(scenario.id() + "-" + run.contender().id() + "-samples.csv"), lines);
	}

	private static String row(Run run, PhaseStats p) {
		return format("| %s | %s | %.0f | %d | %.1f | %.1f | %.1f | %.0f | %d | %d | %.1f | %d | %.1f | %d | %.1f |",
				run.contender().label(), p.name(), p.rate(), p.arrivals(), p.throughput(), p.p50Millis(), p.p99Millis(),
				p.maxMillis(), p.timeouts(), p.errors(), p.meanHoldMillis(), p.peakConnections(), p.meanConnections(),
				p.endSize(), p.settleSeconds());
	}

	private static String event(SizingEvent event) {
		return event.time() + " " + event.fromMaximumPoolSize() + " -> " + event.toMaximumPoolSize() + ": "
				+ event.reason();
	}

	private static String csv(String value) {
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
