package io.github.poolpilot.benchmarks.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A {@link PreparedStatement} whose executions do nothing: {@code execute} reports no
 * result set, updates count nothing, and {@code executeQuery} returns one preallocated,
 * empty {@link StubResultSet}. It serves as the plain statement too. Nothing is allocated
 * per call.
 *
 * @author Pool Pilot contributors
 */
public final class StubPreparedStatement implements PreparedStatement {

	private static final int[] NO_UPDATE_COUNTS = {};

	private final Connection connection;

	private final StubResultSet resultSet = new StubResultSet(this);

	StubPreparedStatement(Connection connection) {
		this.connection = connection;
	}

	@Override
	public void addBatch() throws SQLException {
	}

	@Override
	public void addBatch(String sql) throws SQLException {
	}

	@Override
	public void cancel() throws SQLException {
	}

	@Override
	public void clearBatch() throws SQLException {
	}

	@Override
	public void clearParameters() throws SQLException {
	}

	@Override
	public void clearWarnings() throws SQLException {
	}

	@Override
	public void close() throws SQLException {
	}

	@Override
	public void closeOnCompletion() throws SQLException {
	}

	@Override
	public boolean execute() throws SQLException {
		return false;
	}

	@Override
	public boolean execute(String sql, int[] columnIndexes) throws SQLException {
		return false;
	}

	@Override
	public boolean execute(String sql, String[] columnNames) throws SQLException {
		return false;
	}

	@Override
	public boolean execute(String sql, int value) throws SQLException {
		return false;
	}

	@Override
	public boolean execute(String sql) throws SQLException {
		return false;
	}

	@Override
	public int[] executeBatch() throws SQLException {
		return NO_UPDATE_COUNTS;
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		return this.resultSet;
	}

	@Override
	public ResultSet executeQuery(String sql) throws SQLException {
		return this.resultSet;
	}

	@Override
	public int executeUpdate() throws SQLException {
		return 0;
	}

