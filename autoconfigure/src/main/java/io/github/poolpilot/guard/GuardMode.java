package io.github.poolpilot.guard;

/**
 * What the guard does when a transaction holds a connection across a remote call.
 *
 * @author Pool Pilot contributors
 */
public enum GuardMode {

	/**
	 * Log a rate-limited warning and count the violation; the call proceeds.
	 */
	WARN,

	/**
	 * Throw {@link ConnectionHeldAcrossRemoteCallException} before the request leaves the
	 * process, where the detector sees the call start (observations, client
	 * interceptors). Meant for tests and CI.
	 */
	STRICT,

	/**
	 * Do nothing.
	 */
	OFF

}
