package io.github.poolpilot.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.util.DriverDataSource;
import io.github.poolpilot.fleet.FleetStore.Publication;
import io.github.poolpilot.hikari.JdbcUrls;
import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.sizing.SizingController;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One pool's place in its fleet: it publishes the pool's demand, renews its lease and
 * learns its share at every heartbeat, and, when its share resizes the pool, keeps the
 * pool's {@code maximumPoolSize} within it. A pool joins before it starts, over one
 * connection of its own, so that it never opens more than its share. Every heartbeat is
 * one short transaction on a connection of its own, opened and closed at once, and
 * counted in the share.
 * <p>
 * Without the table or the right to create it, the member warns once and falls back to an
 * even part of the budget for every replica of its fleet seen connected. A member that
 * cannot renew its lease keeps its share until the lease ends, then holds one connection
 * until it renews again: by then the others may have taken the rest.
 *
 * @author Pool Pilot contributors
 */
public final class FleetMember {

	private static final Log logger = LogFactory.getLog(FleetMember.class);

	private static final int HEARTBEATS_BETWEEN_PREPARES = 30;

	private static final int HEARTBEAT_CONNECTIONS = 1;

	private static final String UNDEFINED_TABLE = "42P01";

	private final ManagedPool pool;

	private final String fleet;

	private final String replica;

	private final String applicationName;

	private final FleetStore store;

	private final FleetSettings settings;

	private final FleetDemand demand;

	private final boolean sized;

	private final int intended;

	private volatile Status status = Status.JOINING;

	private volatile @Nullable FleetView view;

	private volatile long renewedAt;

	// the demand the last heartbeat published
	private volatile int published;

	// an early heartbeat is on its way, and when the last one started
	private final AtomicBoolean renewingEarly = new AtomicBoolean();

	private volatile long renewedEarlyAt = System.nanoTime() - Long.MAX_VALUE / 2;

	private volatile @Nullable String problem;

	private int heartbeats;

	private boolean failing;

	private boolean belowMinimum;

	private int evictedFor = -1;

	/**
	 * Create a member.
	 * @param pool the pool
	 * @param fleet the fleet's name
	 * @param replica this replica's id
	 * @param applicationName the {@code application_name} of the pool's connections
	 * @param store where the replicas meet
	 * @param settings heartbeat and lease
	 * @param demand what the pool's load asks for
	 * @param sized whether the sizing controller sizes the pool within its share (then
	 * the member only lowers it); otherwise the member sets the pool to its share, up to
	 * the size it started with
	 */
	public FleetMember(ManagedPool pool, String fleet, String replica, String applicationName, FleetStore store,
			FleetSettings settings, FleetDemand demand, boolean sized) {
		this.pool = pool;
		this.fleet = fleet;
		this.replica = replica;
		this.applicationName = applicationName;
		this.store = store;
		this.settings = settings;
		this.demand = demand;
		this.sized = sized;
		this.intended = pool.dataSource().getMaximumPoolSize();
	}

	/**
	 * Join the fleet before the pool starts, over one connection of its own, and bound
	 * the pool by the share granted. A failure is logged; the first heartbeat joins then.
	 */
	public void joinBeforeStart() {
		HikariDataSource dataSource = this.pool.dataSource();
		if (dataSource.getJdbcUrl() == null || dataSource.getHikariPoolMXBean() != null) {
			return;
		}
		try (Connection connection = connectDirectly()) {
			exchangeOver(connection);
		}
		catch (SQLException | RuntimeException ex) {
			failed(ex);
		}
		apply();
	}

	/**
	 * Renew the lease and learn the share, on a connection of its own that is closed at
	 * once. The heartbeat's connection is one of the share: the pool may hold the rest. A
	 * heartbeat waiting in the pool's queue behind its callers could wait longer than its
	 * lease; only when the server refuses a connection of its own (its slots are taken)
	 * is one borrowed from the pool.
	 */
	public void heartbeat() {
		HikariDataSource dataSource = this.pool.dataSource();
		if (dataSource.isClosed()) {
			return;
		}
		try (Connection connection = connect()) {
			exchangeOver(connection);
		}
		catch (SQLException | RuntimeException ex) {
			failed(ex);
		}
		apply();
	}

	private Connection connect() throws SQLException {
		HikariDataSource dataSource = this.pool.dataSource();
		if (dataSource.getJdbcUrl() == null) {
			return dataSource.getConnection();
		}
		try {
			return connectDirectly();
		}
		catch (SQLException ex) {
			return dataSource.getConnection();
		}
	}

	private Connection connectDirectly() throws SQLException {
		HikariDataSource dataSource = this.pool.dataSource();
		Properties properties = new Properties();
		properties.putAll(dataSource.getDataSourceProperties());
		properties.putIfAbsent("loginTimeout", "5");
		DriverDataSource direct = new DriverDataSource(dataSource.getJdbcUrl(), dataSource.getDriverClassName(),
				properties, dataSource.getUsername(), dataSource.getPassword());
		return direct.getConnection();
	}

