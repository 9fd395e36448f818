package io.github.poolpilot.guard;

/**
 * Thrown in {@link GuardMode#STRICT strict mode}, before a second connection is handed
 * out, when a thread borrows from a pool it already holds a connection of: the pool can
 * deadlock once every connection is held by a thread waiting for another. Its message is
 * the guard's warning: pool, outer and inner transaction, call site and pool state. Fix
 * the code it names, or mark an intended nesting with {@link AllowNestedConnection}.
 *
 * @author Pool Pilot contributors
 */
public class NestedConnectionException extends IllegalStateException {

	private final transient Violation violation;

	/**
	 * Create an exception for a nested acquisition.
	 * @param violation the finding
	 */
	public NestedConnectionException(Violation violation) {
		super(violation.message());
		this.violation = violation;
	}

	/**
	 * Return the finding that was refused.
	 * @return the finding
	 */
	public Violation getViolation() {
		return this.violation;
	}

}
