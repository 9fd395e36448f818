package io.github.poolpilot.benchmarks.scenario;

/**
 * One stretch of a scenario at a fixed arrival rate, optionally opened by a burst of
 * simultaneous arrivals.
 *
 * @param name what the phase is called in tables
 * @param rate arrivals per second, evenly spaced; 0 for none
 * @param seconds how long the phase lasts
 * @param burst arrivals all due at the phase's first instant
 * @author Pool Pilot contributors
 */
record Phase(String name, double rate, double seconds, int burst) {

	/**
	 * Return a phase at a steady rate.
	 * @param name the name
	 * @param rate arrivals per second
	 * @param seconds the length
	 * @return the phase
	 */
	static Phase steady(String name, double rate, double seconds) {
		return new Phase(name, rate, seconds, 0);
	}

	/**
	 * Return the phase's length.
	 * @return nanoseconds
	 */
	long nanos() {
		return (long) (this.seconds * 1e9);
	}

	/**
	 * Return how many requests arrive in the phase.
	 * @return the count
	 */
	int arrivals() {
		return this.burst + (int) Math.floor(this.rate * this.seconds);
	}

}
