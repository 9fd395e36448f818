package io.github.poolpilot.guard;

/**
 * Thrown in {@link GuardMode#STRICT strict mode}, before a remote call leaves the
 * process, when the calling transaction holds a pooled connection. Its message is the
 * guard's warning: pool, transaction, call, call site and pool state. Fix the code it
 * names, or allow-list it with {@link AllowConnectionHeldAcrossRemoteCall} or
 * {@code poolpilot.guard.allowed-hosts}.
 *
 * @author Pool Pilot contributors
 */
public class ConnectionHeldAcrossRemoteCallException extends IllegalStateException {

	private final transient Violation violation;

	/**
	 * Create an exception for a violation.
	 * @param violation the violation
	 */
	public ConnectionHeldAcrossRemoteCallException(Violation violation) {
		super(violation.message());
		this.violation = violation;
	}

	/**
	 * Return the violation that was refused.
	 * @return the violation
	 */
	public Violation getViolation() {
		return this.violation;
	}

}
