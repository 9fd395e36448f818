package io.github.poolpilot.guard;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.core.InfrastructureProxy;

/**
 * A HikariCP data source bean that asks the {@link ConnectionGuard} before each borrow
 * whether the thread already holds a connection of the pool: HikariCP has no hook before
 * a borrow, and its metrics tracker runs only once the connection is taken. It stays a
 * {@link HikariDataSource}, so that beans and tests that inject one keep working: every
 * other public method of {@code HikariConfig} and {@code HikariDataSource} goes to the
 * pool it wraps, which holds all state ({@code GuardedHikariDataSourceTests} fails when a
 * HikariCP version adds a method that is not passed on). A thread that holds no
 * connection pays one thread-local read per borrow. Transactions bound to it are bound to
 * the pool it wraps, as before.
 *
 * @author Pool Pilot contributors
 */
public class GuardedHikariDataSource extends HikariDataSource implements InfrastructureProxy {

	private final HikariDataSource target;

	private final NestedAcquisitionCheck check;

	/**
	 * Wrap a pool.
	 * @param target the pool
	 * @param guard the guard
	 */
	public GuardedHikariDataSource(HikariDataSource target, ConnectionGuard guard) {
		this.target = target;
		this.check = new NestedAcquisitionCheck(target, guard);
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
	@SuppressWarnings("unchecked")
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return iface.isInstance(this) ? (T) this : this.target.unwrap(iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return iface.isInstance(this) || this.target.isWrapperFor(iface);
	}

	@Override
	public Object getWrappedObject() {
		return this.target;
	}

	@Override
	public String toString() {
		return this.target.toString();
	}

	// everything else is the pool's

	@Override
	public String getCatalog() {
		return this.target.getCatalog();
	}

	@Override
	public void setCatalog(String arg0) {
		this.target.setCatalog(arg0);
	}

	@Override
	public long getConnectionTimeout() {
		return this.target.getConnectionTimeout();
	}

	@Override
	public void setConnectionTimeout(long arg0) {
		this.target.setConnectionTimeout(arg0);
	}

	@Override
	public long getIdleTimeout() {
		return this.target.getIdleTimeout();
	}

	@Override
	public void setIdleTimeout(long arg0) {
		this.target.setIdleTimeout(arg0);
	}

	@Override
	public long getLeakDetectionThreshold() {
		return this.target.getLeakDetectionThreshold();
	}

	@Override
	public void setLeakDetectionThreshold(long arg0) {
		this.target.setLeakDetectionThreshold(arg0);
	}

	@Override
	public long getMaxLifetime() {
		return this.target.getMaxLifetime();
	}

	@Override
	public void setMaxLifetime(long arg0) {
		this.target.setMaxLifetime(arg0);
	}

	@Override
	public int getMaximumPoolSize() {
		return this.target.getMaximumPoolSize();
	}

	@Override
	public void setMaximumPoolSize(int arg0) {
		this.target.setMaximumPoolSize(arg0);
	}

	@Override
	public int getMinimumIdle() {
		return this.target.getMinimumIdle();
	}

	@Override
	public void setMinimumIdle(int arg0) {
		this.target.setMinimumIdle(arg0);
	}

	@Override
	public String getPassword() {
		return this.target.getPassword();
	}

	@Override
	public void setPassword(String arg0) {
		this.target.setPassword(arg0);
	}

	@Override
	public String getUsername() {
		return this.target.getUsername();
	}

	@Override
	public void setUsername(String arg0) {
		this.target.setUsername(arg0);
	}

	@Override
	public void setCredentials(com.zaxxer.hikari.util.Credentials arg0) {
		this.target.setCredentials(arg0);
	}

	@Override
	public com.zaxxer.hikari.util.Credentials getCredentials() {
		return this.target.getCredentials();
	}

	@Override
	public long getValidationTimeout() {
		return this.target.getValidationTimeout();
	}

	@Override
	public void setValidationTimeout(long arg0) {
		this.target.setValidationTimeout(arg0);
	}

	@Override
	public String getConnectionTestQuery() {
		return this.target.getConnectionTestQuery();
	}

	@Override
	public void setConnectionTestQuery(String arg0) {
		this.target.setConnectionTestQuery(arg0);
	}

	@Override
	public String getConnectionInitSql() {
		return this.target.getConnectionInitSql();
	}

	@Override
	public void setConnectionInitSql(String arg0) {
		this.target.setConnectionInitSql(arg0);
	}

	@Override
	public javax.sql.DataSource getDataSource() {
		return this.target.getDataSource();
	}

	@Override
	public void setDataSource(javax.sql.DataSource arg0) {
		this.target.setDataSource(arg0);
	}

	@Override
	public String getDataSourceClassName() {
		return this.target.getDataSourceClassName();
	}

	@Override
	public void setDataSourceClassName(String arg0) {
		this.target.setDataSourceClassName(arg0);
	}

	@Override
	public void addDataSourceProperty(String arg0, Object arg1) {
		this.target.addDataSourceProperty(arg0, arg1);
	}

	@Override
	public String getDataSourceJNDI() {
		return this.target.getDataSourceJNDI();
	}

	@Override
	public void setDataSourceJNDI(String arg0) {
		this.target.setDataSourceJNDI(arg0);
	}

	@Override
	public java.util.Properties getDataSourceProperties() {
		return this.target.getDataSourceProperties();
	}

	@Override
	public void setDataSourceProperties(java.util.Properties arg0) {
		this.target.setDataSourceProperties(arg0);
	}

	@Override
	public String getDriverClassName() {
		return this.target.getDriverClassName();
	}

	@Override
	public void setDriverClassName(String arg0) {
		this.target.setDriverClassName(arg0);
	}

	@Override
	public String getJdbcUrl() {
		return this.target.getJdbcUrl();
	}

	@Override
	public void setJdbcUrl(String arg0) {
		this.target.setJdbcUrl(arg0);
	}

	@Override
	public boolean isAutoCommit() {
		return this.target.isAutoCommit();
	}

	@Override
	public void setAutoCommit(boolean arg0) {
		this.target.setAutoCommit(arg0);
	}

	@Override
	public boolean isAllowPoolSuspension() {
		return this.target.isAllowPoolSuspension();
	}

	@Override
	public void setAllowPoolSuspension(boolean arg0) {
		this.target.setAllowPoolSuspension(arg0);
	}

	@Override
	public long getInitializationFailTimeout() {
		return this.target.getInitializationFailTimeout();
	}

	@Override
	public void setInitializationFailTimeout(long arg0) {
		this.target.setInitializationFailTimeout(arg0);
	}

	@Override
	public boolean isIsolateInternalQueries() {
		return this.target.isIsolateInternalQueries();
	}

	@Override
	public void setIsolateInternalQueries(boolean arg0) {
		this.target.setIsolateInternalQueries(arg0);
	}

	@Override
	public com.zaxxer.hikari.metrics.MetricsTrackerFactory getMetricsTrackerFactory() {
		return this.target.getMetricsTrackerFactory();
	}

	@Override
	public void setMetricsTrackerFactory(com.zaxxer.hikari.metrics.MetricsTrackerFactory arg0) {
		this.target.setMetricsTrackerFactory(arg0);
	}

	@Override
	public Object getMetricRegistry() {
		return this.target.getMetricRegistry();
	}

	@Override
	public void setMetricRegistry(Object arg0) {
		this.target.setMetricRegistry(arg0);
	}

	@Override
	public Object getHealthCheckRegistry() {
		return this.target.getHealthCheckRegistry();
	}

	@Override
	public void setHealthCheckRegistry(Object arg0) {
		this.target.setHealthCheckRegistry(arg0);
	}

	@Override
	public java.util.Properties getHealthCheckProperties() {
		return this.target.getHealthCheckProperties();
	}

	@Override
	public void setHealthCheckProperties(java.util.Properties arg0) {
		this.target.setHealthCheckProperties(arg0);
	}

	@Override
	public void addHealthCheckProperty(String arg0, String arg1) {
		this.target.addHealthCheckProperty(arg0, arg1);
	}

	@Override
	public long getKeepaliveTime() {
		return this.target.getKeepaliveTime();
	}

	@Override
	public void setKeepaliveTime(long arg0) {
		this.target.setKeepaliveTime(arg0);
	}

	@Override
	public boolean isReadOnly() {
		return this.target.isReadOnly();
	}

	@Override
	public void setReadOnly(boolean arg0) {
		this.target.setReadOnly(arg0);
	}

	@Override
	public boolean isRegisterMbeans() {
		return this.target.isRegisterMbeans();
	}

	@Override
	public void setRegisterMbeans(boolean arg0) {
		this.target.setRegisterMbeans(arg0);
	}

	@Override
	public String getPoolName() {
		return this.target.getPoolName();
	}

	@Override
	public void setPoolName(String arg0) {
		this.target.setPoolName(arg0);
	}

	@Override
	public java.util.concurrent.ScheduledExecutorService getScheduledExecutor() {
		return this.target.getScheduledExecutor();
	}

	@Override
	public void setScheduledExecutor(java.util.concurrent.ScheduledExecutorService arg0) {
		this.target.setScheduledExecutor(arg0);
	}

	@Override
	public String getTransactionIsolation() {
		return this.target.getTransactionIsolation();
	}

	@Override
	public String getSchema() {
		return this.target.getSchema();
	}

	@Override
	public void setSchema(String arg0) {
		this.target.setSchema(arg0);
	}

	@Override
	public String getCredentialsProviderClassName() {
		return this.target.getCredentialsProviderClassName();
	}

	@Override
	public void setCredentialsProviderClassName(String arg0) {
		this.target.setCredentialsProviderClassName(arg0);
	}

	@Override
	public com.zaxxer.hikari.HikariCredentialsProvider getCredentialsProvider() {
		return this.target.getCredentialsProvider();
	}

	@Override
	public void setCredentialsProvider(com.zaxxer.hikari.HikariCredentialsProvider arg0) {
		this.target.setCredentialsProvider(arg0);
	}

	@Override
	public String getExceptionOverrideClassName() {
		return this.target.getExceptionOverrideClassName();
	}

	@Override
	public void setExceptionOverrideClassName(String arg0) {
		this.target.setExceptionOverrideClassName(arg0);
	}

	@Override
	public com.zaxxer.hikari.SQLExceptionOverride getExceptionOverride() {
		return this.target.getExceptionOverride();
	}

	@Override
	public void setExceptionOverride(com.zaxxer.hikari.SQLExceptionOverride arg0) {
		this.target.setExceptionOverride(arg0);
	}

	@Override
	public void setTransactionIsolation(String arg0) {
		this.target.setTransactionIsolation(arg0);
	}

	@Override
	public java.util.concurrent.ThreadFactory getThreadFactory() {
		return this.target.getThreadFactory();
	}

	@Override
	public void setThreadFactory(java.util.concurrent.ThreadFactory arg0) {
		this.target.setThreadFactory(arg0);
	}

	@Override
	public void copyStateTo(com.zaxxer.hikari.HikariConfig arg0) {
		this.target.copyStateTo(arg0);
	}

	@Override
	public void validate() {
		this.target.validate();
	}

	@Override
	public java.io.PrintWriter getLogWriter() throws java.sql.SQLException {
		return this.target.getLogWriter();
	}

	@Override
	public void setLogWriter(java.io.PrintWriter arg0) throws java.sql.SQLException {
		this.target.setLogWriter(arg0);
	}

	@Override
	public void setLoginTimeout(int arg0) throws java.sql.SQLException {
		this.target.setLoginTimeout(arg0);
	}

	@Override
	public int getLoginTimeout() throws java.sql.SQLException {
		return this.target.getLoginTimeout();
	}

	@Override
	public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
		return this.target.getParentLogger();
	}

	@Override
	public boolean isRunning() {
		return this.target.isRunning();
	}

	@Override
	public com.zaxxer.hikari.HikariPoolMXBean getHikariPoolMXBean() {
		return this.target.getHikariPoolMXBean();
	}

	@Override
	public com.zaxxer.hikari.HikariConfigMXBean getHikariConfigMXBean() {
		return this.target.getHikariConfigMXBean();
	}

	@Override
	public void evictConnection(java.sql.Connection arg0) {
		this.target.evictConnection(arg0);
	}

	@Override
	public void close() {
		this.target.close();
	}

	@Override
	public boolean isClosed() {
		return this.target.isClosed();
	}

}
