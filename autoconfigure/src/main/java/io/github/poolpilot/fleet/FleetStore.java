package io.github.poolpilot.fleet;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Where the replicas of every fleet on one database meet: the database itself. An
 * implementation publishes one replica's claim, renews its lease and grants it a share,
 * all in one short transaction on a connection it is lent; it holds nothing open between
 * two calls.
 *
 * @author Pool Pilot contributors
 */
public interface FleetStore {

	/**
	 * Make sure the replicas can meet: the table exists (created when the role may) and
	 * the role may read and write it.
	 * @param connection a connection lent for the call
	 * @return {@code null} when ready, or what a DBA must grant or run, for a warning
	 * @throws SQLException when the database cannot be read
	 */
	@Nullable String prepare(Connection connection) throws SQLException;

	/**
	 * Publish a replica's claim, renew its lease and grant it a share of what is free.
	 * @param connection a connection lent for the call
	 * @param claim what the replica asks for
	 * @return what the replica learned
	 * @throws SQLException when the database cannot be read or written
	 */
	FleetView exchange(Connection connection, Publication claim) throws SQLException;

	/**
	 * Without the table: the budget divided evenly among the replicas of every fleet seen
	 * connected.
	 * @param connection a connection lent for the call
	 * @param claim what the replica asks for
	 * @return what the replica can see
	 * @throws SQLException when the database cannot be read
	 */
	FleetView observe(Connection connection, Publication claim) throws SQLException;

	/**
	 * Give up a replica's lease, so that its share returns to the others at once.
	 * @param connection a connection lent for the call
	 * @param claim the replica
	 * @throws SQLException when the database cannot be written
	 */
	void leave(Connection connection, Publication claim) throws SQLException;

	/**
	 * What one replica publishes in a heartbeat.
	 *
	 * @param fleet the fleet's name
	 * @param replica the replica's id
	 * @param applicationName the {@code application_name} of its connections
	 * @param demand the connections its load needs
	 * @param connections the connections its pool holds, should the database not show
	 * them by name
	 * @param leaseSeconds how long its lease lasts without renewal
	 */
	record Publication(String fleet, String replica, String applicationName, int demand, int connections,
			long leaseSeconds) {

	}

}
