package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The runs of one scenario repeated in rounds: each round runs every contender once, on a
 * fresh server each, in the given order on odd rounds and the reverse on even ones, so
 * that a drift of the shared machine's load favours no contender. Targets are checked on
 * each round and then on their median ({@link Verdict#median}).
 *
 * @author Pool Pilot contributors
 */
final class Rounds {

	private final List<Contender> contenders;

	private final List<List<Run>> rounds;

	Rounds(List<Contender> contenders, List<List<Run>> rounds) {
		this.contenders = List.copyOf(contenders);
		this.rounds = rounds.stream().map(List::copyOf).toList();
	}

	/**
	 * Run a scenario's contenders in rounds.
	 * @param scenario the scenario
	 * @param contenders the contenders, in the order of the first round
	 * @param count how many rounds
	 * @param runner what runs one contender once
	 * @return the rounds
	 * @throws Exception if a run fails
	 */
	static Rounds run(Scenario scenario, List<Contender> contenders, int count, Runner runner) throws Exception {
		List<List<Run>> rounds = new ArrayList<>();
		for (int round = 0; round < count; round++) {
			Run[] runs = new Run[contenders.size()];
			for (int k = 0; k < contenders.size(); k++) {
				int index = (round % 2 == 0) ? k : contenders.size() - 1 - k;
				runs[index] = runner.run(scenario, contenders.get(index));
			}
			rounds.add(List.of(runs));
		}
		return new Rounds(contenders, rounds);
	}

	/**
	 * Return how many rounds ran.
	 * @return the count
	 */
	int count() {
		return this.rounds.size();
	}

	/**
	 * Return the contenders, in their order in every round's runs.
	 * @return the contenders
	 */
	List<Contender> contenders() {
		return this.contenders;
	}

	/**
	 * Return one round's runs.
	 * @param round the round, from 0
	 * @return one run per contender, in the contenders' order
	 */
	List<Run> round(int round) {
		return this.rounds.get(round);
	}

	/**
	 * Return one contender's runs.
	 * @param contender the contender's index
	 * @return one run per round, oldest first
	 */
	List<Run> of(int contender) {
		return this.rounds.stream().map((round) -> round.get(contender)).toList();
	}

	/**
	 * Check targets on every round.
	 * @param targets the targets of one round's runs
	 * @return the verdicts of each round, in the same order in every round
	 */
	List<List<Verdict>> check(Function<List<Run>, List<Verdict>> targets) {
		return this.rounds.stream().map(targets).toList();
	}

	/**
	 * Return every run, each labelled with its round when there is more than one, for the
	 * tables, the samples' files and the plot.
	 * @return the runs, round by round
	 */
	List<Run> labelled() {
		List<Run> runs = new ArrayList<>();
		for (int round = 0; round < count(); round++) {
			for (Run run : round(round)) {
				runs.add(withContender(run, label(run.contender(), round)));
			}
		}
		return runs;
	}

	/**
	 * Return every round's verdicts, each labelled with its round when there is more than
	 * one.
	 * @param verdicts the verdicts of each round
	 * @return the verdicts, round by round
	 */
	List<Verdict> labelled(List<List<Verdict>> verdicts) {
		List<Verdict> labelled = new ArrayList<>();
		for (int round = 0; round < verdicts.size(); round++) {
			String suffix = suffix(round);
			verdicts.get(round)
				.forEach((verdict) -> labelled.add(new Verdict(verdict.scenario(), verdict.contender() + suffix,
						verdict.target(), verdict.measured(), verdict.pass(), verdict.margin())));
		}
		return labelled;
	}

	/**
	 * Return the median verdict of each target over the rounds.
	 * @param verdicts the verdicts of each round, in the same order in every round
	 * @return one verdict per target
	 */
	static List<Verdict> medians(List<List<Verdict>> verdicts) {
		List<Verdict> medians = new ArrayList<>();
		for (int target = 0; target < verdicts.get(0).size(); target++) {
			int index = target;
			medians.add(Verdict.median(verdicts.stream().map((round) -> round.get(index)).toList()));
		}
		return medians;
	}

	/**
	 * Return the median of some values.
	 * @param values the values; {@code NaN} ones are left out
	 * @return the median (the mean of the middle two of an even count), or {@code NaN}
	 * when there is no value
	 */
	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values.stream().filter((value) -> !Double.isNaN(value)).toList());
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private Contender label(Contender contender, int round) {
		if (count() == 1) {
			return contender;
		}
		return new Contender(contender.id() + "-run" + (round + 1), contender.label() + suffix(round),
				contender.opener());
	}

	private String suffix(int round) {
		return (count() == 1) ? "" : " (run " + (round + 1) + " of " + count() + ")";
	}

	private static Run withContender(Run run, Contender contender) {
		return new Run(run.scenario(), contender, run.phases(), run.phaseStarts(), run.requests(), run.samples(),
				run.events(), run.serverConnections(), run.firstError(), run.loadBefore(), run.loadAfter(),
				run.started());
	}

	/**
	 * Runs one contender through one scenario once.
	 */
	@FunctionalInterface
	interface Runner {

		/**
		 * Run a contender once.
		 * @param scenario the scenario
		 * @param contender the contender
		 * @return the run
		 * @throws Exception if the run fails
		 */
		Run run(Scenario scenario, Contender contender) throws Exception;

	}

}
