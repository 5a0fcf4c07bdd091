package io.gridloop.shared.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Singleton;

import javax.sql.DataSource;

import org.hibernate.SessionFactory;
import org.hibernate.engine.jdbc.spi.SqlExceptionHelper;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Statements by JDBC on the connection of the caller's transaction, with no Hibernate session: the data source hands a
 * transaction its own connection, the one the ORM's statements use too, so both see each other's writes (the ORM's once
 * flushed), and outside a transaction a connection of its own for the one statement. A transaction whose statements
 * all come through here never opens a session, whose opening, flush and closing at the commit were about 6 % of a loop
 * request's samples (docs/benchmarks.md). A failure is converted as the ORM converts its own (a unique index's refusal
 * is a {@link org.hibernate.exception.ConstraintViolationException} naming the index), so it is answered the same.
 * What a statement binds and reads is {@link Bulk}'s.
 */
@Singleton
public class Jdbc {

    private final DataSource dataSource;
    private final SqlExceptionHelper errors;

    Jdbc(DataSource dataSource, SessionFactory sessions) {
        this.dataSource = dataSource;
        this.errors = sessions.unwrap(SessionFactoryImplementor.class).getJdbcServices().getSqlExceptionHelper();
    }

    /** The rows of the result. */
    public <T> List<T> rows(String sql, Bulk.Row<T> row, Object... parameters) {
        return run(sql, connection -> Bulk.rows(connection, sql, row, parameters));
    }

    /** Hands each row of the result to {@code each} as it is read, keeping none. */
    public void each(String sql, Bulk.Each each, Object... parameters) {
        run(sql, connection -> {
            Bulk.each(connection, sql, each, parameters);
            return null;
        });
    }

    /** The number of rows the statement changed. */
    public int update(String sql, Object... parameters) {
        return run(sql, connection -> Bulk.update(connection, sql, parameters));
    }

    /**
     * Work of several statements on the transaction's connection, planned together (a statement that sets how the
     * transaction's statements are planned, then the one it is for), failing as the ORM's do.
     */
    public <T> T on(Work<T> work) {
        return run(null, work);
    }

    /** Work on a connection, which may fail as JDBC does. */
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T run(String sql, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw errors.convert(e, "a statement by JDBC failed", sql);
        }
    }
}