	/**
	 * Return whether the pool's load now asks for more than its share and more than the
	 * last heartbeat published, and the last early heartbeat is at least a given time
	 * old: then a heartbeat now may be granted more at once, rather than at the next
	 * interval. A demand the fleet could not meet is not asked for again before it rises.
	 * @param now the current {@link System#nanoTime()}
	 * @param gapNanos the least time between two heartbeats
	 * @return whether to renew the lease early
	 */
	boolean asksForMore(long now, long gapNanos) {
		FleetView view = this.view;
		if (view == null || this.status != Status.COORDINATED || now - this.renewedEarlyAt < gapNanos
				|| this.pool.poolMXBean() == null) {
			return false;
		}
		Integer measured = this.demand.demand(this.pool);
		int asked = (measured != null) ? measured + HEARTBEAT_CONNECTIONS : 0;
		return asked > view.share() && asked > this.published;
	}

	/**
	 * Claim the one early heartbeat a member may have on its way.
	 * @return whether the caller runs it
	 */
	boolean startEarlyRenewal() {
		if (!this.renewingEarly.compareAndSet(false, true)) {
			return false;
		}
		this.renewedEarlyAt = System.nanoTime();
		return true;
	}

	/**
	 * Note that the early heartbeat ended.
	 */
	void endEarlyRenewal() {
		this.renewingEarly.set(false);
	}

	/**
	 * Give up the lease, so that the others may take the share at once.
	 */
	public void leave() {
		HikariDataSource dataSource = this.pool.dataSource();
		if (this.status != Status.COORDINATED || dataSource.isClosed()) {
			return;
		}
		try (Connection connection = dataSource.getConnection()) {
			this.store.leave(connection, publication());
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug(this.pool.name() + " - could not leave fleet " + this.fleet, ex);
		}
	}

	/**
	 * Return the most connections the pool may hold now: its share but the heartbeat's
	 * connection.
	 * @return the limit, at least 1, or {@code null} before the member learned a share
	 */
	public @Nullable Integer limit() {
		FleetView view = this.view;
		if (view == null) {
			return null;
		}
		if (System.nanoTime() - this.renewedAt > this.settings.leaseTimeout().toNanos()) {
			// the others may have taken this share by now
			return 1;
		}
		return Math.max(1, view.share() - HEARTBEAT_CONNECTIONS);
	}

	/**
	 * Name a limit that {@link #limit()} gave, for the reasons of sizing decisions.
	 * @param limit the limit
	 * @return the words for it, or {@code null} when the limit is not this member's
	 */
	@Nullable String describe(int limit) {
		FleetView view = this.view;
		if (view == null) {
			return null;
		}
		if (System.nanoTime() - this.renewedAt > this.settings.leaseTimeout().toNanos()) {
			return "1 connection until the fleet lease is renewed";
		}
		return "the fleet share of " + limit
				+ ((view.share() > limit) ? " (" + view.share() + " less the heartbeat's connection)" : "");
	}

	private void exchangeOver(Connection connection) throws SQLException {
		if (this.status == Status.JOINING
				|| (this.status == Status.FALLBACK && this.heartbeats % HEARTBEATS_BETWEEN_PREPARES == 0)) {
			String problem = this.store.prepare(connection);
			if (problem == null && this.status != Status.COORDINATED) {
				logger.info(this.pool.name() + " - joined fleet " + this.fleet + " as replica " + this.replica);
			}
			else if (problem != null && this.status == Status.JOINING) {
				logger.warn(this.pool.name() + " - fleet " + this.fleet + " cannot share its connection budget: "
						+ problem + ". Until then each replica takes an even part of the budget it sees.");
			}
			this.problem = problem;
			this.status = (problem != null) ? Status.FALLBACK : Status.COORDINATED;
		}
		this.heartbeats++;
		Publication publication = publication();
		FleetView view;
		try {
			view = (this.status == Status.COORDINATED) ? this.store.exchange(connection, publication)
					: this.store.observe(connection, publication);
		}
		catch (SQLException ex) {
			if (UNDEFINED_TABLE.equals(ex.getSQLState())) {
				// the table went away (a database created anew): create it at the next
				// heartbeat
				this.status = Status.JOINING;
			}
			throw ex;
		}
		FleetView previous = this.view;
		this.view = view;
		this.renewedAt = System.nanoTime();
		if (this.failing) {
			this.failing = false;
			logger.info(this.pool.name() + " - fleet " + this.fleet + " lease renewed again");
		}
		warnBelowMinimum(view);
		if ((previous == null || previous.share() != view.share()) && logger.isInfoEnabled()) {
			logger.info(this.pool.name() + " - fleet " + this.fleet + " share "
					+ ((previous != null) ? previous.share() + " -> " : "") + view.share() + " (fair share "
					+ view.fairShare() + " of budget " + view.budget() + ", replicas: " + view.replicas().size()
					+ ", connections of other clients: " + view.outside() + ")");
		}
	}

