package io.github.poolpilot.benchmarks.scenario;

import java.util.List;

import io.github.poolpilot.sizing.SizingDecision.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SurgeTargets}.
 */
class SurgeTargetsTests {

	private static final List<Phase> SURGE = List.of(Phase.steady("10/s", 10, 2), Phase.steady("100/s", 100, 1),
			Phase.steady("10/s again", 10, 1));

	private final Run reference = TestRuns.run(SURGE, 20_000_000, (millis) -> 20);

	@Test
	void poolThatGrowsSoonAfterTheQueueStartsMeetsTheSurgeTargets() {
		// the first 10 requests of the rise wait 40 ms; Pool Pilot grows 3 -> 4 50 ms
		// after the first of them arrived
		Run auto = TestRuns.run(SURGE, 20_000_000, (millis) -> (millis < 2000) ? 3 : 4,
				List.of(SurgesTests.event(2050, 3, 4, Direction.GROW)));
		queue(auto, 10);
		List<Verdict> verdicts = SurgeTargets.surge(auto, this.reference);
		assertThat(verdicts).extracting(Verdict::word).containsExactly("pass", "pass", "MISS", "pass", "pass", "pass");
		assertThat(verdicts.get(1).measured()).isEqualTo("60.0 ms vs 20.0 ms (3.00x; max 60 vs 20 ms)");
		assertThat(verdicts.get(3).measured()).isEqualTo("50 ms (queue from +0 ms, 3 -> 4 at +50 ms after the rise)");
		assertThat(verdicts.get(3).margin()).isEqualTo(50.0);
		assertThat(verdicts.get(4).measured())
			.isEqualTo("4 open (maximumPoolSize 4) from the rise on; 1.3 x 100/s x 20.0 ms + 2 = 4.6");
		// 3 x 2 s + 4 x 2 s against 20 x 4 s
		assertThat(verdicts.get(5).measured()).isEqualTo("14 vs 80 (18%)");
	}

	@Test
	void poolThatNeverGrowsMissesTheFirstGrowthAndTheTimeouts() {
		Run auto = TestRuns.run(SURGE, 20_000_000, (millis) -> 3);
		queue(auto, 10);
		auto.requests().outcome[25] = Requests.ACQUIRE_TIMEOUT;
		List<Verdict> verdicts = SurgeTargets.surge(auto, this.reference);
		assertThat(verdicts.get(0).word()).isEqualTo("MISS");
		assertThat(verdicts.get(0).measured()).isEqualTo("1 in the whole run");
		assertThat(verdicts.get(3).word()).isEqualTo("MISS");
		assertThat(verdicts.get(3).measured()).isEqualTo("no growth from the rise on");
		assertThat(verdicts.get(3).margin()).isNegative().isInfinite();
	}

	@Test
	void riseComparesTheHighPhaseWithTheStaticPool() {
		Run auto = TestRuns.run(SURGE, 20_000_000, (millis) -> 10);
		queue(auto, 10);
		assertThat(SurgeTargets.rise(auto, this.reference)).extracting(Verdict::word).containsExactly("MISS");
		Run fine = TestRuns.run(SURGE, 20_000_000, (millis) -> 10);
		assertThat(SurgeTargets.rise(fine, this.reference)).extracting(Verdict::word).containsExactly("pass");
	}

	@Test
	void rampJudgesTheWholeRun() {
		List<Phase> ramp = List.of(Phase.ramp("up", 10, 100, 2), Phase.ramp("down", 100, 10, 2));
		Run reference = TestRuns.run(ramp, 20_000_000, (millis) -> 20);
		Run auto = TestRuns.run(ramp, 20_000_000, (millis) -> (millis < 1000) ? 2 : 8);
		List<Verdict> verdicts = SurgeTargets.ramp(auto, reference);
		assertThat(verdicts).extracting(Verdict::word).containsExactly("pass", "pass", "pass");
		assertThat(verdicts.get(2).measured()).isEqualTo("26 vs 80 (33%)");
	}

	private static void queue(Run run, int count) {
		Requests requests = run.requests();
		int first = 20;
		for (int i = first; i < first + count; i++) {
			requests.acquired[i] = requests.intended[i] + 40_000_000;
			requests.ended[i] = requests.acquired[i] + 20_000_000;
		}
	}

}
