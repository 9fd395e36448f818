package io.github.poolpilot.sizing.simulation;

import java.util.function.DoubleUnaryOperator;

/**
 * One family of simulated load: open-model arrivals at a rate that follows a function of
 * time, transactions made of database CPU work and I/O waits, the database that runs
 * them, the pool's starting size and bounds, and the window whose latency the family's
 * targets judge.
 *
 * @param name the family's name
 * @param seconds how long the run lasts, in virtual time
 * @param rate arrivals per second at a time in seconds
 * @param cpuMillis database CPU work per transaction at a time, in milliseconds of one
 * core
 * @param ioMillis I/O wait per transaction at a time, in milliseconds (no CPU)
 * @param database the database
 * @param startSize the pool's {@code maximumPoolSize} at the start
 * @param maxSize {@code poolpilot.sizing.max-size}
 * @param highFrom start of the judged window, in seconds
 * @param highTo end of the judged window, in seconds
 * @author Pool Pilot contributors
 */
record Workload(String name, double seconds, DoubleUnaryOperator rate, DoubleUnaryOperator cpuMillis,
		DoubleUnaryOperator ioMillis, SimulatedDatabase database, int startSize, int maxSize, double highFrom,
		double highTo) {

	static DoubleUnaryOperator constant(double value) {
		return (t) -> value;
	}

	/**
	 * Return a function that has one value before a time, another from it until a second
	 * time, and the first again after that.
	 */
	static DoubleUnaryOperator window(double low, double high, double from, double to) {
		return (t) -> (t >= from && t < to) ? high : low;
	}

}
