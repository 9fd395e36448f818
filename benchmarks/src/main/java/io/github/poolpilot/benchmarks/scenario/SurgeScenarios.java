package io.github.poolpilot.benchmarks.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The scenarios of a rise in load, each run in rounds of a static pool sized for the peak
 * ({@link #PEAK_SIZE}) and Pool Pilot in {@code auto} mode with nothing else set: a surge
 * of 6x after the pool shrank for a low rate ({@code surge}), the same rise while the
 * pool still has its starting size ({@code rise}), and a ramp up and down ({@code ramp}).
 * Their targets are checked on each round and on the median of the rounds.
 *
 * @author Pool Pilot contributors
 */
final class SurgeScenarios {

	/**
	 * The scenarios' ids, as {@code --only} names them.
	 */
	static final List<String> IDS = List.of("surge", "rise", "ramp");

	/**
	 * The static pool of the reference: 600/s of 20 ms transactions keep 12 connections
	 * busy, and 20 serve them with no queue worth the name.
	 */
	static final int PEAK_SIZE = 20;

	private static final double LOW = 100;

	private static final double HIGH = 600;

	private SurgeScenarios() {
	}

	/**
	 * Return the surge: 100/s long enough for the pool to shrink, 600/s, then 100/s
	 * again, of 20 ms transactions.
	 * @param quick whether to shorten the phases
	 * @return the scenario
	 */
	static Scenario surge(boolean quick) {
		double low = quick ? 40 : 60;
		return new Scenario("surge",
				format("Surge from a shrunk pool: pg_sleep(0.02), %.0f/s for %.0f s -> %.0f/s -> " + "%.0f/s", LOW, low,
						HIGH, LOW),
				List.of(Phase.steady(format("%.0f/s", LOW), LOW, low),
						Phase.steady(format("%.0f/s", HIGH), HIGH, quick ? 10 : 25),
						Phase.steady(format("%.0f/s again", LOW), LOW, quick ? 10 : 15)),
				Work.query(Scenario.SLEEP_20MS), 0);
	}

	/**
	 * Return the rise at the starting size: 100/s for less than the shrink delay, then
	 * 600/s, then 100/s.
	 * @param quick whether to shorten the phases
	 * @return the scenario
	 */
	static Scenario rise(boolean quick) {
		return new Scenario("rise",
				format("Rise at the starting size: pg_sleep(0.02), %.0f/s for 15 s -> %.0f/s -> " + "%.0f/s", LOW, HIGH,
						LOW),
				List.of(Phase.steady(format("%.0f/s", LOW), LOW, 15),
						Phase.steady(format("%.0f/s", HIGH), HIGH, quick ? 10 : 25),
						Phase.steady(format("%.0f/s again", LOW), LOW, quick ? 5 : 15)),
				Work.query(Scenario.SLEEP_20MS), 0);
	}

	/**
	 * Return the ramp: 50/s, then a linear rise to 600/s over 30 s, a linear fall back to
	 * 50/s over 30 s, and 50/s again.
	 * @param quick whether to shorten the phases
	 * @return the scenario
	 */
	static Scenario ramp(boolean quick) {
		double ramp = quick ? 15 : 30;
		return new Scenario("ramp",
				format("Ramp: pg_sleep(0.02), 50/s -> linearly to %.0f/s over %.0f s -> back to 50/s", HIGH, ramp),
				List.of(Phase.steady("50/s", 50, quick ? 5 : 10), Phase.ramp("50 -> 600/s", 50, HIGH, ramp),
						Phase.ramp("600 -> 50/s", HIGH, 50, ramp), Phase.steady("50/s again", 50, quick ? 5 : 10)),
				Work.query(Scenario.SLEEP_20MS), 0);
	}

	/**
	 * Run one of the scenarios in rounds and report each round and the median.
	 * @param id the scenario's id, one of {@link #IDS}
	 * @param quick whether to shorten the phases
	 * @param repeat how many rounds
	 * @param report where the tables go
	 * @param out where the plot goes
	 * @throws Exception if a run fails
	 */
	static void run(String id, boolean quick, int repeat, Report report, Path out) throws Exception {
		Scenario scenario = switch (id) {
			case "surge" -> surge(quick);
			case "rise" -> rise(quick);
			case "ramp" -> ramp(quick);
			default -> throw new IllegalArgumentException("Unknown scenario '" + id + "'");
		};
		BiFunction<Run, Run, List<Verdict>> targets = switch (id) {
			case "surge" -> SurgeTargets::surge;
			case "rise" -> SurgeTargets::rise;
			default -> SurgeTargets::ramp;
		};
		List<Contender> contenders = List.of(
				Contender.staticPool(PEAK_SIZE, "static-" + PEAK_SIZE, "static " + PEAK_SIZE + " (sized for the peak)"),
				Contender.poolPilotAuto());
		Rounds rounds = Rounds.run(scenario, contenders, repeat, ScenarioRunner::run);
		List<List<Verdict>> verdicts = rounds.check((round) -> targets.apply(round.get(1), round.get(0)));
		report.scenario(scenario, rounds.labelled(), rounds.labelled(verdicts), note(id, quick));
		if (rounds.count() > 1) {
			report.medians(scenario, rounds, Rounds.medians(verdicts));
		}
		Plot.draw(scenario.title(), rounds.labelled(), scenario.plotFromSeconds(), out.resolve(scenario.id() + ".png"));
	}

	private static String note(String id, boolean quick) {
		String note = switch (id) {
			case "surge" -> "Pool Pilot has `poolpilot.sizing.mode=auto` and nothing else set; the reference is a "
					+ "static pool of " + PEAK_SIZE + " in the same round. *First growth* is the time from the "
					+ "arrival of the first request of the queue (requests waiting more than 1 ms for a "
					+ "connection, without a break) that Pool Pilot's first growth decision after the rise met, "
					+ "to that decision.";
			case "rise" -> "The rise comes 15 s after the start, before the 30 s shrink delay: the pool is at its "
					+ "starting size. The reference is a static pool of " + PEAK_SIZE + " in the same round.";
			default -> "The simulator's ramp targets, judged over the whole run; the reference is a static pool of "
					+ PEAK_SIZE + " in the same round.";
		};
		return quick ? note + " Quick mode: shorter phases." : note;
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
