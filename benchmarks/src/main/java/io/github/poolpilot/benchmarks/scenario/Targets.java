package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

/**
 * Checks Pool Pilot's load targets against runs: I/O-bound, no acquire timeout after
 * settling, a peak within 1.3 λS + 2 connections and growth within 2 s of a rise;
 * CPU-bound, throughput and p99 within 5% and 1.2x of the best static size and a settled
 * size within ±2 of it; spike, no more connections than the burst needs. Every contender
 * is checked, so that the static pools and FlexyPool show what the targets ask of a pool;
 * the targets are Pool Pilot's.
 *
 * @author Pool Pilot contributors
 */
final class Targets {

	/**
	 * Connections HikariCP's own spike test ends with (5 to 6): the most a burst of 50
	 * should leave open.
	 */
	static final int SPIKE_CONNECTIONS = 6;

	private Targets() {
	}

	/**
	 * Check the I/O-bound targets. The peak is read from the rise on: before it, each
	 * pool has its starting size. The need is Little's law with the mean hold time each
	 * run measured in that phase.
	 * @param run a run of the I/O-bound scenario (phases: low, high, low)
	 * @return the verdicts
	 */
	static List<Verdict> ioBound(Run run) {
		PhaseStats high = PhaseStats.of(run, 1);
		PhaseStats fall = PhaseStats.of(run, 2);
		List<Verdict> verdicts = new ArrayList<>();
		int late = 0;
		int all = 0;
		for (int i = 0; i < run.phases().size(); i++) {
			PhaseStats stats = PhaseStats.of(run, i);
			late += stats.timeoutsAfterSettling();
			all += stats.timeouts();
		}
		verdicts.add(verdict(run, "zero acquire timeouts after settling", late + " after settling (" + all + " in all)",
				late == 0, -late));
		double busy = high.rate() * high.meanHoldMillis() / 1e3;
		double bound = 1.3 * busy + 2;
		long rise = run.phaseStarts()[1] / 1_000_000;
		int peak = run.samplesFrom(rise).stream().mapToInt(Sample::total).max().orElse(0);
		verdicts.add(verdict(run, "peak connections <= 1.3 x λS + 2",
				format("%d from the rise on; 1.3 x %.0f/s x %.1f ms + 2 = %.1f", peak, high.rate(),
						high.meanHoldMillis(), bound),
				peak <= bound, bound - peak));
		int need = (int) Math.ceil(busy);
		double grown = firstReaching(run.samples(1), rise, (total) -> total >= need);
		verdicts.add(verdict(run, "grows within 2 s of a rise",
				(grown < 0) ? "never reached " + need + " connections"
						: format("%d connections (λS = %.1f) after %.1f s", need, busy, grown),
				grown >= 0 && grown <= 2, (grown < 0) ? Double.NEGATIVE_INFINITY : 2 - grown));
		double lowBusy = fall.rate() * fall.meanHoldMillis() / 1e3;
		int lowNeed = Math.max(1, (int) Math.ceil(lowBusy));
		int back = (int) Math.ceil(1.2 * lowNeed - 1e-9);
		long fallAt = run.phaseStarts()[2] / 1_000_000;
		double settled = settledBelow(run.samples(2), fallAt, back);
		boolean judged = settled >= 0 || fall.seconds() >= 60;
		verdicts.add(verdict(run, "back within 20% of need within 60 s of a fall",
				(settled < 0)
						? format("still above %d connections (need %d) after %.0f s", back, lowNeed, fall.seconds())
						: format("<= %d connections (need ceil(%.1f) = %d) after %.1f s", back, lowBusy, lowNeed,
								settled),
				judged ? (settled >= 0 && settled <= 60) : null,
				judged ? ((settled < 0) ? Double.NEGATIVE_INFINITY : 60 - settled) : Double.NaN));
		return verdicts;
	}

