package io.github.poolpilot.benchmarks.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link ScenarioRunner}'s choice of the best static size.
 */
class ScenarioRunnerTests {

	@Test
	void bestStaticSizeIsTheSmallestWithinFivePercentOfTheHighestThroughput() {
		// throughput flat from size 3 on, highest at 8: the plateau starts at 3
		List<Run> sweep = List.of(sized(1, 50), sized(2, 90), sized(3, 96), sized(4, 99), sized(8, 100), sized(16, 97));
		assertThat(ScenarioRunner.best(ScenarioRunner.curve(sweep))).isEqualTo(3);
	}

	@Test
	void sweepPassesAreAveragedBySize() {
		// size 3 is lucky on the way up and unlucky on the way down: its mean (90) is not
		// on the plateau
		List<Run> sweep = List.of(sized(2, 80), sized(3, 110), sized(4, 100), sized(4, 98), sized(3, 70), sized(2, 82));
		assertThat(ScenarioRunner.curve(sweep)).containsExactly(entry(2, 81.0), entry(3, 90.0), entry(4, 99.0));
		assertThat(ScenarioRunner.best(ScenarioRunner.curve(sweep))).isEqualTo(4);
	}

	@Test
	void bestStaticSizeIsTheHighestWhenNoSmallerSizeComesClose() {
		List<Run> sweep = List.of(sized(1, 30), sized(2, 60), sized(4, 94), sized(8, 100), sized(16, 80));
		assertThat(ScenarioRunner.best(ScenarioRunner.curve(sweep))).isEqualTo(8);
	}

	private static Run sized(int size, int perSecond) {
		return TestRuns.run(List.of(Phase.steady("cpu", perSecond, 2)), 1_000_000, (millis) -> size);
	}

}
