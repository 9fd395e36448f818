package io.github.poolpilot.benchmarks.scenario;

import java.util.Arrays;

/**
 * What happened to every request of one run, in arrival order: when it was due, when it
 * got its connection, when it ended and how. Times are nanoseconds since the run started;
 * each slot is written by the one thread that ran the request and read only after the
 * run's executor terminated.
 *
 * @author Pool Pilot contributors
 */
final class Requests {

	/** Still running when the run gave up waiting for it. */
	static final byte UNFINISHED = 0;

	/** Got a connection and ran its statements. */
	static final byte OK = 1;

	/** Gave up waiting for a connection. */
	static final byte ACQUIRE_TIMEOUT = 2;

	/** Failed otherwise. */
	static final byte ERROR = 3;

	/** Not started: the driver already had its most requests in flight. */
	static final byte REJECTED = 4;

	final long[] intended;

	final long[] acquired;

	final long[] ended;

	final byte[] outcome;

	final int[] phase;

	Requests(int count) {
		this.intended = new long[count];
		this.acquired = new long[count];
		this.ended = new long[count];
		this.outcome = new byte[count];
		this.phase = new int[count];
		Arrays.fill(this.acquired, -1);
	}

	/**
	 * Return how many requests the run planned.
	 * @return the count
	 */
	int size() {
		return this.intended.length;
	}

	/**
	 * Return a request's latency from its intended start, successful or not.
	 * @param i the request
	 * @return nanoseconds, or {@code -1} when it never ended
	 */
	long latency(int i) {
		return (this.outcome[i] == UNFINISHED) ? -1 : this.ended[i] - this.intended[i];
	}

	/**
	 * Return how long a successful request held its connection.
	 * @param i the request
	 * @return nanoseconds, or {@code -1} when it got none
	 */
	long hold(int i) {
		return (this.outcome[i] == OK && this.acquired[i] >= 0) ? this.ended[i] - this.acquired[i] : -1;
	}

}
