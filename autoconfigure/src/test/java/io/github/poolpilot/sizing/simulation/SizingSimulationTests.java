package io.github.poolpilot.sizing.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real {@code SizingPolicy} on every simulated workload family, five seeds each,
 * against the best static size found by sweeping the same model, and checks each family's
 * targets. The figures of every run go to {@code target/sizing-simulation.md}.
 */
class SizingSimulationTests {

	private static final long[] SEEDS = { 1, 2, 3, 4, 5 };

	private static final int[] IO_SIZES = { 4, 6, 8, 10, 12, 14, 16, 20, 24 };

	private static final int[] CPU_SIZES = { 2, 3, 4, 5, 6, 8, 10, 16 };

	private static final Map<String, List<String>> TABLE = new LinkedHashMap<>();

	@Test
	void surgeFromAShrunkPoolIsMetWithinATenthOfASecond() {
		Workload workload = Families.SURGE_FROM_SHRUNK;
		for (Run run : runs(workload, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(4 * run.best().p99HighMillis());
			assertThat(run.auto().firstGrowthMillis()).as(run.name()).isBetween(0.0, 100.0);
			assertThat(run.auto().peakSize()).as(run.name()).isLessThanOrEqualTo(peakBound(run.auto()));
		}
	}

	/*
	 * HikariCP's adder sleeps 30 ms after each connection it added: a surge then waits
	 * longer for its connections, and the p99 targets of the surge and the rise are not
	 * met (the rows are in the docs). The growth itself is as quick, nothing times out,
	 * and the peak stays within its bound.
	 */
	@Test
	void withHikariCPsAdderPauseTheSurgeStillGrowsAtOnceWithoutTimeoutsOrOvershoot() {
		for (Workload workload : List.of(Families.SURGE_FROM_SHRUNK, Families.RISE_AT_START)) {
			for (Run run : runs(workload, IO_SIZES, false, PoolSimulation.HIKARI_ADDER_PAUSE_MILLIS)) {
				assertThat(run.auto().timeouts()).as(run.name()).isZero();
				assertThat(run.auto().peakSize()).as(run.name()).isLessThanOrEqualTo(peakBound(run.auto()));
				if (workload == Families.SURGE_FROM_SHRUNK) {
					assertThat(run.auto().firstGrowthMillis()).as(run.name()).isBetween(0.0, 100.0);
				}
			}
		}
	}

	@Test
	void riseAtTheStartingSizeKeepsP99WithinTwiceStatic() {
		for (Run run : runs(Families.RISE_AT_START, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(2 * run.best().p99HighMillis());
		}
	}

	@Test
	void stepServesWithoutTimeouts() {
		for (Run run : runs(Families.STEP, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(1.5 * run.best().p99HighMillis());
		}
	}

	@Test
	void rampIsFollowedWithFewerConnectionSecondsThanStatic() {
		for (Run run : runs(Families.RAMP, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(2 * run.best().p99HighMillis());
			assertThat(run.auto().connectionSeconds()).as(run.name())
				.isLessThanOrEqualTo(run.best().connectionSeconds());
		}
	}

	@Test
	void spikeAfterIdleOpensAtMostSixConnections() {
		for (Run run : runs(Families.SPIKE, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().peakOpen()).as(run.name()).isLessThanOrEqualTo(6);
		}
	}

	@Test
	void diurnalLoadIsServedWithFewerConnectionSecondsThanStatic() {
		for (Run run : runs(Families.DIURNAL, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(1.5 * run.best().p99HighMillis());
			assertThat(run.auto().connectionSeconds()).as(run.name()).isLessThan(run.best().connectionSeconds());
		}
	}

	@Test
	void serviceTimeDoublingIsMetLikeASurge() {
		for (Run run : runs(Families.SERVICE_DOUBLING, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(4 * run.best().p99HighMillis());
		}
	}

	@Test
	void databaseSlowdownIsMetLikeASurge() {
		for (Run run : runs(Families.DATABASE_SLOWDOWN, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(4 * run.best().p99HighMillis());
		}
	}

	@Test
	void cpuBoundLoadAboveCapacitySettlesNearTheBestStaticSize() {
		for (Run run : runs(Families.CPU_ABOVE_CAPACITY, CPU_SIZES, true)) {
			assertThat(run.auto().throughputHigh()).as(run.name())
				.isGreaterThanOrEqualTo(0.95 * run.best().throughputHigh());
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(1.2 * run.best().p99HighMillis());
			assertThat(run.auto().settledOpen()).as(run.name()).isBetween(run.bestSize() - 2, run.bestSize() + 2);
		}
	}

	@Test
	void mixedIoAndCpuLoadIsServedAsWellAsStatic() {
		for (Run run : runs(Families.MIXED, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			assertThat(run.auto().p99HighMillis()).as(run.name()).isLessThanOrEqualTo(1.5 * run.best().p99HighMillis());
			assertThat(run.auto().throughputHigh()).as(run.name())
				.isGreaterThanOrEqualTo(0.95 * run.best().throughputHigh());
		}
	}

	@Test
	void steadyLoadChangesTheSizeAtMostOncePerMinuteAfterSettling() {
		for (Run run : runs(Families.STEADY, IO_SIZES, false)) {
			assertThat(run.auto().timeouts()).as(run.name()).isZero();
			// settled after 60 s; 120 s remain
			assertThat(run.auto().changesAfter(60)).as(run.name()).isLessThanOrEqualTo(2);
		}
	}

	@Test
	void theSameSeedGivesTheSameFigures() {
		assertThat(PoolSimulation.run(Families.RISE_AT_START, 7))
			.isEqualTo(PoolSimulation.run(Families.RISE_AT_START, 7));
		assertThat(PoolSimulation.run(Families.RISE_AT_START, 7))
			.isNotEqualTo(PoolSimulation.run(Families.RISE_AT_START, 8));
	}

	@AfterAll
	static void writeTable() throws Exception {
		List<String> lines = new ArrayList<>();
		lines.add("| family | seed | best static | static p99 ms | auto p99 ms | auto p50 ms | auto tput/s "
				+ "| static tput/s | timeouts | peak | 1.3λS+2 | settled | first growth ms | conn-s auto/static "
				+ "| changes |");
		lines.add(
				"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		TABLE.values().forEach(lines::addAll);
		java.nio.file.Path out = java.nio.file.Path.of("target", "sizing-simulation.md");
		java.nio.file.Files.createDirectories(out.getParent());
		java.nio.file.Files.write(out, lines);
	}

	private static int peakBound(SimulationResult result) {
		// a pool size is a whole number of connections
		return (int) Math.ceil(1.3 * result.lambdaS() + 2);
	}

	/**
	 * Sweep the static sizes on the first seed, then run the policy and the best static
	 * size on every seed.
	 */
	private static List<Run> runs(Workload workload, int[] sizes, boolean byThroughput) {
		return runs(workload, sizes, byThroughput, 0);
	}

	private static List<Run> runs(Workload workload, int[] sizes, boolean byThroughput, double adderPauseMillis) {
		int best = sizes[0];
		SimulationResult bestResult = null;
		for (int size : sizes) {
			SimulationResult result = PoolSimulation.runStatic(workload, SEEDS[0], size);
			if (bestResult == null || better(result, bestResult, byThroughput)) {
				best = size;
				bestResult = result;
			}
		}
		int bestSize = best;
		String name = (adderPauseMillis > 0)
				? String.format(Locale.ROOT, "%s, adder pause %.0f ms", workload.name(), adderPauseMillis)
				: workload.name();
		List<Run> runs = IntStream.range(0, SEEDS.length)
			.mapToObj((i) -> new Run(name + " seed " + SEEDS[i], bestSize,
					PoolSimulation.run(workload, SEEDS[i], adderPauseMillis),
					PoolSimulation.runStatic(workload, SEEDS[i], bestSize)))
			.toList();
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < runs.size(); i++) {
			Run run = runs.get(i);
			SimulationResult auto = run.auto();
			rows.add(String.format(Locale.ROOT,
					"| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f | %d | %s | %.0f/%.0f | %d |",
					name, SEEDS[i], bestSize, run.best().p99HighMillis(), auto.p99HighMillis(), auto.p50HighMillis(),
					auto.throughputHigh(), run.best().throughputHigh(), auto.timeouts(), auto.peakSize(),
					1.3 * auto.lambdaS() + 2, auto.settledOpen(),
					(auto.firstGrowthMillis() >= 0) ? String.format(Locale.ROOT, "%.0f", auto.firstGrowthMillis())
							: "-",
					auto.connectionSeconds(), run.best().connectionSeconds(), auto.changeTimes().size()));
		}
		TABLE.put(name, rows);
		return runs;
	}

	private static boolean better(SimulationResult result, SimulationResult best, boolean byThroughput) {
		if (byThroughput) {
			// the smallest size within 1% of the highest throughput: past the knee the
			// curve
			// is flat
			return result.throughputHigh() > 1.01 * best.throughputHigh();
		}
		// the smallest size within 5% of the lowest p99: the pool sized for the peak
		return result.p99HighMillis() < 0.95 * best.p99HighMillis();
	}

	private record Run(String name, int bestSize, SimulationResult auto, SimulationResult best) {
	}

}
