package io.github.poolpilot.benchmarks.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Connection} that talks to nothing. It keeps the few pieces of state a pool
 * reads back (auto-commit, isolation, read-only, network timeout, catalog, schema) so
 * that HikariCP's reset-on-return logic runs as it would against a driver, and hands out
 * one preallocated {@link StubPreparedStatement} for every statement it is asked for, so
 * that a benchmark measures the pool and its decorators and not the driver.
 *
 * @author Pool Pilot contributors
 */
public final class StubConnection implements Connection {

	private final StubPreparedStatement statement = new StubPreparedStatement(this);

	private boolean autoCommit = true;

	private boolean readOnly;

	private int transactionIsolation = TRANSACTION_READ_COMMITTED;

	private int networkTimeout;

	private int holdability = java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;

	private @Nullable String catalog;

	private @Nullable String schema;

	private boolean closed;

	@Override
	public void abort(Executor executor) throws SQLException {
		this.closed = true;
	}

	@Override
	public void clearWarnings() throws SQLException {
	}

	@Override
	public void close() throws SQLException {
		this.closed = true;
	}

	@Override
	public void commit() throws SQLException {
	}

	@Override
	public Array createArrayOf(String value, Object[] elements) throws SQLException {
		return null;
	}

	@Override
	public Blob createBlob() throws SQLException {
		return null;
	}

	@Override
	public Clob createClob() throws SQLException {
		return null;
	}

	@Override
	public NClob createNClob() throws SQLException {
		return null;
	}

	@Override
	public SQLXML createSQLXML() throws SQLException {
		return null;
	}

	@Override
	public Statement createStatement() throws SQLException {
		return this.statement;
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		return this.statement;
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		return this.statement;
	}

	@Override
	public Struct createStruct(String value, Object[] elements) throws SQLException {
		return null;
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		return this.autoCommit;
	}

	@Override
	public String getCatalog() throws SQLException {
		return this.catalog;
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		return null;
	}

	@Override
	public String getClientInfo(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public int getHoldability() throws SQLException {
		return this.holdability;
	}

	@Override
	public DatabaseMetaData getMetaData() throws SQLException {
		return null;
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		return this.networkTimeout;
	}

	@Override
	public String getSchema() throws SQLException {
		return this.schema;
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		return this.transactionIsolation;
	}

	@Override
	public Map<String, Class<?>> getTypeMap() throws SQLException {
		return Collections.emptyMap();
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return null;
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.closed;
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		return this.readOnly;
	}

	@Override
	public boolean isValid(int value) throws SQLException {
		return !this.closed;
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this);
	}

	@Override
	public String nativeSQL(String sql) throws SQLException {
		return sql;
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return null;
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
		return null;
	}

	@Override
	public CallableStatement prepareCall(String sql) throws SQLException {
		return null;
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		return this.statement;
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		return this.statement;
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return this.statement;
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return this.statement;
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		return this.statement;
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		return this.statement;
	}

	@Override
	public void releaseSavepoint(Savepoint value) throws SQLException {
	}

	@Override
	public void rollback() throws SQLException {
	}

	@Override
	public void rollback(Savepoint value) throws SQLException {
	}

	@Override
	public void setAutoCommit(boolean flag) throws SQLException {
		this.autoCommit = flag;
	}

	@Override
	public void setCatalog(String value) throws SQLException {
		this.catalog = value;
	}

	@Override
	public void setClientInfo(String name, String value) throws SQLClientInfoException {
	}

	@Override
	public void setClientInfo(Properties properties) throws SQLClientInfoException {
	}

	@Override
	public void setHoldability(int value) throws SQLException {
		this.holdability = value;
	}

	@Override
	public void setNetworkTimeout(Executor executor, int value) throws SQLException {
		this.networkTimeout = value;
	}

	@Override
	public void setReadOnly(boolean flag) throws SQLException {
		this.readOnly = flag;
	}

	@Override
	public Savepoint setSavepoint() throws SQLException {
		return null;
	}

	@Override
	public Savepoint setSavepoint(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public void setSchema(String value) throws SQLException {
		this.schema = value;
	}

	@Override
	public void setTransactionIsolation(int value) throws SQLException {
		this.transactionIsolation = value;
	}

	@Override
	public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper for " + type.getName());
	}

}
