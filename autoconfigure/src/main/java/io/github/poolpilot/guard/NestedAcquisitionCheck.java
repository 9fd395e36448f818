package io.github.poolpilot.guard;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.lease.LeaseRegistry;
import io.github.poolpilot.lease.ThreadLeases;

/**
 * The borrow of a guarded data source: asks the {@link ConnectionGuard} whether the
 * thread already holds a connection of the pool, then borrows from the data source it is
 * given, and clears the thread's nested-borrow site once the borrow returned. A thread
 * that holds none pays one thread-local read; nothing is allocated and no lock is taken.
 *
 * @author Pool Pilot contributors
 */
final class NestedAcquisitionCheck {

	private final HikariDataSource pool;

	private final ConnectionGuard guard;

	private final LeaseRegistry leases;

	NestedAcquisitionCheck(HikariDataSource pool, ConnectionGuard guard) {
		this.pool = pool;
		this.guard = guard;
		this.leases = guard.leaseRegistry();
	}

	/**
	 * Return whether the current thread holds no connection at all, so that its borrow
	 * cannot nest: the whole check on the common path, small enough to be inlined where
	 * the data source borrows.
	 * @return whether the thread holds none
	 */
	boolean holdsNone() {
		ThreadLeases held = this.leases.currentThread();
		return held == null || held.count() == 0;
	}

	Connection getConnection(DataSource target) throws SQLException {
		ThreadLeases nested = this.guard.beforeBorrow(this.pool);
		if (nested == null) {
			return target.getConnection();
		}
		try {
			return target.getConnection();
		}
		finally {
			nested.nestedBorrow(null);
		}
	}

	Connection getConnection(DataSource target, String username, String password) throws SQLException {
		ThreadLeases nested = this.guard.beforeBorrow(this.pool);
		if (nested == null) {
			return target.getConnection(username, password);
		}
		try {
			return target.getConnection(username, password);
		}
		finally {
			nested.nestedBorrow(null);
		}
	}

}
