package io.github.poolpilot.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.poolpilot.fleet.FleetAllocation.Claim;
import org.jspecify.annotations.Nullable;

/**
 * The replicas of every fleet on one PostgreSQL database meet in one small table,
 * {@code poolpilot_fleet_member}, one row per live replica. A heartbeat is one short
 * transaction on a connection lent by the replica's own pool: a transaction-level
 * advisory lock serializes the grants, expired leases are deleted, and the replica reads
 * the other rows and the server's sessions, computes the same fair split as every other
 * replica and writes its own row back. Nothing is held open between heartbeats.
 * <p>
 * The budget is read live: {@code max_connections} less the reserved slots, and less the
 * sessions of clients that take no part. A replica's sessions are counted by their
 * {@code application_name} when its role can see them, and by what the replica published
 * otherwise: an ordinary role sees other roles' sessions with their columns {@code NULL},
 * and each of them counts as an outside client unless a replica of another role claimed
 * it.
 *
 * @author Pool Pilot contributors
 */
public class PostgresFleetStore implements FleetStore {

	/**
	 * The table's name.
	 */
	public static final String TABLE = "poolpilot_fleet_member";

	/**
	 * Slots no share ever covers, so that a replica that joins finds one to connect with.
	 */
	static final int JOIN_RESERVE = 1;

	// 'pool' and 'flee' in ASCII: one lock for every fleet on the database
	private static final String LOCK = "select pg_advisory_xact_lock(1886351212, 1718379877)";

	private static final String SETTINGS = "select current_user, current_setting('max_connections')::int, "
			+ "current_setting('superuser_reserved_connections')::int "
			+ "+ coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0), "
			+ "(select rolconnlimit from pg_roles where rolname = current_user), "
			+ "(select datconnlimit from pg_database where datname = current_database())";

	// sessions of other roles show backend_type NULL to an ordinary role; background
	// processes show no user or no database
	private static final String SESSIONS = "select application_name, backend_type is null, "
			+ "usename is not distinct from current_user, datname is not distinct from current_database(), count(*) "
			+ "from pg_stat_activity where usesysid is not null and datid is not null "
			+ "and (backend_type = 'client backend' or backend_type is null) group by 1, 2, 3, 4";

	private final String table;

	private final @Nullable String schema;

	/**
	 * Create a store.
	 * @param schema the schema of the table, or {@code null} for the first schema of the
	 * role's {@code search_path}
	 */
	public PostgresFleetStore(@Nullable String schema) {
		this.schema = schema;
		this.table = (schema != null) ? quote(schema) + "." + TABLE : TABLE;
	}

	/**
	 * Return the statement that creates the table, for a DBA to run.
	 * @return the DDL
	 */
	public String ddl() {
		return "create table if not exists " + this.table + " (fleet varchar(200) not null, "
				+ "replica varchar(200) not null, application_name varchar(64) not null, "
				+ "role_name varchar(64) not null, demand integer not null, share integer not null, "
				+ "connections integer not null, ceiling integer, renewed_at timestamptz not null, "
				+ "lease_until timestamptz not null, primary key (fleet, replica))";
	}

