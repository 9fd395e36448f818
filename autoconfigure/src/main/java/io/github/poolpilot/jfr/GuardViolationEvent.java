package io.github.poolpilot.jfr;

import io.github.poolpilot.guard.Violation;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * A transaction seen holding a pooled connection across a remote call or a blocking wait.
 * Committed on the thread that makes the call, just before the call goes out, so that on
 * that thread's lane it sits right before the call's {@code jdk.SocketRead} or
 * {@code jdk.ThreadPark}.
 *
 * @author Pool Pilot contributors
 */
@Name(GuardViolationEvent.NAME)
@Label("Connection Held Across Remote Call")
@Category("Pool Pilot")
@Description("A transaction held a pooled connection across a remote call or a blocking wait")
@StackTrace(false)
public final class GuardViolationEvent extends Event {

	/**
	 * The event's name in a recording.
	 */
	public static final String NAME = "io.github.poolpilot.GuardViolation";

	@Label("Pool")
	@Nullable String pool;

	@Label("Transaction")
	@Nullable String transaction;

	@Label("Call")
	@Description("The remote call or wait, credentials and query string stripped")
	@Nullable String call;

	@Label("Kind")
	@Nullable String kind;

	@Label("Call Site")
	@Description("The first application frame, when the stack shows one")
	@Nullable String callSite;

	@Label("Held")
	@Description("How long the connection had been held when the call was seen")
	@Timespan(Timespan.NANOSECONDS)
	long held;

	@Label("Active Connections")
	int active;

	@Label("Waiting Threads")
	int waiting;

	/**
	 * Commit an event for a violation when a recording has this event enabled.
	 * @param violation the violation
	 */
	public static void commit(Violation violation) {
		GuardViolationEvent event = new GuardViolationEvent();
		if (event.shouldCommit()) {
			event.pool = violation.pool();
			event.transaction = violation.transaction();
			event.call = violation.call().target();
			event.kind = violation.call().kind().tag();
			event.callSite = violation.callSite();
			event.held = violation.held().toNanos();
			event.active = violation.active();
			event.waiting = violation.waiting();
			event.commit();
		}
	}

}
