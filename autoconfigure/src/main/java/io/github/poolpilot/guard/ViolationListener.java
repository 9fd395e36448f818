package io.github.poolpilot.guard;

/**
 * Receives every violation the guard records, whatever the mode and the rate limit of
 * warnings. Called on the thread that made the call (or the stall detector's); an
 * implementation should be quick and must not throw.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface ViolationListener {

	/**
	 * A violation was recorded.
	 * @param violation the violation
	 */
	void violation(Violation violation);

}