	private void warnBelowMinimum(FleetView view) {
		int allowed = Math.max(1, view.fairShare() - HEARTBEAT_CONNECTIONS);
		boolean below = allowed < this.settings.minSize();
		if (below && !this.belowMinimum) {
			logger.warn(this.pool.name() + " - fleet " + this.fleet + " leaves this pool " + allowed
					+ " connections, below poolpilot.sizing.min-size of " + this.settings.minSize() + " ("
					+ view.replicas().size() + " replicas share a budget of " + view.budget()
					+ "): min-size yields. Raise the database's connection limit, or lower poolpilot.sizing.min-size.");
		}
		this.belowMinimum = below;
	}

	private Publication publication() {
		HikariPoolMXBean poolBean = this.pool.poolMXBean();
		// before the pool starts, it asks for the size it was given
		Integer measured = (poolBean != null) ? this.demand.demand(this.pool) : null;
		int connections = (poolBean != null) ? poolBean.getTotalConnections() : 0;
		int demand = Math.max(1, (measured != null) ? measured : this.intended) + HEARTBEAT_CONNECTIONS;
		this.published = demand;
		return new Publication(this.fleet, this.replica, this.applicationName, demand,
				connections + HEARTBEAT_CONNECTIONS, Math.max(1, this.settings.leaseTimeout().toSeconds()));
	}

	private void failed(Exception ex) {
		if (!this.failing) {
			this.failing = true;
			logger.warn(this.pool.name() + " - fleet " + this.fleet + " could not renew its lease ("
					+ JdbcUrls.mask(ex.toString(), this.pool.dataSource().getPassword()) + "); its share lasts until "
					+ "the lease ends, " + this.settings.leaseTimeout().toSeconds() + " s after the last renewal");
		}
	}

	/**
	 * Keep the pool within its share: lower it when its share is smaller, and, when no
	 * controller sizes it, raise it back up to the size it started with.
	 */
	void apply() {
		Integer limit = limit();
		if (!this.settings.enforce() || limit == null) {
			return;
		}
		HikariDataSource dataSource = this.pool.dataSource();
		int maximum = dataSource.getMaximumPoolSize();
		int target = this.sized ? Math.min(maximum, limit) : Math.min(this.intended, limit);
		if (target != maximum) {
			int minimum = dataSource.getMinimumIdle();
			// a fixed-size pool stays fixed; keep minimumIdle <= maximumPoolSize at every
			// moment
			int newMinimum = (minimum < 0 || minimum >= maximum) ? target : Math.min(minimum, target);
			if (target < maximum) {
				if (minimum >= 0) {
					dataSource.setMinimumIdle(newMinimum);
				}
				dataSource.setMaximumPoolSize(target);
			}
			else {
				dataSource.setMaximumPoolSize(target);
				if (minimum >= 0) {
					dataSource.setMinimumIdle(newMinimum);
				}
			}
		}
		HikariPoolMXBean poolBean = this.pool.poolMXBean();
		if (poolBean != null) {
			this.evictedFor = SizingController.retireSurplus(this.pool.name(), dataSource, poolBean, this.evictedFor);
		}
	}

	/**
	 * Return the pool.
	 * @return the pool
	 */
	public ManagedPool pool() {
		return this.pool;
	}

	/**
	 * Return the fleet's name.
	 * @return the name
	 */
	public String fleet() {
		return this.fleet;
	}

	/**
	 * Return this replica's id.
	 * @return the id
	 */
	public String replica() {
		return this.replica;
	}

	/**
	 * Return how this member coordinates.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	/**
	 * Return what the last heartbeat learned.
	 * @return the view, or {@code null} before the first heartbeat
	 */
	public @Nullable FleetView view() {
		return this.view;
	}

	/**
	 * Return the time since the lease was last renewed.
	 * @return the time, or {@code null} before the first renewal
	 */
	public @Nullable Duration sinceRenewal() {
		return (this.view != null) ? Duration.ofNanos(System.nanoTime() - this.renewedAt) : null;
	}

	/**
	 * Return why the fleet cannot share its budget.
	 * @return what to grant, or {@code null}
	 */
	public @Nullable String problem() {
		return this.problem;
	}

	/**
	 * How a member coordinates with its fleet.
	 */
	public enum Status {

		/**
		 * Not yet in touch with the database.
		 */
		JOINING,

		/**
		 * Shares the budget through the table.
		 */
		COORDINATED,

		/**
		 * Without the table: an even part of the budget.
		 */
		FALLBACK

	}

}
