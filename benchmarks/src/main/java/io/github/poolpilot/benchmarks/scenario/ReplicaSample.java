package io.github.poolpilot.benchmarks.scenario;

import java.util.Locale;

/**
 * One replica's pool and fleet share at one instant, sampled by the replica itself every
 * {@link Replica#PERIOD_MS} ms and sent to the driver as one line of its output.
 *
 * @param millis time since the scenario started (the driver's clock and the replicas'
 * agree: they run on one machine)
 * @param total open connections
 * @param active connections in use
 * @param pending threads waiting for a connection
 * @param maximumPoolSize the pool's {@code maximumPoolSize}
 * @param share the share of the fleet's budget this replica holds, {@code -1} outside a
 * fleet
 * @param fairShare the share it is due, {@code -1} outside a fleet
 * @param demand the demand it published, {@code -1} outside a fleet
 * @param budget the fleet's budget as it read it, {@code -1} outside a fleet
 * @param replicas the live replicas it saw, {@code -1} outside a fleet
 * @author Pool Pilot contributors
 */
record ReplicaSample(long millis, int total, int active, int pending, int maximumPoolSize, int share, int fairShare,
		int demand, int budget, int replicas) {

	/**
	 * The tag of a sample's line.
	 */
	static final String TAG = "S";

	/**
	 * Return whether the replica holds a lease in a fleet.
	 * @return whether {@link #share()} is known
	 */
	boolean inFleet() {
		return this.share >= 0;
	}

	/**
	 * Return the line that carries this sample.
	 * @return the line
	 */
	String line() {
		return String.format(Locale.ROOT, "%s %d %d %d %d %d %d %d %d %d %d", TAG, this.millis, this.total, this.active,
				this.pending, this.maximumPoolSize, this.share, this.fairShare, this.demand, this.budget,
				this.replicas);
	}

	/**
	 * Read a sample from its line.
	 * @param fields the line's fields, the tag first
	 * @return the sample
	 */
	static ReplicaSample parse(String[] fields) {
		return new ReplicaSample(Long.parseLong(fields[1]), Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
				Integer.parseInt(fields[4]), Integer.parseInt(fields[5]), Integer.parseInt(fields[6]),
				Integer.parseInt(fields[7]), Integer.parseInt(fields[8]), Integer.parseInt(fields[9]),
				Integer.parseInt(fields[10]));
	}

}
