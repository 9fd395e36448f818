package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FleetTargets}, on runs made of plain values: replicas a and b ready at
 * 1 s, c launched at 10 s and ready at 12 s, a killed at 30 s, loads ending at 40 s, a
 * budget of 20 and a lease of 10 s.
 */
class FleetTargetsTests {

	private static final int BUDGET = 20;

	@Test
	void fleetThatSharesAndReclaimsMeetsEveryTarget() {
		FleetRun run = run("poolpilot", first("a", 7, 30_000), first("b", 6, -1), joiner(3000, 7), List.of());
		List<Verdict> verdicts = FleetTargets.check(run, split(), BUDGET);
		assertThat(verdicts).extracting(Verdict::word).containsExactly("pass", "pass", "pass", "pass", "pass", "pass");
		assertThat(verdicts.get(2).measured()).startsWith("share 7 (fair 7) 3.0 s after ready");
		// the dead lease is gone 8 s after the kill: then b and c take the freed share
		assertThat(verdicts.get(4).measured()).isEqualTo("16 of the survivors' 13 + 7 freed in use after 8.0 s");
	}

	@Test
	void joinerSlowerThanTenSecondsMissesAndRefusalsAreCountedByPhase() {
		FleetRun run = run("poolpilot", first("a", 7, 30_000), first("b", 6, -1), joiner(10_400, 7),
				List.of(11_000L, 31_000L, 32_000L));
		List<Verdict> verdicts = FleetTargets.check(run, null, BUDGET);
		assertThat(verdicts.get(0).measured()).isEqualTo("two replicas: 0, three: 1, after the kill: 2");
		assertThat(verdicts).extracting(Verdict::word).containsExactly("MISS", "pass", "MISS", "pass", "pass");
	}

	@Test
	void staticSplitHoldsItsFairShareButNeverReclaims() {
		List<Verdict> verdicts = FleetTargets.check(split(), null, BUDGET);
		assertThat(verdicts).extracting(Verdict::word).containsExactly("pass", "pass", "pass", "pass", "MISS");
		assertThat(verdicts.get(4).measured()).isEqualTo("never: the survivors held 12, and 6 were freed");
	}

	@Test
	void stockJoinerRefusedByTheServerMissesItsShare() {
		ReplicaTrace a = trace("a", 0, 1000, 30_000, (millis) -> pool(millis, 10), ReplicaLoad.Outcome.OK);
		ReplicaTrace b = trace("b", 0, 1000, -1, (millis) -> pool(millis, 10), ReplicaLoad.Outcome.OK);
		ReplicaTrace c = trace("c", 10_000, 12_000, -1, (millis) -> pool(millis, (millis <= 30_200) ? 0 : 10),
				ReplicaLoad.Outcome.ERROR);
		List<Verdict> verdicts = FleetTargets.check(new FleetRun("boot", "boot", List.of(a, b, c), server(20),
				List.of(12_000L), 10_000, 30_000, 40_000, 10_000, 1, 1), null, BUDGET);
		assertThat(verdicts).extracting(Verdict::word).containsExactly("MISS", "pass", "MISS", "MISS", "pass");
		assertThat(verdicts.get(2).measured())
			.isEqualTo("share 10 (fair 10) 18.4 s after ready; 0 failures of the others meanwhile");
	}

	@Test
	void sessionsAboveTheBudgetMissAtASingleSample() {
		List<FleetRun.ServerSample> server = new ArrayList<>(server(18));
		server.add(new FleetRun.ServerSample(20_000, Map.of("a", 7, "b", 7, "c", 7)));
		FleetRun run = new FleetRun("x", "x", split().replicas(), server, List.of(), 10_000, 30_000, 40_000, 10_000, 1,
				1);
		assertThat(FleetTargets.withinBudget(run, BUDGET).measured())
			.isEqualTo("most 21 sessions of the role in 201 samples; 1 above");
		assertThat(FleetTargets.withinBudget(run, BUDGET).pass()).isFalse();
	}

	private static FleetRun split() {
		ReplicaTrace a = trace("a", 0, 1000, 30_000, (millis) -> pool(millis, 6), ReplicaLoad.Outcome.OK);
		ReplicaTrace b = trace("b", 0, 1000, -1, (millis) -> pool(millis, 6), ReplicaLoad.Outcome.OK);
		ReplicaTrace c = trace("c", 10_000, 12_000, -1, (millis) -> pool(millis, 6), ReplicaLoad.Outcome.OK);
		return new FleetRun("split", "split", List.of(a, b, c), server(18), List.of(), 10_000, 30_000, 40_000, 10_000,
				1, 1);
	}

	private static FleetRun run(String id, ReplicaTrace a, ReplicaTrace b, ReplicaTrace c, List<Long> refusals) {
		return new FleetRun(id, id, List.of(a, b, c), server(19), refusals, 10_000, 30_000, 40_000, 10_000, 1, 1);
	}

	// one of the first two: share 10 alone, then its part of three; killed at 30 s, or
	// at 8 s after the kill (the dead lease gone) share 8 of two
	private static ReplicaTrace first(String id, int withThree, long killed) {
		return trace(id, 0, 1000, killed,
				(millis) -> (millis < 13_000) ? share(millis, 10, 10, 8, 2)
						: (millis < 38_000) ? share(millis, withThree, withThree, 8, 3) : share(millis, 8, 8, 8, 2),
				ReplicaLoad.Outcome.OK);
	}

	// the joiner, ready at 12 s: share 1 until some time after, then its fair share
	private static ReplicaTrace joiner(long after, int share) {
		return trace("c", 10_000, 12_000, -1,
				(millis) -> (millis < 12_000 + after) ? share(millis, 1, share, 8, 3)
						: (millis < 38_000) ? share(millis, share, share, 8, 3) : share(millis, 8, 8, 8, 2),
				ReplicaLoad.Outcome.OK);
	}

	private static ReplicaSample share(long millis, int share, int fair, int demand, int replicas) {
		return new ReplicaSample(millis, share - 1, 3, 0, share - 1, share, fair, demand, 19, replicas);
	}

	private static ReplicaSample pool(long millis, int total) {
		return new ReplicaSample(millis, total, Math.min(total, 3), 0, 10, -1, -1, -1, -1, -1);
	}

	private static ReplicaTrace trace(String id, long launched, long ready, long killed,
			LongFunction<ReplicaSample> sample, char kind) {
		ReplicaTrace trace = new ReplicaTrace(id);
		trace.launched(launched);
		trace.accept(ReplicaTrace.READY + " " + ready);
		long end = (killed >= 0) ? killed : 40_000;
		for (long millis = ready; millis <= end; millis += 200) {
			trace.accept(sample.apply(millis).line());
			trace.accept(new ReplicaTrace.Request(millis, 31.5, kind).line());
		}
		if (killed >= 0) {
			trace.killed(killed);
		}
		return trace;
	}

	private static List<FleetRun.ServerSample> server(int total) {
		List<FleetRun.ServerSample> samples = new ArrayList<>();
		for (long millis = 0; millis < 40_000; millis += 200) {
			samples.add(new FleetRun.ServerSample(millis,
					Map.of("a", total / 3, "b", total / 3, "c", total - 2 * (total / 3))));
		}
		return samples;
	}

}
