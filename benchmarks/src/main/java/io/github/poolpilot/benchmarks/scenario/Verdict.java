package io.github.poolpilot.benchmarks.scenario;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One of Pool Pilot's load targets ({@link Targets}) checked against one run.
 *
 * @param scenario the scenario's id
 * @param contender the contender's label
 * @param target what was required
 * @param measured what the run showed
 * @param pass whether the run met it, or {@code null} when the run cannot tell (a phase
 * too short)
 * @param margin how far the figure is from missing the target, in the target's own unit:
 * positive or zero when met, negative when missed, {@code NaN} when not given; the median
 * of repeated runs is taken on it
 * @author Pool Pilot contributors
 */
record Verdict(String scenario, String contender, String target, String measured, @Nullable Boolean pass,
		double margin) {

	/**
	 * Create a verdict without a margin.
	 * @param scenario the scenario's id
	 * @param contender the contender's label
	 * @param target what was required
	 * @param measured what the run showed
	 * @param pass whether the run met it, or {@code null} when the run cannot tell
	 */
	Verdict(String scenario, String contender, String target, String measured, @Nullable Boolean pass) {
		this(scenario, contender, target, measured, pass, Double.NaN);
	}

	/**
	 * Return the verdict as a word.
	 * @return {@code pass}, {@code MISS} or {@code n/a}
	 */
	String word() {
		return (this.pass == null) ? "n/a" : this.pass ? "pass" : "MISS";
	}

	/**
	 * Return the median of one target's verdicts over repeated runs: the run whose margin
	 * is the median, the worse of the middle two for an even count, with its figures and
	 * its verdict. Runs that cannot tell are left out; a verdict without a margin counts
	 * its pass as 1 and its miss as -1.
	 * @param runs the same target's verdict in each run, oldest first
	 * @return the median verdict, its figures prefixed with which run it is and every
	 * run's verdict
	 */
	static Verdict median(List<Verdict> runs) {
		Verdict first = runs.get(0);
		String words = runs.stream().map(Verdict::word).collect(Collectors.joining(", "));
		List<Verdict> judged = runs.stream()
			.filter((run) -> run.pass() != null)
			.sorted(Comparator.comparingDouble(Verdict::key))
			.toList();
		if (judged.isEmpty()) {
			return new Verdict(first.scenario(), first.contender(), first.target(),
					"runs " + words + "; run 1: " + first.measured(), null, Double.NaN);
		}
		Verdict middle = judged.get((judged.size() - 1) / 2);
		String measured = String.format(Locale.ROOT, "median of %d (runs: %s) is run %d: %s", runs.size(), words,
				runs.indexOf(middle) + 1, middle.measured());
		return new Verdict(first.scenario(), first.contender(), first.target(), measured, middle.pass(),
				middle.margin());
	}

	private double key() {
		if (!Double.isNaN(this.margin)) {
			return this.margin;
		}
		return Boolean.TRUE.equals(this.pass) ? 1 : -1;
	}

}
