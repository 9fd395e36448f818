package io.github.poolpilot.benchmarks.scenario;

/**
 * One stretch of a scenario whose arrival rate is fixed or moves linearly from its start
 * to its end, optionally opened by a burst of simultaneous arrivals.
 *
 * @param name what the phase is called in tables
 * @param rate arrivals per second at the phase's start, evenly spaced; 0 for none
 * @param seconds how long the phase lasts
 * @param burst arrivals all due at the phase's first instant
 * @param endRate arrivals per second at the phase's end; {@code rate} for a steady phase
 * @author Pool Pilot contributors
 */
record Phase(String name, double rate, double seconds, int burst, double endRate) {

	/**
	 * Create a phase at a steady rate, opened by a burst.
	 * @param name the name
	 * @param rate arrivals per second
	 * @param seconds the length
	 * @param burst arrivals all due at the phase's first instant
	 */
	Phase(String name, double rate, double seconds, int burst) {
		this(name, rate, seconds, burst, rate);
	}

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
	 * Return a phase whose rate moves linearly from one value to another.
	 * @param name the name
	 * @param from arrivals per second at the start
	 * @param to arrivals per second at the end
	 * @param seconds the length
	 * @return the phase
	 */
	static Phase ramp(String name, double from, double to, double seconds) {
		return new Phase(name, from, seconds, 0, to);
	}

	/**
	 * Return the phase's length.
	 * @return nanoseconds
	 */
	long nanos() {
		return (long) (this.seconds * 1e9);
	}

	/**
	 * Return the mean arrival rate over the phase, the burst left out.
	 * @return arrivals per second
	 */
	double meanRate() {
		return (this.rate + this.endRate) / 2;
	}

	/**
	 * Return how many requests arrive in the phase.
	 * @return the count
	 */
	int arrivals() {
		return this.burst + (int) Math.floor(meanRate() * this.seconds + 1e-9);
	}

	/**
	 * Return when the k-th evenly spaced arrival of the phase (the burst left out) is
	 * due: where the integral of the rate from the phase's start reaches k.
	 * @param k the arrival, from 0
	 * @return nanoseconds since the phase's start
	 */
	long offsetNanos(long k) {
		if (k == 0) {
			return 0;
		}
		// rate t + slope t^2 / 2 = k, solved in the form that also holds for a flat rate
		double slope = (this.endRate - this.rate) / this.seconds;
		double root = Math.sqrt(Math.max(0, this.rate * this.rate + 2 * slope * k));
		return (long) (2 * k / (this.rate + root) * 1e9);
	}

}
