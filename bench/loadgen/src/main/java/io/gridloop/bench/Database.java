package io.gridloop.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded PostgreSQL, as the superuser, over JDBC: counting statements (pg_stat_statements)
 * and checking the claim race's outcome. Nothing here is part of what is measured.
 */
final class Database implements AutoCloseable {

    /**
     * Transaction control and session settings: in pg_stat_statements, but not work a filing asks
     * for. pgbench's statements keep the script's comments in front, hence the comment lines
     * (a PostgreSQL regular expression: \y is its word boundary).
     */
    private static final String NOT_WORK = "^\\s*(--[^\\n]*\\n\\s*)*(BEGIN|COMMIT|ROLLBACK|START|SET|SHOW|RESET|DISCARD|DEALLOCATE)\\y";

    private final Connection connection;

    Database(String port) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    void resetStatements() throws SQLException {
        // the service's migrations no longer create it (they run as an ordinary owner); the bench is the superuser
        try (PreparedStatement s = connection.prepareStatement("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) {
            s.execute();
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_stat_statements_reset()")) {
            s.execute();
        }
    }

    /** A statement as pg_stat_statements counts it: its calls since the reset and its normalized text. */
    record Statement(long calls, String query) {
    }

    /**
     * The statements executed in this database since the reset, most called first, without
     * transaction control, without this class's own, and without the bodies of the schema's SQL
     * functions: PostgreSQL 18 lists the body of {@code search_document} (V9; the ticket search index's
     * expression, evaluated for each inserted ticket) as a top-level statement for the service's
     * prepared INSERT but not for pgbench's, though both run it.
     */
    List<Statement> statementsSinceReset() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT s.calls, s.query FROM pg_stat_statements s
                WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.toplevel
                  AND s.query NOT ILIKE '%pg_stat_statements%' AND s.query !~* ?
                  AND NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang AND l.lanname = 'sql'
                                  JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = current_schema()
                                  WHERE length(btrim(p.prosrc)) >= 40
                                    AND starts_with(regexp_replace(s.query, '\\s+', ' ', 'g'),
                                                    left(regexp_replace(btrim(p.prosrc), '\\s+', ' ', 'g'), 40)))
                ORDER BY s.calls DESC, s.query""")) {
            s.setString(1, NOT_WORK);
            List<Statement> statements = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    statements.add(new Statement(r.getLong(1), r.getString(2)));
                }
            }
            return statements;
        }
    }

    static long calls(List<Statement> statements) {
        return statements.stream().mapToLong(Statement::calls).sum();
    }

    /** What the database holds about one raced ticket. */
    record Claimed(long ticketId, long claimEvents, String status, Long assigneeId) {
    }

    List<Claimed> claimed(List<Long> ticketIds) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT t.id, (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id AND e.action = 'claim'),
                       t.status, t.assignee_id
                FROM ticket t WHERE t.id = ANY (?) ORDER BY t.id""")) {
            Array ids = connection.createArrayOf("bigint", ticketIds.toArray());
            s.setArray(1, ids);
            List<Claimed> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long assignee = r.getLong(4);
                    rows.add(new Claimed(r.getLong(1), r.getLong(2), r.getString(3), r.wasNull() ? null : assignee));
                }
            }
            return rows;
        }
    }

    /** One line about the server the figures come from. */
    String describe() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT 'PostgreSQL ' || current_setting('server_version')"
                + " || ', fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')"
                + " || ', shared_buffers ' || current_setting('shared_buffers')"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
