package io.gridloop.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * PostgreSQL's pg_stat_statements, for tests that count statements or plans: the embedded server loads it; a test skips
 * itself on a server without it, or where the tests' user may not create the extension.
 */
public final class StatementCounts {

    private StatementCounts() {
    }

    /** Whether the server counts statements: the library loaded, and the extension there or made here. */
    public static boolean available(DataSource dataSource) {
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
}
