package io.github.poolpilot.benchmarks.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Targets}.
 */
class TargetsTests {

	private static final List<Phase> IO_BOUND = List.of(Phase.steady("50/s", 50, 2), Phase.steady("200/s", 200, 2),
			Phase.steady("50/s again", 50, 2));

	@Test
	void poolThatFollowsTheLoadMeetsTheIoBoundTargets() {
		// 200/s x 20 ms = 4 busy: grown to 5 after 0.3 s; back to 2 (need 1, +20% rounds
		// up to 2) after 1 s
		Run run = TestRuns.run(IO_BOUND, 20_000_000, (millis) -> (millis < 2300) ? 2 : (millis < 5000) ? 5 : 2);
		assertThat(Targets.ioBound(run)).extracting(Verdict::word).containsExactly("pass", "pass", "pass", "pass");
		assertThat(Targets.ioBound(run).get(2).measured()).isEqualTo("4 connections (λS = 4.0) after 0.3 s");
		// margins, in each target's unit: seconds to spare, connections below the bound
		assertThat(Targets.ioBound(run).get(2).margin()).isCloseTo(1.7, within(1e-9));
		assertThat(Targets.ioBound(run).get(1).margin()).isCloseTo(7.2 - 5, within(1e-9));
	}

	@Test
	void oversizedPoolMissesThePeakAndCannotBeJudgedOnAShortFall() {
		Run run = TestRuns.run(IO_BOUND, 20_000_000, (millis) -> 50);
		List<Verdict> verdicts = Targets.ioBound(run);
		assertThat(verdicts).extracting(Verdict::word).containsExactly("pass", "MISS", "pass", "n/a");
		assertThat(verdicts.get(1).measured()).isEqualTo("50 from the rise on; 1.3 x 200/s x 20.0 ms + 2 = 7.2");
		assertThat(verdicts.get(3).margin()).isNaN();
	}

	@Test
	void settledSizeIsTheMedianOfTheLastThird() {
		Run run = TestRuns.run(List.of(Phase.steady("cpu", 10, 3)), 20_000_000, (millis) -> (millis < 2000) ? 20 : 12);
		assertThat(Targets.settledSize(run, Sample::total)).isEqualTo(12);
	}

	@Test
	void cpuBoundReferenceIsTheMeanOfTheBestSizeBeforeAndAfter() {
		List<Phase> cpu = List.of(Phase.steady("cpu", 100, 3));
		PhaseStats before = PhaseStats.of(TestRuns.run(List.of(Phase.steady("cpu", 110, 3)), 1_000_000, (millis) -> 4),
				0);
		PhaseStats after = PhaseStats.of(TestRuns.run(List.of(Phase.steady("cpu", 90, 3)), 1_000_000, (millis) -> 4),
				0);
		// 100/s against a mean of 100/s passes, though the run before did 110/s; settled
		// at 7 is 3 from 4
		List<Verdict> verdicts = Targets.cpuBound(TestRuns.run(cpu, 1_000_000, (millis) -> 7), 4, before, after);
		assertThat(verdicts).extracting(Verdict::word).containsExactly("pass", "pass", "MISS");
		assertThat(verdicts.get(0).measured())
			.isEqualTo("100.0/s vs 100.0/s at size 4 (110.0 before, 90.0 after; 100%)");
	}

	@Test
	void spikeThatOpensMoreThanSixConnectionsMisses() {
		Run run = TestRuns.run(List.of(Phase.steady("idle", 1, 1), new Phase("burst", 0, 1, 50)), 20_000_000,
				(millis) -> (millis < 1000) ? 2 : 10);
		assertThat(Targets.spike(run)).extracting(Verdict::word).containsExactly("MISS");
	}

}
