package io.github.poolpilot.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.hikari.DatabaseFacts;
import io.github.poolpilot.hikari.ManagedPool;

/**
 * One replica of a fleet in this JVM: its own pool, as many callers as its demand, and
 * heartbeats on its own thread that a test may stop as a killed process would.
 */
final class TestReplica implements AutoCloseable {

	static final FleetSettings SETTINGS = new FleetSettings(Duration.ofMillis(300), Duration.ofSeconds(2), true, 2);

	final HikariDataSource dataSource;

	final FleetMember member;

	final AtomicInteger demand;

	private final ScheduledExecutorService heartbeats;

	private final ExecutorService load;

	private volatile boolean running = true;

	private TestReplica(HikariDataSource dataSource, FleetMember member, AtomicInteger demand) {
		this.dataSource = dataSource;
		this.member = member;
		this.demand = demand;
		this.heartbeats = Executors.newSingleThreadScheduledExecutor();
		this.load = Executors.newCachedThreadPool();
	}

	static TestReplica start(String jdbcUrl, String user, FleetStore store, String fleet, String replica, int demand) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(jdbcUrl);
		dataSource.setUsername(user);
		dataSource.setPoolName(replica);
		dataSource.setMaximumPoolSize(demand);
		dataSource.setConnectionTimeout(2000);
		String applicationName = FleetIdentity.applicationName(fleet, replica);
		dataSource.addDataSourceProperty("ApplicationName", applicationName);
		ManagedPool pool = new ManagedPool(replica, dataSource, DatabaseFacts.UNKNOWN, List.of());
		AtomicInteger demandValue = new AtomicInteger(demand);
		FleetMember member = new FleetMember(pool, fleet, replica, applicationName, store, SETTINGS,
				(managed) -> demandValue.get(), false);
		member.joinBeforeStart();
		TestReplica testReplica = new TestReplica(dataSource, member, demandValue);
		// as many callers as the demand, each holding a connection for 20 ms at a time
		for (int i = 0; i < demand; i++) {
			testReplica.load.execute(testReplica::work);
		}
		testReplica.heartbeats.scheduleWithFixedDelay(member::heartbeat, 0, SETTINGS.heartbeatInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		return testReplica;
	}

	private void work() {
		while (this.running && !this.dataSource.isClosed()) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("select pg_sleep(0.02)");
			}
			catch (SQLException | RuntimeException ex) {
				// a timeout while the pool is at its share, or the pool closed
			}
		}
	}

	int share() {
		FleetView view = this.member.view();
		return (view != null) ? view.share() : -1;
	}

	int open() {
		return (this.dataSource.getHikariPoolMXBean() != null)
				? this.dataSource.getHikariPoolMXBean().getTotalConnections() : 0;
	}

	/**
	 * Stop as a killed process does: no more heartbeats, its connections gone, its row
	 * left behind.
	 */
	void kill() {
		this.running = false;
		this.heartbeats.shutdownNow();
		this.dataSource.close();
	}

	@Override
	public void close() {
		this.running = false;
		this.load.shutdown();
		this.heartbeats.shutdownNow();
		try {
			this.heartbeats.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.member.leave();
		this.dataSource.close();
	}

}
