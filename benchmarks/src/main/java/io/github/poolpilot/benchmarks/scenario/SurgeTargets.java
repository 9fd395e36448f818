package io.github.poolpilot.benchmarks.scenario;

import java.util.List;
import java.util.Locale;

import io.github.poolpilot.sizing.SizingEvent;

/**
 * Checks the targets of a rise in load against a static pool sized for the peak, in the
 * same round: the surge from a pool that shrank for the low rate (0 acquire timeouts, p99
 * of the high phase within 4x the static pool's, stretch 2x, first growth within 100 ms
 * of the queue starting, a peak within 1.3 λS + 2, stretch connection-seconds within half
 * the static pool's), the same rise while the pool is at its starting size (p99 within
 * 2x) and the ramp (the simulator's: 0 timeouts, p99 within 2x, no more
 * connection-seconds than the static pool).
 *
 * @author Pool Pilot contributors
 */
final class SurgeTargets {

	/**
	 * The surge's p99 target, as a multiple of the static pool's.
	 */
	static final double SURGE_P99 = 4;

	/**
	 * The surge's stretch p99 target, and the rise's and the ramp's target.
	 */
	static final double RISE_P99 = 2;

	/**
	 * The longest time from the queue starting to the first growth decision.
	 */
	static final double FIRST_GROWTH_MILLIS = 100;

	/**
	 * The stretch target for the surge run's connection-seconds, as a share of the static
	 * pool's.
	 */
	static final double CONNECTION_SECONDS = 0.5;

	private SurgeTargets() {
	}

	/**
	 * Check the surge targets.
	 * @param auto the run of Pool Pilot (phases: low, high, low)
	 * @param reference the static pool's run in the same round
	 * @return the verdicts
	 */
	static List<Verdict> surge(Run auto, Run reference) {
		PhaseStats high = PhaseStats.of(auto, 1);
		PhaseStats staticHigh = PhaseStats.of(reference, 1);
		int timeouts = PhaseStats.all(auto).timeouts();
		double ratio = high.p99Millis() / staticHigh.p99Millis();
		String p99 = format("%.1f ms vs %.1f ms (%.2fx; max %.0f vs %.0f ms)", high.p99Millis(), staticHigh.p99Millis(),
				ratio, high.maxMillis(), staticHigh.maxMillis());
		long rise = auto.phaseStarts()[1];
		SizingEvent growth = Surges.firstGrowth(auto, rise);
		String growthText;
		double growthMillis;
		if (growth == null) {
			growthText = "no growth from the rise on";
			growthMillis = Double.POSITIVE_INFINITY;
		}
		else {
			long at = auto.offsetNanos(growth);
			long queue = Surges.queueStart(auto, at);
			growthMillis = (queue < 0) ? Double.POSITIVE_INFINITY : (at - queue) / 1e6;
			growthText = (queue < 0)
					? format("%d -> %d at +%.0f ms after the rise with no caller queued", growth.fromMaximumPoolSize(),
							growth.toMaximumPoolSize(), (at - rise) / 1e6)
					: format("%.0f ms (queue from +%.0f ms, %d -> %d at +%.0f ms after the rise)", growthMillis,
							(queue - rise) / 1e6, growth.fromMaximumPoolSize(), growth.toMaximumPoolSize(),
							(at - rise) / 1e6);
		}
		double bound = 1.3 * high.rate() * high.meanHoldMillis() / 1e3 + 2;
		long riseMillis = rise / 1_000_000;
		int peak = auto.samplesFrom(riseMillis).stream().mapToInt(Sample::total).max().orElse(0);
		int peakMaximum = auto.samplesFrom(riseMillis).stream().mapToInt(Sample::maximumPoolSize).max().orElse(0);
		double used = Surges.connectionSeconds(auto);
		double staticUsed = Surges.connectionSeconds(reference);
		String connectionSeconds = format("%.0f vs %.0f (%.0f%%)", used, staticUsed, 100 * used / staticUsed);
		return List.of(verdict(auto, "0 acquire timeouts", timeouts + " in the whole run", timeouts == 0, -timeouts),
				verdict(auto, "p99 of the high phase <= 4 x the static pool's", p99, ratio <= SURGE_P99,
						SURGE_P99 - ratio),
				verdict(auto, "stretch: p99 of the high phase <= 2 x the static pool's", p99, ratio <= RISE_P99,
						RISE_P99 - ratio),
				verdict(auto, "first growth <= 100 ms after the queue starts", growthText,
						growthMillis <= FIRST_GROWTH_MILLIS, FIRST_GROWTH_MILLIS - growthMillis),
				verdict(auto, "peak connections <= 1.3 x λS + 2",
						format("%d open (maximumPoolSize %d) from the rise on; 1.3 x %.0f/s x %.1f ms + 2 = %.1f", peak,
								peakMaximum, high.rate(), high.meanHoldMillis(), bound),
						peak <= bound, bound - peak),
				verdict(auto, "stretch: connection-seconds <= 50% of the static pool's", connectionSeconds,
						used <= CONNECTION_SECONDS * staticUsed, CONNECTION_SECONDS - used / staticUsed));
	}

	/**
	 * Check the target of a rise at the starting size.
	 * @param auto the run of Pool Pilot (phases: low, high, low)
	 * @param reference the static pool's run in the same round
	 * @return the verdicts
	 */
	static List<Verdict> rise(Run auto, Run reference) {
		PhaseStats high = PhaseStats.of(auto, 1);
		PhaseStats staticHigh = PhaseStats.of(reference, 1);
		double ratio = high.p99Millis() / staticHigh.p99Millis();
		return List.of(verdict(auto, "p99 of the high phase <= 2 x the static pool's",
				format("%.1f ms vs %.1f ms (%.2fx; max %.0f vs %.0f ms; %d timeouts)", high.p99Millis(),
						staticHigh.p99Millis(), ratio, high.maxMillis(), staticHigh.maxMillis(),
						PhaseStats.all(auto).timeouts()),
				ratio <= RISE_P99, RISE_P99 - ratio));
	}

	/**
	 * Check the ramp targets, over the whole run.
	 * @param auto the run of Pool Pilot
	 * @param reference the static pool's run in the same round
	 * @return the verdicts
	 */
	static List<Verdict> ramp(Run auto, Run reference) {
		PhaseStats all = PhaseStats.all(auto);
		PhaseStats staticAll = PhaseStats.all(reference);
		double ratio = all.p99Millis() / staticAll.p99Millis();
		double used = Surges.connectionSeconds(auto);
		double staticUsed = Surges.connectionSeconds(reference);
		return List.of(
				verdict(auto, "0 acquire timeouts", all.timeouts() + " in the whole run", all.timeouts() == 0,
						-all.timeouts()),
				verdict(auto, "p99 <= 2 x the static pool's",
						format("%.1f ms vs %.1f ms (%.2fx; max %.0f vs %.0f ms)", all.p99Millis(),
								staticAll.p99Millis(), ratio, all.maxMillis(), staticAll.maxMillis()),
						ratio <= RISE_P99, RISE_P99 - ratio),
				verdict(auto, "connection-seconds <= the static pool's",
						format("%.0f vs %.0f (%.0f%%)", used, staticUsed, 100 * used / staticUsed), used <= staticUsed,
						1 - used / staticUsed));
	}

	private static Verdict verdict(Run run, String target, String measured, boolean pass, double margin) {
		return new Verdict(run.scenario(), run.contender().label(), target, measured, pass, margin);
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