	@Override
	public @Nullable String prepare(Connection connection) throws SQLException {
		if (!exists(connection)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(ddl());
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
				return null;
			}
			catch (SQLException ex) {
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
				// replicas that start together race to create the table: "if not exists"
				// does not keep the loser from failing on the table's type
				if (!exists(connection)) {
					String user = currentUser(connection);
					String schema = (this.schema != null) ? quote(this.schema) : "the first schema of its search_path";
					return "role " + user + " may not create table " + this.table + " (" + ex.getMessage()
							+ "): grant it CREATE on " + schema + ", or have a DBA run: " + ddl() + "; grant select, "
							+ "insert, update, delete on " + this.table + " to " + user;
				}
			}
		}
		try (PreparedStatement statement = connection
			.prepareStatement("select has_table_privilege(?, 'select, insert, update, delete')")) {
			statement.setString(1, this.table);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				if (!result.getBoolean(1)) {
					String user = currentUser(connection);
					return "role " + user + " may not read and write table " + this.table + ": grant select, insert, "
							+ "update, delete on " + this.table + " to " + user;
				}
			}
		}
		return null;
	}

	private static String currentUser(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select current_user")) {
			result.next();
			return result.getString(1);
		}
	}

	private boolean exists(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
			statement.setString(1, this.table);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	@Override
	public FleetView exchange(Connection connection, Publication claim) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(LOCK);
				statement.executeUpdate("delete from " + this.table + " where lease_until < now()");
			}
			List<Row> others = others(connection, claim);
			Server server = server(connection);
			FleetView view = grant(claim, others, server);
			publish(connection, claim, view, server);
			connection.commit();
			return view;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	@Override
	public FleetView observe(Connection connection, Publication claim) throws SQLException {
		Server server = server(connection);
		String prefix = FleetIdentity.fleetPart(claim.applicationName());
		int replicas = 0;
		int mine = 0;
		int roleSessions = 0;
		int databaseSessions = 0;
		for (Sessions sessions : server.sessions) {
			if (!sessions.hidden && sessions.applicationName != null
					&& FleetIdentity.fleetPart(sessions.applicationName).equals(prefix)) {
				replicas++;
				mine += sessions.count;
			}
			roleSessions += sessions.ownRole ? sessions.count : 0;
			databaseSessions += sessions.ownDatabase ? sessions.count : 0;
		}
		int counted = Math.max(mine, claim.connections());
		int outside = Math.max(0, server.total() - counted);
		int budget = server.capacity() - outside;
		// the server enforces a CONNECTION LIMIT on the role and the database: the fleet
		// may hold what the other sessions under them leave
		if (server.databaseLimit >= 0) {
			budget = Math.min(budget, server.databaseLimit - Math.max(0, databaseSessions - counted));
		}
		if (server.roleLimit >= 0) {
			budget = Math.min(budget, server.roleLimit - Math.max(0, roleSessions - counted));
		}
		budget = Math.max(1, budget);
		int share = Math.max(1, (budget - JOIN_RESERVE) / Math.max(1, replicas));
		return new FleetView(budget, outside, share, share, List.of());
	}

	@Override
	public void leave(Connection connection, Publication claim) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("delete from " + this.table + " where fleet = ? and replica = ?")) {
			statement.setString(1, claim.fleet());
			statement.setString(2, claim.replica());
			statement.executeUpdate();
		}
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
	}

	/**
	 * Grant a replica its share. The split is fair; the grant is what of it is free now:
	 * a replica that must shrink keeps its connections counted until it has closed them.
	 * @param claim the replica's claim
	 * @param others the other live replicas
	 * @param server the server's limits and sessions
	 * @return what the replica learns
	 */
	static FleetView grant(Publication claim, List<Row> others, Server server) {
		Map<String, Integer> names = new HashMap<>();
		names.merge(claim.applicationName(), 1, Integer::sum);
		others.forEach((row) -> names.merge(row.applicationName, 1, Integer::sum));
		Map<String, Integer> visible = new HashMap<>();
		int roleSessions = 0;
		int databaseSessions = 0;
		for (Sessions sessions : server.sessions) {
			if (!sessions.hidden && sessions.applicationName != null) {
				visible.merge(sessions.applicationName, sessions.count, Integer::sum);
			}
			roleSessions += sessions.ownRole ? sessions.count : 0;
			databaseSessions += sessions.ownDatabase ? sessions.count : 0;
		}
		Row me = new Row(claim.fleet(), claim.replica(), claim.applicationName(), server.user, claim.demand(), 0,
				claim.connections(), null, Duration.ZERO);
		List<Row> members = new ArrayList<>(others);
		members.add(me);
		int claimed = 0;
		int claimedByRole = 0;
		for (Row member : members) {
			// a replica's sessions are counted by name when this role sees them whole
			if (member.role.equals(server.user) && names.get(member.applicationName) == 1) {
				member.counted = visible.getOrDefault(member.applicationName, 0);
			}
			else {
				member.counted = member.connections;
			}
			claimed += member.counted;
			claimedByRole += member.role.equals(server.user) ? member.counted : 0;
		}
		int outside = Math.max(0, server.total() - claimed);
		int budget = server.capacity() - outside;
		if (server.databaseLimit >= 0) {
			budget = Math.min(budget, server.databaseLimit - Math.max(0, databaseSessions - claimed));
		}
		budget = Math.max(1, budget);
		Integer ceiling = (server.roleLimit >= 0) ? server.roleLimit - Math.max(0, roleSessions - claimedByRole) : null;
		me.ceiling = ceiling;
		List<Claim> claims = new ArrayList<>();
		int held = 0;
		int heldByRole = 0;
		for (Row member : members) {
			// a role's limit keeps a slot for a joiner too, as the budget does
			claims.add(new Claim(member.fleet, member.replica, member.demand, member.connections,
					(member.ceiling != null) ? member.ceiling - JOIN_RESERVE : null));
			if (member != me) {
				held += Math.max(member.share, member.counted);
				heldByRole += member.role.equals(server.user) ? Math.max(member.share, member.counted) : 0;
			}
		}
		int fair = FleetAllocation.split(budget - JOIN_RESERVE, claims).get(Claim.key(claim.fleet(), claim.replica()));
		int free = budget - JOIN_RESERVE - held;
		if (ceiling != null) {
			// the role's limit is free only where the role's other replicas do not hold
			// it
			free = Math.min(free, ceiling - JOIN_RESERVE - heldByRole);
		}
		int share = Math.max(1, Math.min(fair, free));
		me.share = share;
		List<FleetReplica> replicas = new ArrayList<>();
		for (Row member : members) {
			replicas.add(new FleetReplica(member.fleet, member.replica, member.applicationName, member.demand,
					member.share, member.counted, member.ceiling, member.leaseAge));
		}
		replicas.sort((a, b) -> Claim.key(a.fleet(), a.replica()).compareTo(Claim.key(b.fleet(), b.replica())));
		return new FleetView(budget, outside, fair, share, List.copyOf(replicas));
	}

	private List<Row> others(Connection connection, Publication claim) throws SQLException {
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("select fleet, replica, application_name, role_name, demand, share, connections, "
					+ "ceiling, extract(epoch from now() - renewed_at) from " + this.table
					+ " where not (fleet = ? and replica = ?)")) {
			statement.setString(1, claim.fleet());
			statement.setString(2, claim.replica());
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					int ceiling = result.getInt(8);
					Integer nullableCeiling = result.wasNull() ? null : ceiling;
					rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
							result.getInt(5), result.getInt(6), result.getInt(7), nullableCeiling,
							Duration.ofMillis((long) (result.getDouble(9) * 1000))));
				}
			}
		}
		return rows;
	}

	private Server server(Connection connection) throws SQLException {
		Server server;
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(SETTINGS)) {
			result.next();
			server = new Server(result.getString(1), result.getInt(2), result.getInt(3), result.getInt(4),
					result.getInt(5));
		}
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(SESSIONS)) {
			while (result.next()) {
				server.sessions.add(new Sessions(result.getString(1), result.getBoolean(2), result.getBoolean(3),
						result.getBoolean(4), result.getInt(5)));
			}
		}
		return server;
	}

	private void publish(Connection connection, Publication claim, FleetView view, Server server) throws SQLException {
		FleetReplica me = view.replicas()
			.stream()
			.filter((replica) -> replica.fleet().equals(claim.fleet()) && replica.replica().equals(claim.replica()))
			.findFirst()
			.orElseThrow();
		try (PreparedStatement statement = connection.prepareStatement("insert into " + this.table
				+ " (fleet, replica, application_name, role_name, demand, share, connections, ceiling, renewed_at, "
				+ "lease_until) values (?, ?, ?, ?, ?, ?, ?, ?, now(), now() + make_interval(secs => ?)) "
				+ "on conflict (fleet, replica) do update set application_name = excluded.application_name, "
				+ "role_name = excluded.role_name, demand = excluded.demand, share = excluded.share, "
				+ "connections = excluded.connections, ceiling = excluded.ceiling, "
				+ "renewed_at = excluded.renewed_at, lease_until = excluded.lease_until")) {
			statement.setString(1, claim.fleet());
			statement.setString(2, claim.replica());
			statement.setString(3, claim.applicationName());
			statement.setString(4, server.user);
			statement.setInt(5, claim.demand());
			statement.setInt(6, view.share());
			statement.setInt(7, me.connections());
			if (me.ceiling() != null) {
				statement.setInt(8, me.ceiling());
			}
			else {
				statement.setNull(8, java.sql.Types.INTEGER);
			}
			statement.setDouble(9, claim.leaseSeconds());
			statement.executeUpdate();
		}
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/**
	 * One row of the table.
	 */
	static final class Row {

		final String fleet;

		final String replica;

		final String applicationName;

		final String role;

		final int demand;

		int share;

		final int connections;

		@Nullable Integer ceiling;

		final Duration leaseAge;

		int counted;

		Row(String fleet, String replica, String applicationName, String role, int demand, int share, int connections,
				@Nullable Integer ceiling, Duration leaseAge) {
			this.fleet = fleet;
			this.replica = replica;
			this.applicationName = applicationName;
			this.role = role;
			this.demand = demand;
			this.share = share;
			this.connections = connections;
			this.ceiling = ceiling;
			this.leaseAge = leaseAge;
		}

	}

	/**
	 * The server's limits and its client sessions, grouped.
	 *
	 * @param user the role this replica logs in as
	 * @param maxConnections {@code max_connections}
	 * @param reserved the slots an ordinary role cannot use
	 * @param roleLimit the role's {@code CONNECTION LIMIT}, {@code -1} for none
	 * @param databaseLimit the database's {@code CONNECTION LIMIT}, {@code -1} for none
	 * @param sessions the client sessions
	 */
	record Server(String user, int maxConnections, int reserved, int roleLimit, int databaseLimit,
			List<Sessions> sessions) {

		Server(String user, int maxConnections, int reserved, int roleLimit, int databaseLimit) {
			this(user, maxConnections, reserved, roleLimit, databaseLimit, new ArrayList<>());
		}

		int capacity() {
			return this.maxConnections - this.reserved;
		}

		int total() {
			int total = 0;
			for (Sessions group : this.sessions) {
				total += group.count;
			}
			return total;
		}

	}

	/**
	 * Client sessions that look alike.
	 *
	 * @param applicationName their {@code application_name}, {@code null} when hidden
	 * @param hidden whether this role cannot see them whole
	 * @param ownRole whether they log in as this role
	 * @param ownDatabase whether they use this database
	 * @param count how many there are
	 */
	record Sessions(@Nullable String applicationName, boolean hidden, boolean ownRole, boolean ownDatabase, int count) {

	}

}
