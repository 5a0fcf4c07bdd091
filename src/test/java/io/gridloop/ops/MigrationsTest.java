package io.gridloop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The schema migrates as an ordinary database owner (CREATE ROLE gridloop LOGIN; CREATE DATABASE
 * gridloop OWNER gridloop), on a fresh database and on one made by the previous release (0.1:
 * V1..V7 as commit ac1f82d shipped them, kept in src/test/resources/db/release-0.1). Plain JUnit
 * on an embedded server of its own, so each case has a database nobody else touches.
 */
class MigrationsTest {

    private static final String CURRENT = "classpath:db/migration";
    private static final String RELEASE_0_1 = "classpath:db/release-0.1";

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedPostgres.builder().setLocaleConfig("encoding", "UTF8").setLocaleConfig("locale", "C.UTF-8")
                .setServerConfig("fsync", "off").start();
    }

    /** The migrations of this release, V1 to Vn without gaps: one file each. */
    private static int migrationsOfThisRelease() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void a_fresh_database_migrates_as_its_owner_who_is_no_superuser() throws Exception {
        String url = ownedDatabase("fresh");

        var result = flyway(url, CURRENT).migrate();

        assertEquals(migrationsOfThisRelease(), result.migrationsExecuted);
        try (Connection owner = DriverManager.getConnection(url, "fresh", "secret")) {
            assertEquals(List.of("false"), column(owner, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
            assertEquals(List.of(), column(owner, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'fresh'"));
            assertEquals(List.of(Integer.toString(Migrations.V1WithoutExtension.CURRENT)),
                    column(owner, "SELECT checksum::text FROM flyway_schema_history WHERE version = '1'"));
        }
    }

    @Test
    void the_previous_release_needed_a_superuser_for_its_first_migration() throws Exception {
        String url = ownedDatabase("before");

        assertThrows(RuntimeException.class, () -> flyway(url, RELEASE_0_1).migrate());
    }

    @Test
    void a_database_of_the_previous_release_upgrades_as_its_owner_and_keeps_its_data() throws Exception {
        String url = ownedDatabase("upgrade");
        // what a DBA had to do for release 0.1, whose V1 created the extension
        try (Connection dba = DriverManager.getConnection(url.replace("?", "?user=postgres&"));
                Statement statement = dba.createStatement()) {
            statement.execute("CREATE EXTENSION pg_stat_statements");
        }
        assertEquals(7, flyway(url, RELEASE_0_1).migrate().migrationsExecuted);
        try (Connection owner = DriverManager.getConnection(url, "upgrade", "secret");
                Statement statement = owner.createStatement()) {
            assertEquals(List.of(Integer.toString(Migrations.V1WithoutExtension.RELEASE_0_1)),
                    column(owner, "SELECT checksum::text FROM flyway_schema_history WHERE version = '1'"));
            statement.execute("INSERT INTO region (id, district_id, type, name, path) VALUES (1, 1, 'DISTRICT', '示范区', '')");
        }

        var result = flyway(url, CURRENT).migrate();

        assertEquals(migrationsOfThisRelease() - 7, result.migrationsExecuted);
        flyway(url, CURRENT).validate();
        try (Connection owner = DriverManager.getConnection(url, "upgrade", "secret")) {
            assertEquals(List.of("示范区"), column(owner, "SELECT name FROM region"));
            assertEquals(List.of(Integer.toString(migrationsOfThisRelease())),
                    column(owner, "SELECT max(version::int)::text FROM flyway_schema_history"));
        }
    }

    @Test
    void another_edit_of_an_applied_migration_is_still_refused() throws Exception {
        String url = ownedDatabase("edited");
        flyway(url, CURRENT).migrate();
        try (Connection owner = DriverManager.getConnection(url, "edited", "secret");
                Statement statement = owner.createStatement()) {
            statement.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
        }

        assertThrows(FlywayValidateException.class, () -> flyway(url, CURRENT).validate());
    }

    /** A login role that is no superuser, and a database it owns: what the README asks an operator for. */
    private static String ownedDatabase(String name) throws SQLException {
        try (Connection superuser = server.getPostgresDatabase().getConnection();
                Statement statement = superuser.createStatement()) {
            statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD 'secret'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + name);
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name + "?";
    }

    private static Flyway flyway(String url, String location) {
        String user = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        return Migrations.configure(Flyway.configure().dataSource(url, user, "secret").locations(location)).load();
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }
}