	/**
	 * Check the CPU-bound targets against the best static size of the sweep, run again
	 * right before and right after: the reference is the mean of those two runs.
	 * @param run a run of the CPU-bound scenario
	 * @param best the sweep's best static size
	 * @param before the figures of a run of the best static size as long as this one,
	 * before it
	 * @param after the same, after it
	 * @return the verdicts
	 */
	static List<Verdict> cpuBound(Run run, int best, PhaseStats before, PhaseStats after) {
		PhaseStats stats = PhaseStats.of(run, 0);
		double throughput = (before.throughput() + after.throughput()) / 2;
		double p99 = (before.p99Millis() + after.p99Millis()) / 2;
		// the database sees open connections: a lower maximumPoolSize does not close
		// connections in use
		int settled = settledSize(run, Sample::total);
		int maximum = settledSize(run, Sample::maximumPoolSize);
		return List.of(verdict(run, "throughput >= 95% of the best static size",
				format("%.1f/s vs %.1f/s at size %d (%.1f before, %.1f after; %.0f%%)", stats.throughput(), throughput,
						best, before.throughput(), after.throughput(), 100 * stats.throughput() / throughput),
				stats.throughput() >= 0.95 * throughput, stats.throughput() / throughput - 0.95),
				verdict(run, "p99 <= 1.2 x the best static size's p99",
						format("%.0f ms vs %.0f ms (%.0f before, %.0f after; %.2fx)", stats.p99Millis(), p99,
								before.p99Millis(), after.p99Millis(), stats.p99Millis() / p99),
						stats.p99Millis() <= 1.2 * p99, 1.2 - stats.p99Millis() / p99),
				verdict(run, "settled size within ±2 of the best static size",
						format("%d open connections, maximumPoolSize %d (medians over the last third) vs %d", settled,
								maximum, best),
						Math.abs(settled - best) <= 2, 2 - Math.abs(settled - best)));
	}

	/**
	 * Check the spike target.
	 * @param run a run of the spike scenario (phases: idle, burst)
	 * @return the verdict
	 */
	static List<Verdict> spike(Run run) {
		PhaseStats idle = PhaseStats.of(run, 0);
		PhaseStats burst = PhaseStats.of(run, 1);
		return List.of(verdict(run, "no more connections than the burst needs (<= " + SPIKE_CONNECTIONS + ")",
				format("%d at the peak (%d before the burst, %d at the end; pg_stat_activity %d)",
						burst.peakConnections(), lastTotal(run.samples(0)), lastTotal(run.samples(1)),
						run.serverConnections()),
				burst.peakConnections() <= SPIKE_CONNECTIONS && idle.timeouts() + burst.timeouts() == 0,
				(idle.timeouts() + burst.timeouts() > 0) ? -(idle.timeouts() + burst.timeouts())
						: SPIKE_CONNECTIONS - burst.peakConnections()));
	}

	/**
	 * Return the median of a pool size over the last third of a single-phase run.
	 * @param run the run
	 * @param size which size: open connections or {@code maximumPoolSize}
	 * @return the size
	 */
	static int settledSize(Run run, ToIntFunction<Sample> size) {
		List<Sample> samples = run.samples(0);
		int[] sizes = samples.subList(samples.size() * 2 / 3, samples.size())
			.stream()
			.mapToInt(size)
			.sorted()
			.toArray();
		return (sizes.length == 0) ? 0 : sizes[sizes.length / 2];
	}

	private static int lastTotal(List<Sample> samples) {
		return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).total();
	}

	private static double firstReaching(List<Sample> samples, long from, IntPredicate test) {
		for (Sample sample : samples) {
			if (test.test(sample.total())) {
				return Math.max(0, sample.millis() - from) / 1e3;
			}
		}
		return -1;
	}

	private static double settledBelow(List<Sample> samples, long from, int bound) {
		// the first instant after which every sample of the phase stays at or below the
		// bound
		double settled = -1;
		for (Sample sample : samples) {
			if (sample.total() > bound) {
				settled = -1;
			}
			else if (settled < 0) {
				settled = Math.max(0, sample.millis() - from) / 1e3;
			}
		}
		return settled;
	}

	private static Verdict verdict(Run run, String target, String measured, @Nullable Boolean pass, double margin) {
		return new Verdict(run.scenario(), run.contender().label(), target, measured, pass, margin);
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
