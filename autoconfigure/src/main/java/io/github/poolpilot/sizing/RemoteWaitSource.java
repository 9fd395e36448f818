package io.github.poolpilot.sizing;

import io.github.poolpilot.hikari.ManagedPool;

/**
 * Tells the sizing controller how long a pool's connections sat idle inside transactions
 * while their threads waited for remote calls (HTTP, RPC, messaging). That time is a code
 * defect the transaction-scope guard reports; the policy subtracts it from demand so that
 * it never grows a pool to feed it.
 *
 * @author Pool Pilot contributors
 */
@FunctionalInterface
public interface RemoteWaitSource {

	/**
	 * A source for applications without the guard: connections are never counted as held
	 * across remote calls.
	 */
	RemoteWaitSource NONE = (pool) -> 0L;

	/**
	 * Return the total time, since the pool started, that its connections were held idle
	 * across remote calls. Called once per pool and sampling interval, off the hot path.
	 * @param pool the pool
	 * @return cumulative nanoseconds, never decreasing
	 */
	long remoteWaitNanos(ManagedPool pool);

}
