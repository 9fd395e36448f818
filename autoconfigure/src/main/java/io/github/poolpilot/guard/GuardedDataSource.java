package io.github.poolpilot.guard;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

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

	private final NestedAcquisitionCheck check;

	/**
	 * Wrap a data source bean.
	 * @param target the bean
	 * @param pool the HikariCP pool behind it
	 * @param guard the guard
	 */
	public GuardedDataSource(DataSource target, HikariDataSource pool, ConnectionGuard guard) {
		super(target);
		this.target = target;
		this.check = new NestedAcquisitionCheck(pool, guard);
	}

	@Override
	public Connection getConnection() throws SQLException {
		// a thread that holds no connection borrows straight from the pool
		return this.check.holdsNone() ? this.target.getConnection() : this.check.getConnection(this.target);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return this.check.getConnection(this.target, username, password);
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
