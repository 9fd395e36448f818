package io.github.poolpilot.benchmarks.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SurgeScenarios}' arrival plans.
 */
class SurgeScenariosTests {

	@Test
	void surgeRisesSixfoldAfterLongerThanTheShrinkDelay() {
		Scenario surge = SurgeScenarios.surge(false);
		assertThat(surge.phases()).extracting(Phase::rate).containsExactly(100.0, 600.0, 100.0);
		assertThat(surge.phases()).extracting(Phase::seconds).containsExactly(60.0, 25.0, 15.0);
		assertThat(SurgeScenarios.surge(true).phases().get(0).seconds()).isGreaterThan(30);
	}

	@Test
	void riseComesBeforeTheShrinkDelay() {
		Scenario rise = SurgeScenarios.rise(false);
		assertThat(rise.phases()).extracting(Phase::rate).containsExactly(100.0, 600.0, 100.0);
		assertThat(rise.phases().get(0).seconds()).isLessThan(30);
	}

	@Test
	void rampRisesAndFallsLinearly() {
		Scenario ramp = SurgeScenarios.ramp(false);
		assertThat(ramp.phases()).extracting(Phase::rate).containsExactly(50.0, 50.0, 600.0, 50.0);
		assertThat(ramp.phases()).extracting(Phase::endRate).containsExactly(50.0, 600.0, 50.0, 50.0);
		assertThat(ramp.phases().get(1).seconds()).isEqualTo(30.0);
	}

}
