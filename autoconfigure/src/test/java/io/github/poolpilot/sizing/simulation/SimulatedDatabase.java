package io.github.poolpilot.sizing.simulation;

import java.util.function.DoubleUnaryOperator;

/**
 * The database of the simulation: a number of cores shared by the transactions in their
 * CPU phase, a contention cost that slows every transaction's CPU work by a share per
 * other active connection (so that throughput has a knee past the cores, as PostgreSQL's
 * does under lock and snapshot contention), I/O waits that use no CPU, a latency to open
 * a connection, a connection limit, and a slowdown factor over time.
 *
 * @param cores CPU cores
 * @param contention extra CPU work per other active connection, as a share
 * @param openMillis time to open one connection on an idle database
 * @param connectionLimit connections the database accepts from this pool
 * @param slowdown how many times slower the database is at a time in seconds
 * @author Pool Pilot contributors
 */
record SimulatedDatabase(int cores, double contention, double openMillis, int connectionLimit,
		DoubleUnaryOperator slowdown) {

	static SimulatedDatabase postgres() {
		return new SimulatedDatabase(2, 0.02, 5, 100, Workload.constant(1));
	}

	SimulatedDatabase slowdown(DoubleUnaryOperator slowdown) {
		return new SimulatedDatabase(this.cores, this.contention, this.openMillis, this.connectionLimit, slowdown);
	}

	SimulatedDatabase contention(double contention) {
		return new SimulatedDatabase(this.cores, contention, this.openMillis, this.connectionLimit, this.slowdown);
	}

	/**
	 * Return the share of a core each transaction in its CPU phase gets.
	 * @param inCpu transactions in their CPU phase
	 * @param active connections in a transaction
	 * @param t the time in seconds
	 * @return the speed, 1 for a core of its own on an uncontended database
	 */
	double cpuSpeed(int inCpu, int active, double t) {
		double share = (inCpu <= this.cores) ? 1 : (double) this.cores / inCpu;
		return share / (1 + this.contention * Math.max(0, active - 1)) / this.slowdown.applyAsDouble(t);
	}

}
