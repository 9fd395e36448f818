package io.github.poolpilot.sizing;

import java.util.Locale;

import io.github.poolpilot.sizing.LoadWindow.Segment;

/**
 * Every reason {@link SizingPolicy} gives for a decision, in one place, so that the log
 * lines read alike and a test can name the one it expects.
 *
 * @author Pool Pilot contributors
 */
final class SizingReasons {

	private SizingReasons() {
	}

	static String load(Segment load, String percentile) {
		String text = String.format(Locale.ROOT, "offered %.1f/s (served %.1f/s) x p%s hold %.1f ms = %.1f",
				load.offeredRate(), load.servedRate(), percentile, load.holdPercentileNanos() / 1e6, load.offered());
		return (load.intervals() > 1) ? text + " over the last " + duration(load.nanos()) : text;
	}

	static String surge(String load, int need, int size, int limit, double remoteShare) {
		String text = "callers queue; " + load + "; needs " + need + remote(remoteShare);
		if (size < need) {
			text += (size == limit) ? ", capped at " + size : ", " + size + " in this step";
		}
		return text;
	}

	static String headroom(String load, int need, int size, int limit, double remoteShare) {
		String text = load + "; needs " + need + remote(remoteShare);
		if (size < need) {
			text += (size == limit) ? ", capped at " + size : ", " + size + " in this step";
		}
		return text;
	}

	static String steady(String load, int need) {
		return load + "; needs " + need;
	}

	static String queueServed(String load, int need) {
		return "callers queue; " + load + "; needs " + need + ", which the pool has";
	}

	static String toBeConfirmed(String load, int need) {
		return load + "; needs " + need + ", to be confirmed";
	}

	static String fewArrivals(String load, int need) {
		return load + "; needs " + need + ", too few arrivals to be sure";
	}

	static String remoteWaits(int needAll, double remoteShare) {
		return String.format(Locale.ROOT,
				"not growing to %d: %.0f%% of the hold time was spent idle across remote calls", needAll,
				remoteShare * 100);
	}

	static String limitReached(int need, String limit) {
		return "needs " + need + " but " + limit + " is reached";
	}

	static String saturatedAbove(int need, int ceiling) {
		return "needs " + need + " but the database saturated above " + ceiling + " connections";
	}

	static String opening(int total, int maximum, long openNanos) {
		String text = "opening connections one at a time: " + total + " of " + maximum;
		return (openNanos > 0) ? text + String.format(Locale.ROOT, ", %.1f ms each", openNanos / 1e6) : text;
	}

	static String judging(SizeStep step) {
		return "measuring the step from " + step.from() + " to " + step.to();
	}

	static String notTaken(SizeStep step) {
		return "the pool has not taken the step from " + step.from() + " to " + step.to() + ", so more than "
				+ step.to() + " cannot be judged";
	}

	static String cannotOpen(int total, int maximum) {
		return "callers waited while the pool had " + total + " of its " + maximum
				+ " connections: opening connections is the limit, not the size";
	}

	static String refused(int total, int maximum, boolean timeouts, long starvedNanos, int held) {
		return "callers waited while the pool could open only " + total + " of its " + maximum + " connections"
				+ (timeouts ? " and some timed out" : " for " + duration(starvedNanos))
				+ ": the database refuses more; backing off to " + held;
	}

	static String saturated(SizeStep step, long memoryNanos) {
		return "the database is saturated: " + measured(step) + "; back to " + step.from() + ", no growth above it for "
				+ duration(memoryNanos);
	}

	static String probing(int size) {
		return "the database is saturated and callers wait; trying " + size
				+ " connections to see whether fewer serve as much";
	}

	static String stepDownUndone(SizeStep step, boolean servedLess, long memoryNanos) {
		String why = servedLess ? "fewer connections served less"
				: "fewer connections did not make transactions faster";
		return why + ": " + measured(step) + "; back to " + step.from() + " for " + duration(memoryNanos);
	}

	static String aboveUpper(String upper) {
		return "above " + upper;
	}

	static String belowMinimum(int lower) {
		return "below poolpilot.sizing.min-size of " + lower;
	}

	static String shrink(int windowNeed, long windowNanos, String load) {
		return "needed at most " + windowNeed + " in the last " + duration(windowNanos) + "; now " + load;
	}

	static String budget(int budget) {
		return "the database's connection budget of " + budget;
	}

	static String configuredMaximum(String property, int size) {
		return property + " of " + size;
	}

	static String maxSize(int maxSize) {
		return "poolpilot.sizing.max-size of " + maxSize;
	}

	static String startingSize(int initial) {
		return "the size the pool started with (" + initial + "; set poolpilot.sizing.max-size to let it grow)";
	}

	private static String measured(SizeStep step) {
		return String.format(Locale.ROOT,
				"at %d connections the mean hold time changed %+.0f%% (%.1f -> %.1f ms) "
						+ "and throughput %+.0f%% (%.1f -> %.1f/s) against %d",
				step.to(), step.holdRise() * 100, step.before().meanHoldNanos() / 1e6,
				step.after().meanHoldNanos() / 1e6, step.rateGain() * 100, step.before().rate(), step.after().rate(),
				step.from());
	}

	private static String remote(double remoteShare) {
		return (remoteShare > 0) ? String.format(Locale.ROOT,
				" (%.0f%% of the hold time spent across remote calls not counted)", remoteShare * 100) : "";
	}

	static String duration(long nanos) {
		long millis = nanos / 1_000_000;
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

}
