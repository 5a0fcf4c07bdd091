package io.gridloop.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;

/**
 * PostgreSQL's pg_stat_statements, for tests that count statements or plans: the embedded server loads it; a test skips
 * itself on a server without it, or where the tests' user may not create the extension.
 */
public final class StatementCounts {

    /** The calls and plans counted so far of some statements. */
    public record Counted(long calls, long plans) {

        /** What was counted between {@code before} and this. */
        public Counted since(Counted before) {
            return new Counted(calls - before.calls, plans - before.plans);
        }
    }

    private StatementCounts() {
    }

    /** Skips the test unless the server counts statements ({@link #available}). */
    public static void assumeCounted(DataSource dataSource) {
        Assumptions.assumeTrue(available(dataSource), "pg_stat_statements is not loaded on this server");
    }

    /** Skips the test unless the server counts statements and the tests' user may count their planning too. */
    public static void assumePlansCounted(DataSource dataSource) throws SQLException {
        assumeCounted(dataSource);
        Assumptions.assumeTrue(planningCountable(dataSource), "the tests' user may not count planning here");
    }

    /** Whether the server counts statements: the library loaded, and the extension there or made here. */
    private static boolean available(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet loaded = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_settings"
                    + " WHERE name = 'shared_preload_libraries' AND setting LIKE '%pg_stat_statements%')")) {
                loaded.next();
                if (!loaded.getBoolean(1)) {
                    return false;
                }
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return true;
        } catch (SQLException e) {   // an external server where the tests' user may not create the extension
            return false;
        }
    }

    /**
     * Whether planning may be counted here: {@code pg_stat_statements.track_planning} is a superuser's setting, which a
     * test sets for its own transaction only.
     */
    private static boolean planningCountable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet superuser = statement.executeQuery("SELECT usesuper FROM pg_user WHERE usename = current_user")) {
            return superuser.next() && superuser.getBoolean(1);
        }
    }

    /** The calls and plans counted so far, on the whole server, of the statements whose text is like the pattern. */
    public static Counted counted(DataSource dataSource, String like) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(sum(calls), 0), coalesce(sum(plans), 0) FROM pg_stat_statements WHERE query LIKE ?")) {
            statement.setString(1, like);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Counted(row.getLong(1), row.getLong(2));
            }
        }
    }
}
