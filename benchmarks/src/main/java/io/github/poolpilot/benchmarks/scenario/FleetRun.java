package io.github.poolpilot.benchmarks.scenario;

import java.util.List;
import java.util.Map;

/**
 * One contender's run of the fleet scenario: three replicas in JVMs of their own, the
 * first two launched at once, the third at {@code joinAt}, the first killed with
 * {@code kill -9} at {@code killAt}; the server's own count of the service's sessions
 * every 200 ms, and the connections it refused. Times are milliseconds since the scenario
 * started.
 *
 * @param contender the contender's id
 * @param label its name in tables
 * @param replicas the replicas: the two first, then the joiner; the first is killed
 * @param server the server's samples
 * @param refusals when the server refused a connection of the service's role
 * @param joinAt when the third replica was launched
 * @param killAt when the first was killed
 * @param end when the replicas' loads ended
 * @param leaseMillis the fleet's lease timeout
 * @param loadBefore the machine's 1-minute load average before the run
 * @param loadAfter the same after it
 * @author Pool Pilot contributors
 */
record FleetRun(String contender, String label, List<ReplicaTrace> replicas, List<ServerSample> server,
		List<Long> refusals, long joinAt, long killAt, long end, long leaseMillis, double loadBefore,
		double loadAfter) {

	/**
	 * How long after its context is ready a replica's JVM is taken to be warming up.
	 */
	static final long WARM_UP_MILLIS = 5000;

	/**
	 * Return the replica that joins later.
	 * @return the third replica
	 */
	ReplicaTrace joiner() {
		return this.replicas.get(2);
	}

	/**
	 * Return the replica that is killed.
	 * @return the first replica
	 */
	ReplicaTrace victim() {
		return this.replicas.get(0);
	}

	/**
	 * Return how many replicas run at an instant: launched and not killed.
	 * @param millis the instant
	 * @return the count
	 */
	int live(long millis) {
		return (int) this.replicas.stream()
			.filter((replica) -> replica.launched() >= 0 && replica.launched() <= millis)
			.filter((replica) -> replica.killed() < 0 || replica.killed() > millis)
			.count();
	}

	/**
	 * Count the refusals in a window.
	 * @param from the window's start, inclusive
	 * @param to its end, exclusive
	 * @return the count
	 */
	int refused(long from, long to) {
		return (int) this.refusals.stream().filter((millis) -> millis >= from && millis < to).count();
	}

	/**
	 * Return the figures of one replica over its whole life.
	 * @param replica the replica
	 * @return the figures
	 */
	static Figures figures(ReplicaTrace replica) {
		List<ReplicaTrace.Request> requests = replica.requests();
		double[] latencies = requests.stream().mapToDouble(ReplicaTrace.Request::latencyMillis).sorted().toArray();
		int timeouts = (int) requests.stream()
			.filter((request) -> request.kind() == ReplicaLoad.Outcome.TIMEOUT)
			.count();
		int errors = (int) requests.stream().filter((request) -> request.kind() == ReplicaLoad.Outcome.ERROR).count();
		int peak = replica.samples().stream().mapToInt(ReplicaSample::total).max().orElse(0);
		double[] warm = requests.stream()
			.filter((request) -> request.dueMillis() >= replica.ready() + WARM_UP_MILLIS)
			.mapToDouble(ReplicaTrace.Request::latencyMillis)
			.sorted()
			.toArray();
		return new Figures(requests.size(), requests.size() - timeouts - errors, timeouts, errors,
				percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(warm, 0.99), peak);
	}

	/**
	 * Return a percentile of sorted values (nearest rank).
	 * @param sorted the values, ascending
	 * @param p the percentile, from 0 to 1
	 * @return the value, {@code NaN} when there is none
	 */
	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1);
		return sorted[Math.max(0, index)];
	}

	/**
	 * The server's count of the service's sessions at one instant.
	 *
	 * @param millis the instant
	 * @param byReplica the sessions of each replica
	 */
	record ServerSample(long millis, Map<String, Integer> byReplica) {

		/**
		 * Return every session of the service's role.
		 * @return the count
		 */
		int total() {
			return this.byReplica.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

	/**
	 * One replica's figures: every request it reported, a failure counting at the moment
	 * it failed.
	 *
	 * @param requests requests that ended
	 * @param ok requests that ran
	 * @param timeouts requests that gave up waiting for a connection
	 * @param errors requests that failed otherwise (a refused connection, for one)
	 * @param p50Millis median latency from the planned start
	 * @param p99Millis 99th percentile
	 * @param p99WarmMillis 99th percentile of the requests due from
	 * {@link #WARM_UP_MILLIS} after the replica's context was ready on
	 * @param peakConnections most open connections in a sample
	 */
	record Figures(int requests, int ok, int timeouts, int errors, double p50Millis, double p99Millis,
			double p99WarmMillis, int peakConnections) {

	}

}
