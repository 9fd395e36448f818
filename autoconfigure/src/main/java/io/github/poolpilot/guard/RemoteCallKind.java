package io.github.poolpilot.guard;

import java.util.Locale;

/**
 * What a connection was held across: the {@code kind} tag of
 * {@code poolpilot.guard.violations}.
 *
 * @author Pool Pilot contributors
 */
public enum RemoteCallKind {

	/**
	 * An HTTP request.
	 */
	HTTP("Move the remote call out of the transaction."),

	/**
	 * A client call of another protocol (gRPC, a database of another kind...).
	 */
	RPC("Move the remote call out of the transaction."),

	/**
	 * A message sent to a broker.
	 */
	MESSAGING("Send the message after the transaction commits."),

	/**
	 * A socket read or connect by a client the stack does not name.
	 */
	SOCKET("Move the remote call out of the transaction."),

	/**
	 * {@code Thread.sleep}.
	 */
	SLEEP("Do not sleep while holding a connection; wait outside the transaction."),

	/**
	 * A lock, monitor, condition or future wait.
	 */
	LOCK("Acquire the lock or await the result before the transaction begins."),

	/**
	 * A second connection borrowed from a pool the thread already holds one of (a
	 * {@code REQUIRES_NEW} transaction, a second {@code getConnection()}): the
	 * {@code nested-acquire} finding.
	 */
	NESTED_ACQUIRE("Do the inner work outside the outer transaction, or size the pool for it: threads that each "
			+ "hold one connection and wait for another deadlock the pool once they hold all of them.");

	private final String advice;

	RemoteCallKind(String advice) {
		this.advice = advice;
	}

	/**
	 * Return the value of the metric's {@code kind} tag.
	 * @return the lower-case tag value, words joined by '-'
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return the sentence of advice that ends a warning.
	 * @return the advice
	 */
	public String advice() {
		return this.advice;
	}

}
