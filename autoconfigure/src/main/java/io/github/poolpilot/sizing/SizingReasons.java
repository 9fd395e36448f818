package io.github.poolpilot.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;

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

	static String load(OfferedLoad offered, double percentile) {
		Segment load = offered.load();
		String over = (load.intervals() > 1) ? " over the last " + duration(load.nanos()) : "";
		String served = "served " + decimal(load.servedRate(), 1) + "/s";
		String rate = "offered " + decimal(offered.rate(), 1) + "/s";
		String hold = (offered.queueing() ? "mean" : "p" + percent(percentile)) + " hold "
				+ decimal(offered.holdNanos() / 1e6, 1) + " ms = " + decimal(offered.offered(), 1);
		if (offered.queueNanos() > 0) {
			// the queue's rate: the served rate is the recent samples'
			return rate + " since the queue formed " + duration(offered.queueNanos()) + " ago (" + served + over
					+ ") x " + hold;
		}
		return rate + " (" + served + ") x " + hold + over;
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
		return "not growing to " + needAll + ": " + decimal(remoteShare * 100, 0)
				+ "% of the hold time was spent idle across remote calls";
	}

	static String limitReached(int need, String limit) {
		return "needs " + need + " but " + limit + " is reached";
	}

	static String refusedAbove(int need, int held, long rememberedNanos) {
		return "needs " + need + " but the database refused more than " + held + " connections; asking again in "
				+ duration(rememberedNanos);
	}

	static String saturatedAbove(int need, int ceiling) {
		return "needs " + need + " but the database saturated above " + ceiling + " connections";
	}

	static String opening(int total, int maximum, long openNanos) {
		String text = "opening connections one at a time: " + total + " of " + maximum;
		return (openNanos > 0) ? text + ", " + decimal(openNanos / 1e6, 1) + " ms each" : text;
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
		return "at " + step.to() + " connections the mean hold time changed " + signed(step.holdRise() * 100) + "% ("
				+ decimal(step.before().meanHoldNanos() / 1e6, 1) + " -> "
				+ decimal(step.after().meanHoldNanos() / 1e6, 1) + " ms) and throughput "
				+ signed(step.rateGain() * 100) + "% (" + decimal(step.before().rate(), 1) + " -> "
				+ decimal(step.after().rate(), 1) + "/s) against " + step.from();
	}

	private static String remote(double remoteShare) {
		return (remoteShare > 0)
				? " (" + decimal(remoteShare * 100, 0) + "% of the hold time spent across remote calls not counted)"
				: "";
	}

	// what %.Nf writes (the shortest decimal of the double, rounded half up), without
	// a Formatter: the controller's close watch gives a reason many times a second
	static String decimal(double value, int places) {
		if (!Double.isFinite(value)) {
			return Double.toString(value);
		}
		String text = new BigDecimal(Double.toString(value)).setScale(places, RoundingMode.HALF_UP).toPlainString();
		boolean negative = value < 0 || (value == 0 && 1 / value < 0);
		return (negative && !text.startsWith("-")) ? "-" + text : text;
	}

	private static String signed(double value) {
		String text = decimal(value, 0);
		return text.startsWith("-") ? text : "+" + text;
	}

	private static String percent(double ratio) {
		String text = Double.toString(ratio * 100);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

	static String duration(long nanos) {
		long millis = nanos / 1_000_000;
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

}
