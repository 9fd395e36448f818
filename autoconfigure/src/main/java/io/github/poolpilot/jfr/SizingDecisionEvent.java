package io.github.poolpilot.jfr;

import java.util.Locale;

import io.github.poolpilot.sizing.SizingEvent;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * The sizing controller changed a pool's size, or its recommendation when it only
 * recommends. Committed on the controller's thread.
 *
 * @author Pool Pilot contributors
 */
@Name(SizingDecisionEvent.NAME)
@Label("Sizing Decision")
@Category("Pool Pilot")
@Description("The sizing controller grew or shrank a pool, or its recommendation")
@StackTrace(false)
public final class SizingDecisionEvent extends Event {

	/**
	 * The event's name in a recording.
	 */
	public static final String NAME = "io.github.poolpilot.SizingDecision";

	@Label("Pool")
	@Nullable String pool;

	@Label("From")
	@Description("maximumPoolSize before")
	int from;

	@Label("To")
	@Description("maximumPoolSize after")
	int to;

	@Label("Minimum Idle From")
	int minimumIdleFrom;

	@Label("Minimum Idle To")
	int minimumIdleTo;

	@Label("Direction")
	@Nullable String direction;

	@Label("Applied")
	@Description("Whether the pool was resized; false when the controller only recommends")
	boolean applied;

	@Label("Reason")
	@Nullable String reason;

	/**
	 * Commit an event for a change when a recording has this event enabled.
	 * @param pool the pool name
	 * @param change the change
	 */
	public static void commit(String pool, SizingEvent change) {
		SizingDecisionEvent event = new SizingDecisionEvent();
		if (event.shouldCommit()) {
			event.pool = pool;
			event.from = change.fromMaximumPoolSize();
			event.to = change.toMaximumPoolSize();
			event.minimumIdleFrom = change.fromMinimumIdle();
			event.minimumIdleTo = change.toMinimumIdle();
			event.direction = change.direction().name().toLowerCase(Locale.ROOT);
			event.applied = change.applied();
			event.reason = change.reason();
			event.commit();
		}
	}

}
