package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Rounds}.
 */
class RoundsTests {

	private static final Scenario SCENARIO = new Scenario("test", "test", List.of(Phase.steady("only", 10, 1)),
			Work.query("select 1"), 0);

	private final Contender first = Contender.staticPool(1, "first", "first");

	private final Contender second = Contender.staticPool(2, "second", "second");

	@Test
	void everyOtherRoundRunsTheContendersInReverseAndKeepsTheirOrder() throws Exception {
		List<String> order = new ArrayList<>();
		Rounds rounds = Rounds.run(SCENARIO, List.of(this.first, this.second), 3, (scenario, contender) -> {
			order.add(contender.id());
			return TestRuns.run(scenario.phases(), 1_000_000, (millis) -> order.size());
		});
		assertThat(order).containsExactly("first", "second", "second", "first", "first", "second");
		assertThat(rounds.count()).isEqualTo(3);
		// runs are kept in the contenders' order: the second round's first run is the
		// fourth that ran
		assertThat(rounds.round(1).get(0).samples().get(0).total()).isEqualTo(4);
		assertThat(rounds.of(1)).extracting((run) -> run.samples().get(0).total()).containsExactly(2, 3, 6);
	}

	@Test
	void labelsNameTheRoundOnlyWhenThereIsMoreThanOne() throws Exception {
		Rounds once = Rounds.run(SCENARIO, List.of(this.first), 1, (scenario, contender) -> run(contender));
		assertThat(once.labelled()).extracting((run) -> run.contender().label()).containsExactly("first");
		Rounds twice = Rounds.run(SCENARIO, List.of(this.first), 2, (scenario, contender) -> run(contender));
		assertThat(twice.labelled()).extracting((run) -> run.contender().label())
			.containsExactly("first (run 1 of 2)", "first (run 2 of 2)");
		assertThat(twice.labelled()).extracting((run) -> run.contender().id())
			.containsExactly("first-run1", "first-run2");
		List<List<Verdict>> verdicts = List.of(List.of(new Verdict("test", "first", "t", "m", true)),
				List.of(new Verdict("test", "first", "t", "m", false)));
		assertThat(twice.labelled(verdicts)).extracting(Verdict::contender)
			.containsExactly("first (run 1 of 2)", "first (run 2 of 2)");
	}

	@Test
	void mediansAreTakenTargetByTarget() {
		List<List<Verdict>> verdicts = List.of(List.of(verdict("a", 1), verdict("b", -5)),
				List.of(verdict("a", 2), verdict("b", -1)), List.of(verdict("a", 3), verdict("b", 4)));
		List<Verdict> medians = Rounds.medians(verdicts);
		assertThat(medians).extracting(Verdict::target).containsExactly("a", "b");
		assertThat(medians).extracting(Verdict::margin).containsExactly(2.0, -1.0);
	}

	@Test
	void medianOfValuesLeavesOutWhatWasNotMeasured() {
		assertThat(Rounds.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
		assertThat(Rounds.median(List.of(4.0, 1.0, Double.NaN))).isEqualTo(2.5);
		assertThat(Rounds.median(List.of(Double.NaN))).isNaN();
	}

	private static Run run(Contender contender) {
		Run run = TestRuns.run(SCENARIO.phases(), 1_000_000, (millis) -> 1);
		return new Run(run.scenario(), contender, run.phases(), run.phaseStarts(), run.requests(), run.samples(),
				run.events(), 0, null, 0, 0);
	}

	private static Verdict verdict(String target, double margin) {
		return new Verdict("test", "c", target, target + " " + margin, margin >= 0, margin);
	}

}
