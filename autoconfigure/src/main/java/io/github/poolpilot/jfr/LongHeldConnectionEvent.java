package io.github.poolpilot.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * A connection still held longer than {@code poolpilot.leases.long-held-threshold},
 * committed once per borrow by {@link LongHeldConnectionSampler}, at most half the
 * threshold (and one second) after the borrow crossed it.
 *
 * @author Pool Pilot contributors
 */
@Name(LongHeldConnectionEvent.NAME)
@Label("Long-Held Connection")
@Category("Pool Pilot")
@Description("A pooled connection is still held longer than poolpilot.leases.long-held-threshold")
@StackTrace(false)
public final class LongHeldConnectionEvent extends Event {

	/**
	 * The event's name in a recording.
	 */
	public static final String NAME = "io.github.poolpilot.LongHeldConnection";

	@Label("Pool")
	@Nullable String pool;

	@Label("Holder")
	@Description("The name of the thread that holds the connection")
	@Nullable String holder;

	@Label("Transaction")
	@Nullable String transaction;

	@Label("Held")
	@Description("How long the connection had been held when it was sampled")
	@Timespan(Timespan.NANOSECONDS)
	long held;

	@Label("Threshold")
	@Timespan(Timespan.NANOSECONDS)
	long threshold;

}
