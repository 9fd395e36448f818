package io.github.poolpilot.sizing.simulation;

import java.util.ArrayList;
import java.util.Arrays;
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

	private static final List<String> ORACLE_TABLE = new ArrayList<>();

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

	/*
	 * The bound on any policy with HikariCP's adder: an oracle that knows the surge grows
	 * the pool to the peak-sized static pool's size at the surge's first instant. From
	 * the 4 connections the low rate needs (5, where the policy shrinks to here),
	 * HikariCP then opens the rest with a 30 ms pause after each: on some seed the p99 is
	 * above 4 times the static pool's, so no sizing decision meets that target there.
	 * From 10 connections even 2 times is met.
	 */
	@Test
	void withHikariCPsAdderPauseEvenAnOracleMissesTheSurgeTargetFromAShrunkPool() {
		Workload workload = Families.SURGE_FROM_SHRUNK;
		int best = bestStatic(workload, IO_SIZES, false);
		double[] reference = staticP99(workload, best);
		Map<Integer, Double> worstAtOnce = new LinkedHashMap<>();
		for (int before : new int[] { 4, 5, 6, 8, 10 }) {
			worstAtOnce.put(before, oracleRow(workload, reference, before, best, 0));
			oracleRow(workload, reference, before, best, 100);
		}
		// a larger size opens its first connections at the same moments
		oracleRow(workload, reference, 5, workload.maxSize(), 0);
		int riseBest = bestStatic(Families.RISE_AT_START, IO_SIZES, false);
		double[] riseReference = staticP99(Families.RISE_AT_START, riseBest);
		for (double late : new double[] { 0, 100, 250 }) {
			oracleRow(Families.RISE_AT_START, riseReference, 10, riseBest, late);
		}
		assertThat(worstAtOnce.get(4)).isGreaterThan(4);
		assertThat(worstAtOnce.get(5)).isGreaterThan(4);
		assertThat(worstAtOnce.get(10)).isLessThanOrEqualTo(2);
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

	/*
	 * A queue forms by chance at every rate; at the rates where the pool is largest, a
	 * chance queue must not read as growth. After settling, 240 s remain.
	 */
	@Test
	void steadyLoadAtAnyRateChangesTheSizeAtMostFourTimesInTheFourMinutesAfterSettling() {
		for (double rate : new double[] { 300, 600, 1000 }) {
			Workload workload = new Workload(String.format(Locale.ROOT, "steady %.0f/s", rate), 300,
					Workload.constant(rate), Workload.constant(0.2), Workload.constant(20), Families.POSTGRES, 10, 40,
					60, 300);
			for (long seed : SEEDS) {
				SimulationResult result = PoolSimulation.run(workload, seed, PoolSimulation.HIKARI_ADDER_PAUSE_MILLIS);
				assertThat(result.timeouts()).as(workload.name() + " seed " + seed).isZero();
				assertThat(result.changesAfter(60)).as(workload.name() + " seed " + seed).isLessThanOrEqualTo(4);
			}
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
		List<String> oracle = new ArrayList<>();
		oracle.add("| family | pool before | oracle's size | oracle acts after ms | p99 / static p99, seeds 1–5 "
				+ "| worst |");
		oracle.add("| --- | ---: | ---: | ---: | --- | ---: |");
		oracle.addAll(ORACLE_TABLE);
		java.nio.file.Files.write(out.resolveSibling("sizing-oracle.md"), oracle);
	}

	private static double[] staticP99(Workload workload, int size) {
		return Arrays.stream(SEEDS)
			.mapToDouble((seed) -> PoolSimulation.runStatic(workload, seed, size).p99HighMillis())
			.toArray();
	}

	/**
	 * Run the oracle on every seed, add its row to the oracle table, and return its worst
	 * p99 against the reference's.
	 */
	private static double oracleRow(Workload workload, double[] reference, int before, int size, double lateMillis) {
		StringBuilder ratios = new StringBuilder();
		double worst = 0;
		for (int i = 0; i < SEEDS.length; i++) {
			double ratio = PoolSimulation
				.runOracle(workload, SEEDS[i], new PoolSimulation.Oracle(before, size, lateMillis),
						PoolSimulation.HIKARI_ADDER_PAUSE_MILLIS)
				.p99HighMillis() / reference[i];
			worst = Math.max(worst, ratio);
			ratios.append((ratios.length() > 0) ? ", " : "").append(String.format(Locale.ROOT, "%.2f", ratio));
		}
		ORACLE_TABLE.add(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %s | %.2f× |", workload.name(), before,
				size, lateMillis, ratios, worst));
		return worst;
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
		int bestSize = bestStatic(workload, sizes, byThroughput);
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

	private static int bestStatic(Workload workload, int[] sizes, boolean byThroughput) {
		int best = sizes[0];
		SimulationResult bestResult = null;
		for (int size : sizes) {
			SimulationResult result = PoolSimulation.runStatic(workload, SEEDS[0], size);
			if (bestResult == null || better(result, bestResult, byThroughput)) {
				best = size;
				bestResult = result;
			}
		}
		return best;
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
