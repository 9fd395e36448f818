package io.github.poolpilot.benchmarks.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * An empty, forward-only {@link ResultSet}: {@code next()} is always {@code false} and
 * every getter returns the SQL {@code NULL} of its type. One instance per statement is
 * reused for every query.
 *
 * @author Pool Pilot contributors
 */
public final class StubResultSet implements ResultSet {

	private final Statement statement;

	StubResultSet(Statement statement) {
		this.statement = statement;
	}

	@Override
	public boolean absolute(int value) throws SQLException {
		return false;
	}

	@Override
	public void afterLast() throws SQLException {
	}

	@Override
	public void beforeFirst() throws SQLException {
	}

	@Override
	public void cancelRowUpdates() throws SQLException {
	}

	@Override
	public void clearWarnings() throws SQLException {
	}

	@Override
	public void close() throws SQLException {
	}

	@Override
	public void deleteRow() throws SQLException {
	}

	@Override
	public int findColumn(String value) throws SQLException {
		return 1;
	}

	@Override
	public boolean first() throws SQLException {
		return false;
	}

	@Override
	public Array getArray(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Array getArray(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public InputStream getAsciiStream(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public InputStream getAsciiStream(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public BigDecimal getBigDecimal(String columnLabel, int value) throws SQLException {
		return null;
	}

	@Override
	public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public BigDecimal getBigDecimal(int columnIndex, int value) throws SQLException {
		return null;
	}

	@Override
	public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public InputStream getBinaryStream(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public InputStream getBinaryStream(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public Blob getBlob(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Blob getBlob(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public boolean getBoolean(String columnLabel) throws SQLException {
		return false;
	}

	@Override
	public boolean getBoolean(int columnIndex) throws SQLException {
		return false;
	}

	@Override
	public byte getByte(String columnLabel) throws SQLException {
		return 0;
	}

	@Override
	public byte getByte(int columnIndex) throws SQLException {
		return 0;
	}

	@Override
	public byte[] getBytes(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public byte[] getBytes(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public Reader getCharacterStream(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Reader getCharacterStream(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public Clob getClob(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Clob getClob(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public int getConcurrency() throws SQLException {
		return CONCUR_READ_ONLY;
	}

	@Override
	public String getCursorName() throws SQLException {
		return null;
	}

	@Override
	public Date getDate(String columnLabel, Calendar calendar) throws SQLException {
		return null;
	}

	@Override
	public Date getDate(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Date getDate(int columnIndex, Calendar calendar) throws SQLException {
		return null;
	}

	@Override
	public Date getDate(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public double getDouble(String columnLabel) throws SQLException {
		return 0;
	}

	@Override
	public double getDouble(int columnIndex) throws SQLException {
		return 0;
	}

	@Override
	public int getFetchDirection() throws SQLException {
		return FETCH_FORWARD;
	}

	@Override
	public int getFetchSize() throws SQLException {
		return 0;
	}

	@Override
	public float getFloat(String columnLabel) throws SQLException {
		return 0;
	}

	@Override
	public float getFloat(int columnIndex) throws SQLException {
		return 0;
	}

	@Override
	public int getHoldability() throws SQLException {
		return HOLD_CURSORS_OVER_COMMIT;
	}

	@Override
	public int getInt(String columnLabel) throws SQLException {
		return 0;
	}

	@Override
	public int getInt(int columnIndex) throws SQLException {
		return 0;
	}

	@Override
	public long getLong(String columnLabel) throws SQLException {
		return 0;
	}

	@Override
	public long getLong(int columnIndex) throws SQLException {
		return 0;
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return null;
	}

	@Override
	public Reader getNCharacterStream(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Reader getNCharacterStream(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public NClob getNClob(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public NClob getNClob(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public String getNString(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public String getNString(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
		return null;
	}

	@Override
	public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
		return null;
	}

	@Override
	public Object getObject(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
		return null;
	}

	@Override
	public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
		return null;
	}

	@Override
	public Object getObject(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public Ref getRef(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Ref getRef(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public int getRow() throws SQLException {
		return 0;
	}

	@Override
	public RowId getRowId(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public RowId getRowId(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public SQLXML getSQLXML(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public SQLXML getSQLXML(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public short getShort(String columnLabel) throws SQLException {
		return 0;
	}

	@Override
	public short getShort(int columnIndex) throws SQLException {
		return 0;
	}

	@Override
	public Statement getStatement() throws SQLException {
		return this.statement;
	}

	@Override
	public String getString(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public String getString(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public Time getTime(String columnLabel, Calendar calendar) throws SQLException {
		return null;
	}

	@Override
	public Time getTime(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Time getTime(int columnIndex, Calendar calendar) throws SQLException {
		return null;
	}

	@Override
	public Time getTime(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public Timestamp getTimestamp(String columnLabel, Calendar calendar) throws SQLException {
		return null;
	}

	@Override
	public Timestamp getTimestamp(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
		return null;
	}

	@Override
	public Timestamp getTimestamp(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public int getType() throws SQLException {
		return TYPE_FORWARD_ONLY;
	}

	@Override
	public URL getURL(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public URL getURL(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public InputStream getUnicodeStream(String columnLabel) throws SQLException {
		return null;
	}

	@Override
	public InputStream getUnicodeStream(int columnIndex) throws SQLException {
		return null;
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return null;
	}

	@Override
	public void insertRow() throws SQLException {
	}

	@Override
	public boolean isAfterLast() throws SQLException {
		return false;
	}

	@Override
	public boolean isBeforeFirst() throws SQLException {
		return false;
	}

	@Override
	public boolean isClosed() throws SQLException {
		return false;
	}

	@Override
	public boolean isFirst() throws SQLException {
		return false;
	}

	@Override
	public boolean isLast() throws SQLException {
		return false;
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this);
	}

	@Override
	public boolean last() throws SQLException {
		return false;
	}

	@Override
	public void moveToCurrentRow() throws SQLException {
	}

	@Override
	public void moveToInsertRow() throws SQLException {
	}

	@Override
	public boolean next() throws SQLException {
		return false;
	}

	@Override
	public boolean previous() throws SQLException {
		return false;
	}

	@Override
	public void refreshRow() throws SQLException {
	}

	@Override
	public boolean relative(int value) throws SQLException {
		return false;
	}

	@Override
	public boolean rowDeleted() throws SQLException {
		return false;
	}

	@Override
	public boolean rowInserted() throws SQLException {
		return false;
	}

	@Override
	public boolean rowUpdated() throws SQLException {
		return false;
	}

	@Override
	public void setFetchDirection(int value) throws SQLException {
	}

	@Override
	public void setFetchSize(int value) throws SQLException {
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper for " + type.getName());
	}

	@Override
	public void updateArray(String columnLabel, Array value) throws SQLException {
	}

	@Override
	public void updateArray(int columnIndex, Array value) throws SQLException {
	}

	@Override
	public void updateAsciiStream(String columnLabel, InputStream value, int length) throws SQLException {
	}

	@Override
	public void updateAsciiStream(String columnLabel, InputStream value, long length) throws SQLException {
	}

	@Override
	public void updateAsciiStream(String columnLabel, InputStream value) throws SQLException {
	}

	@Override
	public void updateAsciiStream(int columnIndex, InputStream value, int length) throws SQLException {
	}

	@Override
	public void updateAsciiStream(int columnIndex, InputStream value, long length) throws SQLException {
	}

	@Override
	public void updateAsciiStream(int columnIndex, InputStream value) throws SQLException {
	}

	@Override
	public void updateBigDecimal(String columnLabel, BigDecimal value) throws SQLException {
	}

	@Override
	public void updateBigDecimal(int columnIndex, BigDecimal value) throws SQLException {
	}

	@Override
	public void updateBinaryStream(String columnLabel, InputStream value, int length) throws SQLException {
	}

	@Override
	public void updateBinaryStream(String columnLabel, InputStream value, long length) throws SQLException {
	}

	@Override
	public void updateBinaryStream(String columnLabel, InputStream value) throws SQLException {
	}

	@Override
	public void updateBinaryStream(int columnIndex, InputStream value, int length) throws SQLException {
	}

	@Override
	public void updateBinaryStream(int columnIndex, InputStream value, long length) throws SQLException {
	}

	@Override
	public void updateBinaryStream(int columnIndex, InputStream value) throws SQLException {
	}

	@Override
	public void updateBlob(String columnLabel, InputStream value, long length) throws SQLException {
	}

	@Override
	public void updateBlob(String columnLabel, InputStream value) throws SQLException {
	}

	@Override
	public void updateBlob(String columnLabel, Blob value) throws SQLException {
	}

	@Override
	public void updateBlob(int columnIndex, InputStream value, long length) throws SQLException {
	}

	@Override
	public void updateBlob(int columnIndex, InputStream value) throws SQLException {
	}

	@Override
	public void updateBlob(int columnIndex, Blob value) throws SQLException {
	}

	@Override
	public void updateBoolean(String columnLabel, boolean flag) throws SQLException {
	}

	@Override
	public void updateBoolean(int columnIndex, boolean flag) throws SQLException {
	}

	@Override
	public void updateByte(String columnLabel, byte value) throws SQLException {
	}

	@Override
	public void updateByte(int columnIndex, byte value) throws SQLException {
	}

	@Override
	public void updateBytes(String columnLabel, byte[] value) throws SQLException {
	}

	@Override
	public void updateBytes(int columnIndex, byte[] value) throws SQLException {
	}

	@Override
	public void updateCharacterStream(String columnLabel, Reader value, int length) throws SQLException {
	}

	@Override
	public void updateCharacterStream(String columnLabel, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateCharacterStream(String columnLabel, Reader value) throws SQLException {
	}

	@Override
	public void updateCharacterStream(int columnIndex, Reader value, int length) throws SQLException {
	}

	@Override
	public void updateCharacterStream(int columnIndex, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateCharacterStream(int columnIndex, Reader value) throws SQLException {
	}

	@Override
	public void updateClob(String columnLabel, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateClob(String columnLabel, Reader value) throws SQLException {
	}

	@Override
	public void updateClob(String columnLabel, Clob value) throws SQLException {
	}

	@Override
	public void updateClob(int columnIndex, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateClob(int columnIndex, Reader value) throws SQLException {
	}

	@Override
	public void updateClob(int columnIndex, Clob value) throws SQLException {
	}

	@Override
	public void updateDate(String columnLabel, Date value) throws SQLException {
	}

	@Override
	public void updateDate(int columnIndex, Date value) throws SQLException {
	}

	@Override
	public void updateDouble(String columnLabel, double value) throws SQLException {
	}

	@Override
	public void updateDouble(int columnIndex, double value) throws SQLException {
	}

	@Override
	public void updateFloat(String columnLabel, float value) throws SQLException {
	}

	@Override
	public void updateFloat(int columnIndex, float value) throws SQLException {
	}

	@Override
	public void updateInt(String columnLabel, int value) throws SQLException {
	}

	@Override
	public void updateInt(int columnIndex, int value) throws SQLException {
	}

	@Override
	public void updateLong(String columnLabel, long length) throws SQLException {
	}

	@Override
	public void updateLong(int columnIndex, long length) throws SQLException {
	}

	@Override
	public void updateNCharacterStream(String columnLabel, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateNCharacterStream(String columnLabel, Reader value) throws SQLException {
	}

	@Override
	public void updateNCharacterStream(int columnIndex, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateNCharacterStream(int columnIndex, Reader value) throws SQLException {
	}

	@Override
	public void updateNClob(String columnLabel, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateNClob(String columnLabel, Reader value) throws SQLException {
	}

	@Override
	public void updateNClob(String columnLabel, NClob value) throws SQLException {
	}

	@Override
	public void updateNClob(int columnIndex, Reader value, long length) throws SQLException {
	}

	@Override
	public void updateNClob(int columnIndex, Reader value) throws SQLException {
	}

	@Override
	public void updateNClob(int columnIndex, NClob value) throws SQLException {
	}

	@Override
	public void updateNString(String columnLabel, String value) throws SQLException {
	}

	@Override
	public void updateNString(int columnIndex, String value) throws SQLException {
	}

	@Override
	public void updateNull(String columnLabel) throws SQLException {
	}

	@Override
	public void updateNull(int columnIndex) throws SQLException {
	}

	@Override
	public void updateObject(String columnLabel, Object value, int targetSqlTypeOrScale) throws SQLException {
	}

	@Override
	public void updateObject(String columnLabel, Object value) throws SQLException {
	}

	@Override
	public void updateObject(int columnIndex, Object value, int targetSqlTypeOrScale) throws SQLException {
	}

	@Override
	public void updateObject(int columnIndex, Object value) throws SQLException {
	}

	@Override
	public void updateRef(String columnLabel, Ref value) throws SQLException {
	}

	@Override
	public void updateRef(int columnIndex, Ref value) throws SQLException {
	}

	@Override
	public void updateRow() throws SQLException {
	}

	@Override
	public void updateRowId(String columnLabel, RowId value) throws SQLException {
	}

	@Override
	public void updateRowId(int columnIndex, RowId value) throws SQLException {
	}

	@Override
	public void updateSQLXML(String columnLabel, SQLXML value) throws SQLException {
	}

	@Override
	public void updateSQLXML(int columnIndex, SQLXML value) throws SQLException {
	}

	@Override
	public void updateShort(String columnLabel, short value) throws SQLException {
	}

	@Override
	public void updateShort(int columnIndex, short value) throws SQLException {
	}

	@Override
	public void updateString(String columnLabel, String value) throws SQLException {
	}

	@Override
	public void updateString(int columnIndex, String value) throws SQLException {
	}

	@Override
	public void updateTime(String columnLabel, Time value) throws SQLException {
	}

	@Override
	public void updateTime(int columnIndex, Time value) throws SQLException {
	}

	@Override
	public void updateTimestamp(String columnLabel, Timestamp value) throws SQLException {
	}

	@Override
	public void updateTimestamp(int columnIndex, Timestamp value) throws SQLException {
	}

	@Override
	public boolean wasNull() throws SQLException {
		return false;
	}

}
