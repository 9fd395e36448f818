package io.github.poolpilot.sizing;

/**
 * What the sizing controller does with its decisions.
 *
 * @author Pool Pilot contributors
 */
public enum SizingMode {

	/**
	 * Resize each pool to the policy's target.
	 */
	AUTO,

	/**
	 * Compute and report the target (log, endpoint, metrics) without ever changing a
	 * pool.
	 */
	RECOMMEND

}
