package io.github.poolpilot.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import org.jspecify.annotations.Nullable;

/**
 * What the driver learned of one replica from its output: when its application context
 * was ready, its samples and the outcome of each of its requests. Lines are added by the
 * thread that reads the replica's output and read once the replica ended.
 *
 * @author Pool Pilot contributors
 */
final class ReplicaTrace {

	/**
	 * The tag of the line a replica prints once its application context is ready.
	 */
	static final String READY = "READY";

	/**
	 * The tag of the line that carries one request's outcome.
	 */
	static final String REQUEST = "R";

	private final String id;

	private final List<ReplicaSample> samples = new ArrayList<>();

	private final List<Request> requests = new ArrayList<>();

	private long launched = -1;

	private long ready = -1;

	private long killed = -1;

	ReplicaTrace(String id) {
		this.id = id;
	}

	/**
	 * Read one line of the replica's output; lines that carry none of its tags are
	 * ignored.
	 * @param line the line
	 */
	synchronized void accept(String line) {
		String[] fields = line.trim().split(" ");
		try {
			switch (fields[0]) {
				case ReplicaSample.TAG -> this.samples.add(ReplicaSample.parse(fields));
				case REQUEST -> this.requests.add(new Request(Long.parseLong(fields[1]),
						Long.parseLong(fields[2]) / 1000.0, fields[3].charAt(0)));
				case READY -> this.ready = Long.parseLong(fields[1]);
				default -> {
				}
			}
		}
		catch (RuntimeException ex) {
			// a line of the replica's own logging that happens to start like a tag
		}
	}

	String id() {
		return this.id;
	}

	synchronized void launched(long millis) {
		this.launched = millis;
	}

	synchronized void killed(long millis) {
		this.killed = millis;
	}

	/**
	 * Return when the replica's process was started.
	 * @return milliseconds since the scenario started
	 */
	synchronized long launched() {
		return this.launched;
	}

	/**
	 * Return when the replica's application context was ready.
	 * @return milliseconds since the scenario started, {@code -1} if never
	 */
	synchronized long ready() {
		return this.ready;
	}

	/**
	 * Return when the replica was killed.
	 * @return milliseconds since the scenario started, {@code -1} if it was not
	 */
	synchronized long killed() {
		return this.killed;
	}

	synchronized List<ReplicaSample> samples() {
		return List.copyOf(this.samples);
	}

	synchronized List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Return the last sample at or before an instant.
	 * @param millis the instant
	 * @return the sample, or {@code null} when none
	 */
	synchronized @Nullable ReplicaSample at(long millis) {
		ReplicaSample last = null;
		for (ReplicaSample sample : this.samples) {
			if (sample.millis() > millis) {
				break;
			}
			last = sample;
		}
		return last;
	}

	/**
	 * Count the requests that failed among those due in a window.
	 * @param due which planned starts count
	 * @return timeouts and errors
	 */
	synchronized int failures(LongPredicate due) {
		return (int) this.requests.stream()
			.filter((request) -> request.kind() != ReplicaLoad.Outcome.OK && due.test(request.dueMillis()))
			.count();
	}

	/**
	 * One request's outcome.
	 *
	 * @param dueMillis its planned start, in milliseconds since the scenario started
	 * @param latencyMillis from its planned start to its end
	 * @param kind how it ended ({@link ReplicaLoad.Outcome#OK}, {@code TIMEOUT},
	 * {@code ERROR})
	 */
	record Request(long dueMillis, double latencyMillis, char kind) {

		/**
		 * Return the line that carries this outcome.
		 * @return the line
		 */
		String line() {
			return REQUEST + " " + this.dueMillis + " " + Math.round(this.latencyMillis * 1000) + " " + this.kind;
		}

	}

}
