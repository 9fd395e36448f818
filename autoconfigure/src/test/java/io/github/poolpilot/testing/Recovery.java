package io.github.poolpilot.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * Waits in fault tests for what a correct pool reaches by itself.
 *
 * @author Pool Pilot contributors
 */
public final class Recovery {

	/**
	 * How often a condition is polled.
	 */
	public static final Duration POLL = Duration.ofMillis(20);

	/**
	 * Longest a recovery may take before the test fails: generous, so that a loaded
	 * machine cannot fail a correct pool.
	 */
	public static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Recovery() {
	}

	/**
	 * Wait for a condition, failing the test if it does not hold within {@link #TIMEOUT}.
	 * How long it took is for the printed report, not for an assertion: on a loaded
	 * machine it is the machine's figure as much as the pool's.
	 * @param what what the condition means, for the failure message
	 * @param condition the condition
	 * @return the milliseconds it took
	 */
	public static long awaitMillis(String what, Callable<Boolean> condition) {
		long start = System.nanoTime();
		await(what).atMost(TIMEOUT).pollInterval(POLL).until(condition);
		return (System.nanoTime() - start) / 1_000_000;
	}

}
