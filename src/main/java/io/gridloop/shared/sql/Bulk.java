package io.gridloop.shared.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Statements on a JDBC connection (the caller's transaction's, by {@link Jdbc}), past the ORM: set-based writes, where a
 * whole column of values travels as one array parameter ({@code unnest(?::text[], ?::bigint[])}), so
 * thousands of rows cost one round trip; and reads of many rows, each read straight from the result
 * (the outbox, the metrics). Java arrays are bound as SQL arrays of their type.
 * <p>
 * The pool (Agroal) wraps the driver's statement and result, and its wrappers ask the transaction manager whether the
 * connection's transaction is still active before every call, each parameter bound and each column read: about a hundred
 * times in a loop request. Binding a parameter and reading a column of a result already received (no fetch size is set
 * here, so a result arrives whole) only touch memory, so they go to the driver's own objects; what reaches the database
 * (preparing, executing, stepping through the rows, closing) still goes through the pool's, which checks the transaction
 * and learns of a connection the database broke.
 */
public final class Bulk {

    /** Reads one row of a result. */
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Takes one row of a result, as it comes. */
    public interface Each {
        void take(ResultSet row) throws SQLException;
    }

    /** Up to this many values, {@link #in} binds each as a parameter of its own. */
    static final int FEW = 8;

    private Bulk() {
    }

    /**
     * The condition that {@code column} holds one of the values, with its parameters: {@code column IN (?, …)} for up to
     * {@value #FEW} values, {@code column = ANY (?)} of one array for more ({@code false} for none). PostgreSQL plans
     * {@code = ANY} of an array parameter again on every call, because it costs the generic plan for an array of unknown
     * length and finds the values at hand cheaper; a statement of single parameters it plans once per connection. A
     * ticket's view after each action asks for one or two values.
     */
    public static Where.Jdbc in(String column, Collection<Long> values) {
        Where.columnOrParameter(column);
        if (values.isEmpty()) {
            return new Where.Jdbc("false", new Object[0]);
        }
        if (values.size() > FEW) {
            return new Where.Jdbc(column + " = ANY (?)", new Object[] { values.toArray(Long[]::new) });
        }
        return new Where.Jdbc(column + " IN (" + Where.places(values.size()) + ")", values.toArray());
    }

    /** The rows of the result on this connection (one the caller's transaction holds). */
    public static <T> List<T> rows(Connection connection, String sql, Row<T> row, Object... parameters) throws SQLException {
        List<T> read = new ArrayList<>();
        each(connection, sql, rows -> read.add(row.read(rows)), parameters);
        return read;
    }

    /**
     * Hands each row of the result on this connection to {@code each} as it is read, keeping none. The columns are read
     * from the driver's own result (see the class's note); the statement runs and the rows are stepped through the pool's.
     */
    static void each(Connection connection, String sql, Each each, Object[] parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet rows = statement.executeQuery()) {
            ResultSet columns = rows.unwrap(ResultSet.class);
            while (rows.next()) {
                each.take(columns);
            }
        }
    }

    /** The number of rows the statement on this connection changed. */
    static int update(Connection connection, String sql, Object[] parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** The statement, its parameters bound on the driver's own statement (see the class's note). */
    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            PreparedStatement values = statement.unwrap(PreparedStatement.class);
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                String arrayType = value instanceof Long[] ? "bigint" : value instanceof Integer[] ? "integer"
                        : value instanceof Boolean[] ? "boolean" : value instanceof String[] ? "text" : null;
                if (arrayType != null) {
                    values.setArray(i + 1, connection.createArrayOf(arrayType, (Object[]) value));
                } else {
                    values.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
