package io.github.poolpilot.guard;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One transaction seen holding a pooled connection across a remote call or a blocking
 * wait: an immutable record for logs, the exception of strict mode and the {@code pool}
 * endpoint.
 *
 * @param time when it was seen
 * @param pool the pool whose connection was held
 * @param transaction the transaction as a person reads it ({@code BuildService.build()})
 * @param call the remote call or wait, or the second borrow of a
 * {@link RemoteCallKind#NESTED_ACQUIRE nested acquisition}
 * @param callSite the first application frame
 * ({@code BuildService.build(BuildService.java:42)}), or {@code null} when the stack
 * shows only framework code
 * @param held how long the connection had been held when the call was seen
 * @param active the pool's connections in use at that moment, or -1 when unknown
 * @param maximum the pool's maximum size
 * @param waiting the threads waiting for a connection at that moment, or -1 when unknown
 * @param thread the name of the thread that made the call
 * @author Pool Pilot contributors
 */
public record Violation(Instant time, String pool, String transaction, RemoteCall call, @Nullable String callSite,
		Duration held, int active, int maximum, int waiting, String thread) {

	/**
	 * Return the HikariCP-style warning, such as
	 * {@code HikariPool-1 - BuildService.build() holds a connection
	 * across POST http://ci:8080/job/build (held 1840 ms, at BuildService.java:42; active=9/10, waiting=4). Move
	 * the remote call out of the transaction.}
	 * @return the message
	 */
	public String message() {
		StringBuilder message = new StringBuilder(this.pool).append(" - ").append(this.transaction);
		if (this.call.kind() == RemoteCallKind.NESTED_ACQUIRE) {
			message.append(" holds a connection and borrows a second one from the same pool for ");
		}
		else {
			message.append(" holds a connection across ");
		}
		message.append(this.call.target()).append(" (held ").append(this.held.toMillis()).append(" ms");
		if (this.callSite != null) {
			message.append(", at ").append(shortCallSite());
		}
		message.append("; active=")
			.append(describe(this.active))
			.append('/')
			.append(this.maximum)
			.append(", waiting=")
			.append(describe(this.waiting))
			.append("). ")
			.append(this.call.kind().advice());
		return message.toString();
	}

	// the transaction already names class and method; when the call is made in that very
	// method, the file and
	// line are all that is left to say
	private String shortCallSite() {
		String site = this.callSite;
		int open = site.indexOf('(');
		if (open > 0 && site.endsWith(")") && this.transaction.equals(site.substring(0, open) + "()")) {
			return site.substring(open + 1, site.length() - 1);
		}
		return site;
	}

	private static String describe(int value) {
		return (value >= 0) ? Integer.toString(value) : "?";
	}

}
