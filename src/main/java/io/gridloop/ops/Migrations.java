package io.gridloop.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * The schema migrates as an ordinary database owner. V1 of release 0.1 created the
 * pg_stat_statements extension, which only a superuser may do; the service never used it, so V1 no
 * longer does. Databases made by that release recorded V1's old checksum, and Flyway would refuse
 * them: before it validates, {@link V1WithoutExtension} moves that one recorded checksum, and only
 * from the old value to the new one, so any other edit of an applied migration is still caught.
 */
@Singleton
public class Migrations implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configure(configuration);
    }

    /** What the service adds to Flyway's configuration; tests configure their own Flyway the same way. */
    public static FluentConfiguration configure(FluentConfiguration configuration) {
        return configuration.callbacks(new V1WithoutExtension());
    }

    static final class V1WithoutExtension extends BaseCallback {

        private static final Logger LOG = Logger.getLogger(V1WithoutExtension.class);
        /** V1__foundation.sql as release 0.1 shipped it (with CREATE EXTENSION pg_stat_statements). */
        static final int RELEASE_0_1 = 1668541420;
        /** V1__foundation.sql as it is now. */
        static final int CURRENT = 1032795340;

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            String table = context.getConfiguration().getTable();
            Connection connection = context.getConnection();
            try {
                if (!exists(connection, table)) {
                    return;
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE \"" + table.replace("\"", "\"\"")
                        + "\" SET checksum = ? WHERE version = '1' AND checksum = ?")) {
                    update.setInt(1, CURRENT);
                    update.setInt(2, RELEASE_0_1);
                    if (update.executeUpdate() > 0) {
                        LOG.info("V1's recorded checksum moved to the version without CREATE EXTENSION pg_stat_statements");
                    }
                }
            } catch (SQLException e) {
                throw new FlywayException("Could not bring V1's checksum from release 0.1 up to date", e);
            }
        }

        private static boolean exists(Connection connection, String table) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(quote_ident(?)) IS NOT NULL")) {
                query.setString(1, table);
                try (ResultSet result = query.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        }

        @Override
        public String getCallbackName() {
            return "gridloop-v1-without-extension";
        }
    }
}
