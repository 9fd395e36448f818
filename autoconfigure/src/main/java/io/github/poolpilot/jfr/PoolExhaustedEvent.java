package io.github.poolpilot.jfr;

import java.util.List;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.lease.Lease;
import io.github.poolpilot.lease.LeaseRegistry;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * A caller waited the pool's {@code connectionTimeout} and got no connection. JFR fields
 * cannot be arrays, so the holders at that moment are one text, one line per holder,
 * longest held first, as the exhaustion warning lists them. Committed on the thread that
 * timed out, with its stack.
 *
 * @author Pool Pilot contributors
 */
@Name(PoolExhaustedEvent.NAME)
@Label("Pool Exhausted")
@Category("Pool Pilot")
@Description("A caller waited connectionTimeout and got no connection; who held the pool's connections")
@StackTrace(true)
public final class PoolExhaustedEvent extends Event {

	/**
	 * The event's name in a recording.
	 */
	public static final String NAME = "io.github.poolpilot.PoolExhausted";

	@Label("Pool")
	@Nullable String pool;

	@Label("Connection Timeout")
	@Timespan(Timespan.MILLISECONDS)
	long connectionTimeout;

	@Label("Total Connections")
	int total;

	@Label("Active Connections")
	int active;

	@Label("Idle Connections")
	int idle;

	@Label("Waiting Threads")
	int waiting;

	@Label("Holder Count")
	int holderCount;

	@Label("Holders")
	@Description("One line per connection in use: thread, state, held time, transaction, code line")
	@Nullable String holders;

	/**
	 * Commit an event for a caller that timed out, when a recording has this event
	 * enabled; the holders are read only then.
	 * @param pool the pool
	 * @param registry the lease registry that lists the pool's holders
	 */
	public static void commit(ManagedPool pool, LeaseRegistry registry) {
		PoolExhaustedEvent event = new PoolExhaustedEvent();
		if (event.shouldCommit()) {
			event.pool = pool.name();
			event.connectionTimeout = pool.dataSource().getConnectionTimeout();
			HikariPoolMXBean state = pool.poolMXBean();
			if (state != null) {
				event.total = state.getTotalConnections();
				event.active = state.getActiveConnections();
				event.idle = state.getIdleConnections();
				event.waiting = state.getThreadsAwaitingConnection();
			}
			List<Lease> leases = registry.leases(pool);
			StringBuilder text = new StringBuilder();
			for (Lease lease : leases) {
				text.append((text.length() > 0) ? "\n" : "").append(lease.describe());
			}
			event.holderCount = leases.size();
			event.holders = text.toString();
			event.commit();
		}
	}

}
