package io.github.poolpilot.guard;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.lease.ThreadLeases;

import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source bean over a HikariCP pool that asks the {@link ConnectionGuard} before
 * each borrow whether the thread already holds a connection of that pool: HikariCP has no
 * hook before a borrow, and its metrics tracker runs only once the connection is taken. A
 * thread that holds none pays one thread-local read. {@code unwrap}, {@code isWrapperFor}
 * and Spring Boot's {@code DataSourceUnwrapper} see through it, and transactions bound to
 * it are bound to the data source it wraps, as before.
 *
 * @author Pool Pilot contributors
 */
public class GuardedDataSource extends DelegatingDataSource implements InfrastructureProxy {

	private final DataSource target;

	private final HikariDataSource pool;

	private final ConnectionGuard guard;

	/**
	 * Wrap a data source bean.
	 * @param target the bean
	 * @param pool the HikariCP pool behind it
	 * @param guard the guard
	 */
	public GuardedDataSource(DataSource target, HikariDataSource pool, ConnectionGuard guard) {
		super(target);
		this.target = target;
		this.pool = pool;
		this.guard = guard;
	}

	@Override
	public Connection getConnection() throws SQLException {
		ThreadLeases nested = this.guard.beforeBorrow(this.pool);
		if (nested == null) {
			return this.target.getConnection();
		}
		try {
			return this.target.getConnection();
		}
		finally {
			nested.nestedBorrow(null);
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		ThreadLeases nested = this.guard.beforeBorrow(this.pool);
		if (nested == null) {
			return this.target.getConnection(username, password);
		}
		try {
			return this.target.getConnection(username, password);
		}
		finally {
			nested.nestedBorrow(null);
		}
	}

	@Override
	public Object getWrappedObject() {
		return this.target;
	}

	@Override
	public String toString() {
		return "GuardedDataSource over " + this.target;
	}

}
