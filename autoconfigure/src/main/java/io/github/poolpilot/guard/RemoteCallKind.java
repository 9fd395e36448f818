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
	LOCK("Acquire the lock or await the result before the transaction begins.");

	private final String advice;

	RemoteCallKind(String advice) {
		this.advice = advice;
	}

	/**
	 * Return the value of the metric's {@code kind} tag.
	 * @return the lower-case tag value
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the sentence of advice that ends a warning.
	 * @return the advice
	 */
	public String advice() {
		return this.advice;
	}

}
