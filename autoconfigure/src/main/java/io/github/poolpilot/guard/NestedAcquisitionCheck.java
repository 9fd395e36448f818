package io.github.poolpilot.guard;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
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

	NestedAcquisitionCheck(HikariDataSource pool, ConnectionGuard guard) {
		this.pool = pool;
		this.guard = guard;
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