	@Override
	public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
		return 0;
	}

	@Override
	public int executeUpdate(String sql, String[] columnNames) throws SQLException {
		return 0;
	}

	@Override
	public int executeUpdate(String sql, int value) throws SQLException {
		return 0;
	}

	@Override
	public int executeUpdate(String sql) throws SQLException {
		return 0;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.connection;
	}

	@Override
	public int getFetchDirection() throws SQLException {
		return ResultSet.FETCH_FORWARD;
	}

	@Override
	public int getFetchSize() throws SQLException {
		return 0;
	}

	@Override
	public ResultSet getGeneratedKeys() throws SQLException {
		return null;
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		return 0;
	}

	@Override
	public int getMaxRows() throws SQLException {
		return 0;
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return null;
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		return false;
	}

	@Override
	public boolean getMoreResults(int value) throws SQLException {
		return false;
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		return null;
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		return 0;
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		return null;
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		return ResultSet.CONCUR_READ_ONLY;
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		return ResultSet.HOLD_CURSORS_OVER_COMMIT;
	}

	@Override
	public int getResultSetType() throws SQLException {
		return ResultSet.TYPE_FORWARD_ONLY;
	}

	@Override
	public int getUpdateCount() throws SQLException {
		return -1;
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return null;
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		return false;
	}

	@Override
	public boolean isClosed() throws SQLException {
		return false;
	}

	@Override
	public boolean isPoolable() throws SQLException {
		return false;
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this);
	}

	@Override
	public void setArray(int index, Array value) throws SQLException {
	}

	@Override
	public void setAsciiStream(int index, InputStream value, int length) throws SQLException {
	}

	@Override
	public void setAsciiStream(int index, InputStream value, long length) throws SQLException {
	}

	@Override
	public void setAsciiStream(int index, InputStream value) throws SQLException {
	}

	@Override
	public void setBigDecimal(int index, BigDecimal value) throws SQLException {
	}

	@Override
	public void setBinaryStream(int index, InputStream value, int length) throws SQLException {
	}

	@Override
	public void setBinaryStream(int index, InputStream value, long length) throws SQLException {
	}

	@Override
	public void setBinaryStream(int index, InputStream value) throws SQLException {
	}

	@Override
	public void setBlob(int index, InputStream value, long length) throws SQLException {
	}

	@Override
	public void setBlob(int index, InputStream value) throws SQLException {
	}

	@Override
	public void setBlob(int index, Blob value) throws SQLException {
	}

	@Override
	public void setBoolean(int index, boolean flag) throws SQLException {
	}

	@Override
	public void setByte(int index, byte value) throws SQLException {
	}

	@Override
	public void setBytes(int index, byte[] value) throws SQLException {
	}

	@Override
	public void setCharacterStream(int index, Reader value, int length) throws SQLException {
	}

	@Override
	public void setCharacterStream(int index, Reader value, long length) throws SQLException {
	}

	@Override
	public void setCharacterStream(int index, Reader value) throws SQLException {
	}

	@Override
	public void setClob(int index, Reader value, long length) throws SQLException {
	}

	@Override
	public void setClob(int index, Reader value) throws SQLException {
	}

	@Override
	public void setClob(int index, Clob value) throws SQLException {
	}

	@Override
	public void setCursorName(String value) throws SQLException {
	}

	@Override
	public void setDate(int index, Date value, Calendar calendar) throws SQLException {
	}

	@Override
	public void setDate(int index, Date value) throws SQLException {
	}

	@Override
	public void setDouble(int index, double value) throws SQLException {
	}

	@Override
	public void setEscapeProcessing(boolean flag) throws SQLException {
	}

	@Override
	public void setFetchDirection(int value) throws SQLException {
	}

	@Override
	public void setFetchSize(int value) throws SQLException {
	}

	@Override
	public void setFloat(int index, float value) throws SQLException {
	}

	@Override
	public void setInt(int index, int value) throws SQLException {
	}

	@Override
	public void setLong(int index, long length) throws SQLException {
	}

	@Override
	public void setMaxFieldSize(int value) throws SQLException {
	}

	@Override
	public void setMaxRows(int value) throws SQLException {
	}

	@Override
	public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
	}

	@Override
	public void setNCharacterStream(int index, Reader value) throws SQLException {
	}

	@Override
	public void setNClob(int index, Reader value, long length) throws SQLException {
	}

	@Override
	public void setNClob(int index, Reader value) throws SQLException {
	}

	@Override
	public void setNClob(int index, NClob value) throws SQLException {
	}

	@Override
	public void setNString(int index, String value) throws SQLException {
	}

	@Override
	public void setNull(int index, int sqlType, String typeName) throws SQLException {
	}

	@Override
	public void setNull(int index, int sqlType) throws SQLException {
	}

	@Override
	public void setObject(int index, Object value, int targetSqlType, int scaleOrLength) throws SQLException {
	}

	@Override
	public void setObject(int index, Object value, int targetSqlTypeOrScale) throws SQLException {
	}

	@Override
	public void setObject(int index, Object value) throws SQLException {
	}

	@Override
	public void setPoolable(boolean flag) throws SQLException {
	}

	@Override
	public void setQueryTimeout(int value) throws SQLException {
	}

	@Override
	public void setRef(int index, Ref value) throws SQLException {
	}

	@Override
	public void setRowId(int index, RowId value) throws SQLException {
	}

	@Override
	public void setSQLXML(int index, SQLXML value) throws SQLException {
	}

	@Override
	public void setShort(int index, short value) throws SQLException {
	}

	@Override
	public void setString(int index, String value) throws SQLException {
	}

	@Override
	public void setTime(int index, Time value, Calendar calendar) throws SQLException {
	}

	@Override
	public void setTime(int index, Time value) throws SQLException {
	}

	@Override
	public void setTimestamp(int index, Timestamp value, Calendar calendar) throws SQLException {
	}

	@Override
	public void setTimestamp(int index, Timestamp value) throws SQLException {
	}

	@Override
	public void setURL(int index, URL value) throws SQLException {
	}

	@Override
	public void setUnicodeStream(int index, InputStream value, int length) throws SQLException {
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper for " + type.getName());
	}

}
