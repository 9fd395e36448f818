package io.github.poolpilot.benchmarks.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScenarioRunner}'s choice of the best static size.
 */
class ScenarioRunnerTests {

	@Test
	void bestStaticSizeIsTheSmallestWithinFivePercentOfTheHighestThroughput() {
		// throughput flat from size 3 on, highest at 8: the plateau starts at 3
		List<Run> sweep = List.of(sized(1, 50), sized(2, 90), sized(3, 96), sized(4, 99), sized(8, 100),
				sized(16, 97));
		assertThat(ScenarioRunner.best(sweep).samples().get(0).maximumPoolSize()).isEqualTo(3);
	}

	@Test
	void bestStaticSizeIsTheHighestWhenNoSmallerSizeComesClose() {
		List<Run> sweep = List.of(sized(1, 30), sized(2, 60), sized(4, 94), sized(8, 100), sized(16, 80));
		assertThat(ScenarioRunner.best(sweep).samples().get(0).maximumPoolSize()).isEqualTo(8);
	}

	private static Run sized(int size, int perSecond) {
		return TestRuns.run(List.of(Phase.steady("cpu", perSecond, 2)), 1_000_000, (millis) -> size);
	}

}
