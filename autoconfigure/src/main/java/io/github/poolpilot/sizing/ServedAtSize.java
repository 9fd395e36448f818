package io.github.poolpilot.sizing;

import io.github.poolpilot.sizing.SizeStep.Measured;

/**
 * What the pool served at its present size over the last half to whole second: what a
 * step taken while nobody queues is judged against. A longer past may have had other
 * transactions. A step down, taken while callers queue at a saturated database, is judged
 * against all the pool served at the size: the longer measurement tells a smaller
 * throughput from noise sooner.
 *
 * @author Pool Pilot contributors
 */
final class ServedAtSize {

	/** Time after which the newest half of the measurement starts anew. */
	private static final long HALF_NANOS = 500_000_000L;

	private Measured current = new Measured();

	private Measured last = new Measured();

	private Measured sinceResized = new Measured();

	/**
	 * Add a sample taken at the present size.
	 * @param sample the sample
	 */
	void add(PoolSample sample) {
		this.current.add(sample);
		this.sinceResized.add(sample);
		if (this.current.nanos() >= HALF_NANOS) {
			this.last = this.current;
			this.current = new Measured();
		}
	}

	/**
	 * Return what the pool served over the last half to whole second.
	 * @return the measurement
	 */
	Measured recent() {
		return this.last.plus(this.current);
	}

	/**
	 * Return what the pool served since it last changed size.
	 * @return the measurement
	 */
	Measured sinceResized() {
		return this.sinceResized;
	}

	/**
	 * Forget what the pool served at its previous size.
	 */
	void resized() {
		this.current = new Measured();
		this.last = new Measured();
		this.sinceResized = new Measured();
	}

}
