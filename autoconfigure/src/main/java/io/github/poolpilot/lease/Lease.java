package io.github.poolpilot.lease;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one borrowed connection: who holds it, for how long, in which
 * transaction, and where the holding thread is now.
 *
 * @param pool the pool name
 * @param thread the holding thread's name
 * @param threadId the holding thread's id
 * @param threadState what the thread is doing (RUNNABLE, WAITING...)
 * @param held how long the connection has been held
 * @param transaction the Spring transaction holding it, or {@code null} when none is
 * known
 * @param frame the thread's current top application frame
 * ({@code Class.method(File.java:42)}), or {@code null} when the stack shows only
 * framework code
 * @author Pool Pilot contributors
 */
public record Lease(String pool, String thread, long threadId, Thread.State threadState, Duration held,
		@Nullable String transaction, @Nullable String frame) {

	/**
	 * Return the lease as one line for a log, such as
	 * {@code http-nio-8080-exec-3 (TIMED_WAITING) held 1840 ms in BuildService.build at BuildService.build(BuildService.java:42)}.
	 * @return the line
	 */
	public String describe() {
		StringBuilder line = new StringBuilder(this.thread).append(" (")
			.append(this.threadState)
			.append(") held ")
			.append(this.held.toMillis())
			.append(" ms");
		line.append((this.transaction != null) ? " in transaction " + this.transaction : " outside any transaction");
		if (this.frame != null) {
			line.append(" at ").append(this.frame);
		}
		return line.toString();
	}

}
